// ldif_object_writer: the users, inetOrgPersons, groups and contacts of an LDIF export as the
// pre-flight rules read objects (schema/016: ldif_object; cs_object_value through
// object_value_writer; their userPrincipalName, mail and proxyAddresses as attr_value rows of
// section 5 with the address key), under negative object ids that no cs_object has.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/object_value_writer.hpp"
#include "store/statement.hpp"

namespace csx::store {
class db;
}

namespace csx::ingest {

struct ldif_object {
    std::string dn;
    std::int64_t line = 0;
    std::string object_class;                                 // the most specific class
    std::vector<std::pair<std::string, std::string>> values;  // attribute, value (decoded)
};

class ldif_object_writer {
public:
    // Inside the file's transaction.
    ldif_object_writer(store::db& d, std::int64_t file_id);
    // Whether the pre-flight rules read an entry of this class with this DN (an AD object the
    // sync could export).
    static bool wanted(std::string_view dn, std::string_view object_class);
    // The names whose values an ldif_object keeps (the rest need not be held).
    static bool checked(std::string_view attribute);
    void write(const ldif_object& o);
    // After the file's last entry: its duplicate keys.
    void finish();
    std::int64_t written() const { return written_; }

private:
    std::int64_t file_id_;
    std::int64_t next_id_ = -1;
    std::int64_t written_ = 0;
    store::statement object_, address_;
    object_value_writer values_;
    std::string key_;
};

}  // namespace csx::ingest
