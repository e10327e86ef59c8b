// directory_writer: one AD security principal as an input describes it (csexport hologram, LDIF
// entry, AD module CLIXML object) into ad_principal / ad_link rows (schema/010_directory.sql):
// the evidence AdminSDHolder protection is decided from.
//
// Each reader fills a directory_entry per object and calls write(): memory is bounded by one
// object. SIDs are stored in string form (any input form accepted through util/sid); a value
// that is not a SID is not stored as one (the reader reports it when it cares).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/statement.hpp"

namespace csx::store {
class db;
}

namespace csx::ingest {

struct directory_value {
    std::string value;
    std::int64_t line = 0;
};

struct directory_entry {
    std::string dn;
    std::int64_t line = 0;
    std::string object_class;  // user | group | computer ... ("" when unknown)
    std::string sid;           // string form, already checked (util/sid), or ""
    std::string sam_account_name;
    std::optional<std::int64_t> admin_count;
    bool admin_count_known = false;  // the input selected adminCount: absent means "not set"
    std::optional<std::int64_t> primary_group_id;
    std::optional<bool> is_critical;
    std::optional<bool> acl_protected;          // nTSecurityDescriptor.AreAccessRulesProtected
    bool member_of_listed = false;              // the input holds memberOf (possibly empty)
    bool token_groups_listed = false;           // the input holds tokenGroups
    std::vector<directory_value> member;        // DNs: this group's members
    std::vector<directory_value> member_of;     // DNs: this object's direct groups
    std::vector<directory_value> token_groups;  // string SIDs: its transitive groups

    void clear() { *this = directory_entry{}; }
};

class directory_writer {
public:
    // source: csexport | ldif | clixml (ad_principal.source).
    directory_writer(store::db& d, std::int64_t file_id, std::string_view source);

    void write(const directory_entry& e);
    std::int64_t written() const { return written_; }

    // The join key of a DN, the same as the views' upper(replace(dn, ', ', ',')): ASCII
    // upper-cased, one space after each comma dropped.
    static std::string dn_key(std::string_view dn);

private:
    void link(std::int64_t principal_id, std::string_view kind, const directory_value& v,
              bool is_dn);

    std::int64_t file_id_;
    std::string source_;
    store::statement principal_;
    store::statement link_;
    std::int64_t written_ = 0;
    std::string key_;
};

}  // namespace csx::ingest
