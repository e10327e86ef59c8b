#include "ingest/config_handler.hpp"

#include <cctype>
#include <charconv>
#include <tuple>

#include <fmt/format.h>

#include "util/time.hpp"
#include "util/json.hpp"
#include "util/text.hpp"

namespace csx::ingest {

using text::to_int;
using text::trim;

namespace {

std::string json_array(const std::vector<std::string>& v) {
    std::string out;
    json::builder b(out);
    b.begin_array();
    for (const auto& s : v)
        b.value(s);
    b.end_array();
    return out;
}

constexpr std::string_view kPartition = "ma-data/ma-partition-data/partition";

}  // namespace

config_handler::config_handler(std::string_view document_name, xml::parser_options opts,
                               store::table_writer& w, std::int64_t file_id)
    : xml_input(document_name, std::move(opts)), w_(w), file_id_(file_id) {}

void config_handler::on_start(std::string_view name, const xml::attributes& attrs,
                              std::int64_t line) {
    if (path_lens_.empty()) {
        if (!saved_wrapper_ && wrapper_depth_ == 0 && name == "saved-ma-configuration") {
            saved_wrapper_ = true;  // the wrapper itself: not part of the paths
            return;
        }
        if (saved_wrapper_ && (wrapper_depth_ > 0 || name != "ma-data")) {
            ++wrapper_depth_;  // <mv-data> and the like: nothing csx reads
            return;
        }
        if (name != "ma-data") {
            reject(
                fmt::format("expected <ma-data> (or <saved-ma-configuration> around it) as "
                            "the root element of a connector configuration, found <{}>",
                            name));
            return;
        }
    }
    path_lens_.push_back(path_.size());
    if (!path_.empty()) path_ += '/';
    path_ += name;
    text_.clear();

    if (path_ == "ma-data") {
        connector_row_ =
            w_.insert("connector", {{"file_id", file_id_}, {"line", line}, {"kind", "other"}});
        ++connectors_;
    } else if (path_ == kPartition) {
        partition_ = {};
        partition_.line = line;
    } else if (name == "parameter" && path_.starts_with("ma-data/private-configuration/") &&
               path_.ends_with("/parameter-values/parameter")) {
        param_name_.assign(attrs.get("name"));
        param_use_.assign(attrs.get("use"));
        param_type_.assign(attrs.get("type"));
        param_encrypted_ = attrs.get("encrypted") == "1" || param_type_ == "encrypted-string";
    }
}

void config_handler::on_end(std::string_view name) {
    if (path_lens_.empty() && saved_wrapper_) {
        if (wrapper_depth_ > 0) --wrapper_depth_;  // a skipped element (or the wrapper) closes
        return;
    }
    const std::string_view p = path_;
    const std::string_view t = trim(text_);
    auto set = [&](std::string& field) { field.assign(t); };

    if (p == "ma-data/id")
        set(ma_id_);
    else if (p == "ma-data/name")
        set(name_);
    else if (p == "ma-data/category")
        set(category_);
    else if (p == "ma-data/subtype")
        set(subtype_);
    else if (p == "ma-data/ma-listname")
        set(listname_);
    else if (p == "ma-data/creation-time")
        set(creation_);
    else if (p == "ma-data/last-modification-time")
        set(modified_);
    else if (p == "ma-data/version")
        set(version_);
    else if (p.starts_with("ma-data/private-configuration/") && p.ends_with("/forest-name") &&
             forest_name_.empty())
        set(forest_name_);
    else if (p.starts_with("ma-data/private-configuration/") && p.ends_with("/forest-login-user") &&
             login_user_.empty())
        set(login_user_);
    else if (p.starts_with("ma-data/private-configuration/") &&
             p.ends_with("/forest-login-domain") && login_domain_.empty())
        set(login_domain_);
    else if (name == "parameter" && p.ends_with("/parameter-values/parameter") &&
             !param_name_.empty()) {
        const std::string_view value = param_encrypted_ ? std::string_view() : t;
        w_.insert("connector_parameter",
                  {{"connector_row", connector_row_},
                   {"name", std::string_view(param_name_)},
                   {"use", store::text_or_null(param_use_)},
                   {"type", store::text_or_null(param_type_)},
                   {"encrypted", static_cast<std::int64_t>(param_encrypted_)},
                   {"value", store::text_or_null(value)}});
        if (param_name_ == "forest-name" && forest_name_.empty()) forest_name_.assign(value);
        if (param_name_ == "forest-login-user" && login_user_.empty()) login_user_.assign(value);
        if (param_name_ == "forest-login-domain" && login_domain_.empty())
            login_domain_.assign(value);
        if (param_name_ == "UserName" && aad_user_.empty()) aad_user_.assign(value);
        param_name_.clear();
    } else if (p.starts_with(kPartition)) {
        const auto rest = p.substr(kPartition.size());
        if (rest.empty()) {
            const std::string inc =
                partition_.inclusions.empty() ? std::string() : json_array(partition_.inclusions);
            const std::string exc =
                partition_.exclusions.empty() ? std::string() : json_array(partition_.exclusions);
            w_.insert("connector_partition",
                      {{"connector_row", connector_row_},
                       {"line", partition_.line},
                       {"partition_id", store::text_or_null(partition_.id)},
                       {"name", store::text_or_null(partition_.name)},
                       {"display_name", store::text_or_null(partition_.display_name)},
                       {"selected", store::int_or_null(to_int(partition_.selected))},
                       {"is_domain", store::int_or_null(to_int(partition_.is_domain))},
                       {"last_dc", store::text_or_null(partition_.last_dc)},
                       {"inclusions", store::text_or_null(inc)},
                       {"exclusions", store::text_or_null(exc)}});
        } else if (rest == "/id")
            set(partition_.id);
        else if (rest == "/name")
            set(partition_.name);
        else if (rest == "/display-name")
            set(partition_.display_name);
        else if (rest == "/selected")
            set(partition_.selected);
        else if (rest == "/custom-data/adma-partition-data/is-domain")
            set(partition_.is_domain);
        else if (rest == "/custom-data/adma-partition-data/last-dc")
            set(partition_.last_dc);
        else if (rest == "/filter/containers/inclusions/inclusion" && !t.empty())
            partition_.inclusions.emplace_back(t);
        else if (rest == "/filter/containers/exclusions/exclusion" && !t.empty())
            partition_.exclusions.emplace_back(t);
    } else if (p == "ma-data") {
        finish_connector();
    }

    text_.clear();
    if (!path_lens_.empty()) {
        path_.resize(path_lens_.back());
        path_lens_.pop_back();
    }
}

void config_handler::finish_connector() {
    std::string kind = "other";
    auto contains = [](const std::string& s, std::string_view what) {
        return s.find(what) != std::string::npos;
    };
    if (category_ == "AD") {
        kind = "ad";
    } else if (contains(subtype_, "Azure Active Directory") ||
               contains(listname_, "Azure Active Directory") || contains(subtype_, "Azure AD") ||
               contains(listname_, "Azure AD") || contains(subtype_, "Microsoft Entra") ||
               contains(listname_, "Microsoft Entra")) {
        kind = "aad";
    }
    std::string created, modified;
    for (auto [raw, out, what] : {std::tuple{&creation_, &created, "creation-time"},
                                  std::tuple{&modified_, &modified, "last-modification-time"}}) {
        if (raw->empty()) continue;
        if (utc::normalize(*raw, *out) == utc::parse_status::impossible)
            note_damage({line(), 0,
                         fmt::format("{} '{}' is no date or time that exists: kept as written",
                                     what, *out)});
    }
    std::string ma_id = ma_id_;
    for (auto& c : ma_id)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    w_.update("connector", "connector_row", connector_row_,
              {{"ma_id", store::text_or_null(ma_id)},
               {"name", store::text_or_null(name_)},
               {"category", store::text_or_null(category_)},
               {"kind", std::string_view(kind)},
               {"subtype", store::text_or_null(subtype_)},
               {"ma_listname", store::text_or_null(listname_)},
               {"forest_name", store::text_or_null(forest_name_)},
               {"login_user", store::text_or_null(login_user_)},
               {"login_domain", store::text_or_null(login_domain_)},
               {"aad_user_name", store::text_or_null(aad_user_)},
               {"creation_time", store::text_or_null(created)},
               {"last_modification_time", store::text_or_null(modified)},
               {"version", store::int_or_null(to_int(version_))}});
}

file_facts config_handler::facts() const {
    file_facts f;
    if (!forest_name_.empty()) {
        f.tenant_hint = forest_name_;
    } else if (!name_.empty()) {
        std::string n = name_;
        if (auto pos = n.find(" - "); pos != std::string::npos) n.resize(pos);
        if (n.find('.') != std::string::npos && n.find(' ') == std::string::npos) f.tenant_hint = n;
    }
    return f;
}

}  // namespace csx::ingest
