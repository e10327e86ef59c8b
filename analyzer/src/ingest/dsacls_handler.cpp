#include "ingest/dsacls_handler.hpp"

#include <fmt/format.h>

#include "util/dn.hpp"
#include "util/json.hpp"

namespace csx::ingest {

dsacls_handler::dsacls_handler(text_encoding enc, store::table_writer& w, std::int64_t file_id,
                               std::string object_dn)
    : w_(w), file_id_(file_id), option_dn_(std::move(object_dn)), decoder_(enc), reader_(*this) {}

bool dsacls_handler::feed(std::string_view bytes) {
    if (damage_) return false;
    utf8_.clear();
    const bool ok = decoder_.decode(bytes, utf8_);
    reader_.feed(utf8_);  // what decoded cleanly is read, then the damage is reported there
    if (!ok) {
        damage_ = damage{reader_.line() + 1, 0, *decoder_.error()};
        reader_.finish();
    }
    return ok;
}

bool dsacls_handler::finish() {
    if (damage_) return false;
    if (!decoder_.finish()) damage_ = damage{reader_.line() + 1, 0, *decoder_.error()};
    reader_.finish();
    if (damage_) return false;
    if (reader_.outputs() == 0) {
        damage_ = damage{1, 0,
                         "no dsacls output found: expected a dsacls command line or an "
                         "\"Owner:\" line followed by \"Access list:\""};
    } else if (const auto& e = reader_.edited()) {
        damage_ = damage{e->foreign_line, 0,
                         fmt::format("line {}: \"{}\" is not dsacls output: the output that "
                                     "begins at line {} was edited, so lines may be missing; it "
                                     "is kept as incomplete and never used to show an ACE absent",
                                     e->foreign_line, e->foreign_text, e->line)};
    } else if (auto at = reader_.incomplete_at()) {
        damage_ = damage{*at, 0,
                         fmt::format("the dsacls output that begins at line {} ends before \"The "
                                     "command completed successfully\": ACEs may be missing, so "
                                     "it is not used to show an ACE absent",
                                     *at)};
    } else if (auto unnamed = reader_.unnamed_at(); unnamed && option_dn_.empty()) {
        damage_ = damage{*unnamed, 0,
                         fmt::format("the dsacls output at line {} does not name its object (no "
                                     "dsacls command line before it): ingest it with --object "
                                     "\"<DN>\" so its ACL can be matched",
                                     *unnamed)};
    } else if (auto cut = reader_.long_line_at()) {
        damage_ = damage{*cut, 0,
                         fmt::format("line longer than {} KiB: cut there (dsacls prints short "
                                     "lines; is this dsacls output?)",
                                     dsacls_reader::kMaxLine / 1024)};
    }
    return !damage_;
}

file_facts dsacls_handler::facts() const {
    file_facts f;
    f.tenant_hint = dn::dns_name(first_dn_);
    return f;
}

const std::string& dsacls_handler::dn_for(const acl_head& head) const {
    return head.object_dn.empty() ? option_dn_ : head.object_dn;
}

void dsacls_handler::acl_begin(const acl_head& head) {
    const std::string& dn = dn_for(head);
    if (first_dn_.empty()) first_dn_ = dn;
    acl_id_ = w_.insert(
        "acl",
        {{"file_id", file_id_},
         {"line", head.line},
         {"object_dn", store::text_or_null(dn)},
         {"dn_source",
          dn.empty() ? store::value{} : store::value{head.object_dn.empty() ? "option" : "file"}},
         {"protected", std::int64_t{0}},
         {"complete", std::int64_t{0}}});
    ord_ = 0;
}

void dsacls_handler::ace(const acl_ace& a) {
    std::string bits = "[";
    for (const auto& b : a.bits) {
        if (bits.size() > 1) bits += ',';
        json::append_string(bits, b);
    }
    bits += ']';
    w_.insert("acl_entry", {{"acl_id", acl_id_},
                            {"ord", ord_++},
                            {"line", a.line},
                            {"scope", a.inheritable ? "inheritable" : "object"},
                            {"applies_to", store::text_or_null(a.applies_to)},
                            {"access", a.allow ? "allow" : "deny"},
                            {"principal", std::string_view(a.principal)},
                            {"permission", std::string_view(a.permission)},
                            {"target", store::text_or_null(a.target)},
                            {"bits", std::string_view(bits)},
                            {"inherited", std::int64_t{a.inherited ? 1 : 0}}});
}

void dsacls_handler::acl_end(const acl_head& head) {
    w_.update("acl", "acl_id", acl_id_,
              {{"owner", store::text_or_null(head.owner)},
               {"grp", store::text_or_null(head.group)},
               {"protected", std::int64_t{head.is_protected ? 1 : 0}},
               {"complete", std::int64_t{head.complete ? 1 : 0}},
               {"failure", store::text_or_null(head.failure)}});
}

}  // namespace csx::ingest
