#include "ingest/graph_json_handler.hpp"

#include <fmt/format.h>

#include "util/text.hpp"
#include "util/time.hpp"
#include "util/json.hpp"

namespace csx::ingest {

graph_json_handler::graph_json_handler(text_encoding enc, store::table_writer& w,
                                       std::int64_t file_id)
    : w_(w), file_id_(file_id), decoder_(enc), reader_(*this) {}

const std::optional<damage>& graph_json_handler::failure() const {
    if (decode_damage_) return decode_damage_;
    if (reader_.failure()) return reader_.failure();
    return reader_.notice() ? reader_.notice() : time_damage_;  // a cut string, a date: partial
}

bool graph_json_handler::feed(std::string_view bytes) {
    if (decode_damage_ || reader_.failure()) return false;
    utf8_.clear();
    const bool ok = decoder_.decode(bytes, utf8_);
    // Parse what decoded cleanly, then report the encoding error at the position reached.
    const bool parsed = reader_.feed(utf8_);
    if (!ok && !reader_.failure()) {
        decode_damage_ = damage{reader_.line(), 0, *decoder_.error()};
    }
    return ok && parsed;
}

bool graph_json_handler::finish() {
    if (decode_damage_ || reader_.failure()) return false;
    if (!decoder_.finish()) {
        decode_damage_ = damage{reader_.line(), 0, *decoder_.error()};
        return false;
    }
    return reader_.finish();
}

file_facts graph_json_handler::facts() const {
    file_facts f;
    f.tenant_hint = upn_domain_;
    return f;
}

void graph_json_handler::begin_record(std::int64_t line) {
    in_record_ = true;
    record_depth_ = stack_.size();
    record_line_ = line;
    id_.clear();
    type_.clear();
    display_name_.clear();
    upn_.clear();
    mail_.clear();
    immutable_id_.clear();
    proxies_.clear();
    errors_.clear();
    is_verified_.clear();
    is_default_.clear();
    is_initial_.clear();
    is_domain_ = false;
    props_ = "{";
    props_first_.assign(1, true);
    sub_ = sub::none;
}

void graph_json_handler::props_separator() {
    if (props_first_.back()) {
        props_first_.back() = false;
    } else {
        props_ += ',';
    }
}

void graph_json_handler::props_scalar(text::json_scalar kind, std::string_view value) {
    if (kind == text::json_scalar::string) {
        json::append_string(props_, value);
    } else {
        props_ += value;
    }
}

void graph_json_handler::start_object(std::int64_t line) {
    stack_.push_back('{');
    const std::size_t d = stack_.size();
    if (d == 1) {
        begin_record(line);  // a single object, unless it turns out to be a {"value": [...]} page
        return;
    }
    if (!in_record_) {
        // Directory objects: items of the root array, or of the page's "value" array.
        if ((d == 2 && stack_[0] == '[') || (d == 3 && page_)) begin_record(line);
        return;
    }
    if (sub_ == sub::errors && d == sub_depth_ + 1) {
        errors_.push_back({line, {}, {}, {}, {}, {}});
        reader_.begin_capture(kSourceTextCap);
        sub_ = sub::error_item;
        return;
    }
    if (sub_ == sub::none && d == record_depth_ + 1) {
        props_separator();
        json::append_string(props_, key_);
        props_ += ':';
        sub_ = sub::props;
        sub_depth_ = d;
    } else if (sub_ == sub::props) {
        if (stack_[d - 2] == '[') props_separator();
    } else {
        return;  // nested inside a proxies list or an error item: not modelled
    }
    props_ += '{';
    props_first_.push_back(true);
}

void graph_json_handler::start_array(std::int64_t) {
    stack_.push_back('[');
    const std::size_t d = stack_.size();
    if (d == 2 && in_record_ && record_depth_ == 1 && key_ == "value") {
        page_ = true;  // the root object is a page, not a directory object
        in_record_ = false;
        return;
    }
    if (!in_record_) return;
    if (sub_ == sub::none && d == record_depth_ + 1) {
        if (key_ == "proxyAddresses") {
            sub_ = sub::proxies;
            sub_depth_ = d;
            return;
        }
        if (key_ == "onPremisesProvisioningErrors") {
            sub_ = sub::errors;
            sub_depth_ = d;
            return;
        }
        props_separator();
        json::append_string(props_, key_);
        props_ += ':';
        sub_ = sub::props;
        sub_depth_ = d;
    } else if (sub_ == sub::props) {
        if (stack_[d - 2] == '[') props_separator();
    } else {
        return;
    }
    props_ += '[';
    props_first_.push_back(true);
}

void graph_json_handler::end_object() {
    const std::size_t d = stack_.size();
    stack_.pop_back();
    if (!in_record_) return;
    if (d == record_depth_) {
        finish_record();
        return;
    }
    if (sub_ == sub::error_item && d == sub_depth_ + 1) {
        errors_.back().source = reader_.end_capture();
        sub_ = sub::errors;
        return;
    }
    if (sub_ == sub::props) {
        props_ += '}';
        props_first_.pop_back();
        if (d == sub_depth_) sub_ = sub::none;
    }
}

void graph_json_handler::end_array() {
    const std::size_t d = stack_.size();
    stack_.pop_back();
    if (!in_record_) return;
    if ((sub_ == sub::proxies || sub_ == sub::errors) && d == sub_depth_) {
        sub_ = sub::none;
        return;
    }
    if (sub_ == sub::props) {
        props_ += ']';
        props_first_.pop_back();
        if (d == sub_depth_) sub_ = sub::none;
    }
}

void graph_json_handler::key(std::string_view k) {
    key_.assign(k);
    if (sub_ == sub::props && stack_.back() == '{') {
        props_separator();
        json::append_string(props_, k);
        props_ += ':';
    }
}

void graph_json_handler::scalar(text::json_scalar kind, std::string_view value, std::int64_t) {
    const std::size_t d = stack_.size();
    if (d == 1 && key_ == "@odata.context" && kind == text::json_scalar::string) {
        // ".../$metadata#users(...)" -> user; #groups -> group; #contacts -> orgContact
        if (value.find("#users") != std::string_view::npos)
            context_type_ = "user";
        else if (value.find("#groups") != std::string_view::npos)
            context_type_ = "group";
        else if (value.find("#contacts") != std::string_view::npos)
            context_type_ = "orgContact";
        else if (value.find("#domains") != std::string_view::npos)
            context_type_ = "domain";
    }
    if (!in_record_) return;
    const std::string v = kind == text::json_scalar::null ? std::string() : std::string(value);
    switch (sub_) {
        case sub::proxies:
            if (d == sub_depth_ && kind == text::json_scalar::string) proxies_.push_back(v);
            return;
        case sub::error_item: {
            if (d != sub_depth_ + 1) return;
            error_fields& e = errors_.back();
            if (key_ == "category")
                e.category = v;
            else if (key_ == "occurredDateTime")
                e.occurred = v;
            else if (key_ == "propertyCausingError")
                e.property = v;
            else if (key_ == "value")
                e.value = v;
            return;
        }
        case sub::props:
            if (stack_.back() == '[') props_separator();
            props_scalar(kind, value);
            return;
        case sub::errors:
            return;
        case sub::none:
            break;
    }
    if (d != record_depth_) return;
    // Domain objects: PowerShell writes the properties capitalised (Id, IsVerified).
    if (text::iequals(key_, "isVerified") || text::iequals(key_, "isDefault") ||
        text::iequals(key_, "isInitial")) {
        is_domain_ = true;
        (text::iequals(key_, "isVerified")  ? is_verified_
         : text::iequals(key_, "isDefault") ? is_default_
                                            : is_initial_) = v;
    }
    if (key_ == "id" || (key_ == "Id" && id_.empty()))
        id_ = v;
    else if (key_ == "@odata.type")
        type_ = v;
    else if (key_ == "displayName")
        display_name_ = v;
    else if (key_ == "userPrincipalName")
        upn_ = v;
    else if (key_ == "mail")
        mail_ = v;
    else if (key_ == "onPremisesImmutableId")
        immutable_id_ = v;
    else {
        props_separator();
        json::append_string(props_, key_);
        props_ += ':';
        props_scalar(kind, value);
    }
}

void graph_json_handler::finish_record() {
    in_record_ = false;
    props_ += '}';
    std::string type = type_;
    if (type.starts_with("#microsoft.graph.")) type = type.substr(17);
    if (type.empty()) type = context_type_;
    if ((is_domain_ || type == "domain") && !id_.empty()) {
        auto flag = [](const std::string& b) -> store::value {
            if (text::iequals(b, "true")) return std::int64_t{1};
            if (text::iequals(b, "false")) return std::int64_t{0};
            return {};
        };
        w_.insert("tenant_domain", {{"file_id", file_id_},
                                    {"line", record_line_},
                                    {"domain", id_},
                                    {"is_verified", flag(is_verified_)},
                                    {"is_default", flag(is_default_)},
                                    {"is_initial", flag(is_initial_)}});
        ++objects_;
        return;
    }
    std::string proxies;
    if (!proxies_.empty()) {
        json::builder b(proxies);
        b.begin_array();
        for (const auto& p : proxies_)
            b.value(p);
        b.end_array();
    }
    const std::int64_t row = w_.insert(
        "cloud_object", {{"file_id", file_id_},
                         {"line", record_line_},
                         {"graph_id", store::text_or_null(id_)},
                         {"object_type", store::text_or_null(type)},
                         {"display_name", store::text_or_null(display_name_)},
                         {"user_principal_name", store::text_or_null(upn_)},
                         {"mail", store::text_or_null(mail_)},
                         {"immutable_id", store::text_or_null(immutable_id_)},
                         {"proxy_addresses", store::text_or_null(proxies)},
                         {"properties", store::text_or_null(props_ == "{}" ? "" : props_)}});
    for (const auto& e : errors_) {
        std::string occurred;
        if (!e.occurred.empty() &&
            utc::normalize(e.occurred, occurred) == utc::parse_status::impossible && !time_damage_)
            time_damage_ = damage{e.line, 0,
                                  fmt::format("occurredDateTime '{}' at line {} is no date or "
                                              "time that exists: kept as written",
                                              occurred, e.line)};
        w_.insert(
            "provisioning_error",
            {{"cloud_object_id", row},
             {"line", e.line},
             {"category", store::text_or_null(e.category)},
             {"occurred", store::text_or_null(occurred)},
             {"property", store::text_or_null(e.property)},
             {"value", store::text_or_null(e.value)},
             {"source_text", store::text_or_null(e.source.text)},
             {"source_cut", e.source.cut ? store::value(static_cast<std::int64_t>(e.source.cut))
                                         : store::value()}});
    }
    ++objects_;
    if (upn_domain_.empty()) {
        auto at = upn_.rfind('@');
        if (at != std::string::npos) upn_domain_ = upn_.substr(at + 1);
    }
}

}  // namespace csx::ingest
