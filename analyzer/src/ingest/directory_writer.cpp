#include "ingest/directory_writer.hpp"

#include "store/db.hpp"
#include "util/sid.hpp"

namespace csx::ingest {

directory_writer::directory_writer(store::db& d, std::int64_t file_id, std::string_view source)
    : file_id_(file_id),
      source_(source),
      principal_(d.prepare(
          "INSERT INTO ad_principal(file_id, line, dn, dn_key, object_class, sid, domain_sid, rid, "
          "sam_account_name, admin_count, admin_count_known, primary_group_id, is_critical, "
          "member_of_listed, token_groups_listed, acl_protected, source) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) "
          "RETURNING principal_id",
          true)),
      link_(d.prepare(
          "INSERT INTO ad_link(principal_id, kind, value, value_key, line) VALUES (?1, ?2, ?3, ?4, "
          "?5)",
          true)) {}

std::string directory_writer::dn_key(std::string_view dn) {
    // Exactly the views' key, upper(replace(dn, ', ', ',')): the DNs of errors, ACLs and links
    // are keyed in SQL, so any other normalisation here would make joins miss.
    std::string k;
    k.reserve(dn.size());
    for (std::size_t i = 0; i < dn.size(); ++i) {
        const char c = dn[i];
        if (c == ',' && i + 1 < dn.size() && dn[i + 1] == ' ') {
            k += ',';
            ++i;  // one space after a comma, as replace(', ', ',') drops
            continue;
        }
        k += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
    }
    return k;
}

void directory_writer::write(const directory_entry& e) {
    const std::string key = dn_key(e.dn);
    const std::string domain = e.sid.empty() ? std::string() : sid::domain_of(e.sid);
    principal_.bind(1, file_id_);
    principal_.bind(2, e.line);
    principal_.bind_view(3, e.dn);
    principal_.bind_view(4, key);
    principal_.bind_view_or_null(5, e.object_class);
    principal_.bind_view_or_null(6, e.sid);
    principal_.bind_view_or_null(7, domain);
    if (auto rid = domain.empty() ? std::nullopt : sid::rid_of(e.sid)) {
        principal_.bind(8, static_cast<std::int64_t>(*rid));
    } else {
        principal_.bind_null(8);
    }
    principal_.bind_view_or_null(9, e.sam_account_name);
    principal_.bind(10, e.admin_count);
    principal_.bind(11, std::int64_t{e.admin_count_known || e.admin_count ? 1 : 0});
    principal_.bind(12, e.primary_group_id);
    if (e.is_critical) {
        principal_.bind(13, std::int64_t{*e.is_critical ? 1 : 0});
    } else {
        principal_.bind_null(13);
    }
    principal_.bind(14, std::int64_t{e.member_of_listed || !e.member_of.empty() ? 1 : 0});
    // A real tokenGroups is never empty (it holds at least the primary group): an empty list, or
    // one the reader could not read whole (token_groups_listed false), proves nothing, and "in
    // no protected group" must never be read from it.
    principal_.bind(15, std::int64_t{e.token_groups_listed && !e.token_groups.empty() ? 1 : 0});
    if (e.acl_protected) {
        principal_.bind(16, std::int64_t{*e.acl_protected ? 1 : 0});
    } else {
        principal_.bind_null(16);
    }
    principal_.bind_view(17, source_);
    principal_.step();
    const std::int64_t id = principal_.column_int64(0);
    principal_.reset();
    for (const auto& v : e.member)
        link(id, "member", v, true);
    for (const auto& v : e.member_of)
        link(id, "member-of", v, true);
    for (const auto& v : e.token_groups)
        link(id, "token-group", v, false);
    ++written_;
}

void directory_writer::link(std::int64_t principal_id, std::string_view kind,
                            const directory_value& v, bool is_dn) {
    if (is_dn) {
        key_ = dn_key(v.value);
    } else {
        auto canonical = sid::parse(v.value);
        if (!canonical) return;  // not a SID: nothing to decide from
        key_ = *canonical;
    }
    link_.bind(1, principal_id);
    link_.bind_view(2, kind);
    link_.bind_view(3, is_dn ? std::string_view(v.value) : std::string_view(key_));
    link_.bind_view(4, key_);
    link_.bind(5, v.line);
    link_.step();
    link_.reset();
}

}  // namespace csx::ingest
