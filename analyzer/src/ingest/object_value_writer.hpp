// object_value_writer: one cs_object_value row per AD object (schema/014, 016) from its values,
// attribute by attribute, with the object's value shape (value_shape.hpp) and its address keys
// for the duplicate finder (duplicate_key_finder.hpp). The same row whether the object was read
// from a csexport's synchronized hologram (cs_object_writer) or from an LDIF export
// (ldif_object_writer): the pre-flight rules read only this.
//
// The first value of each attribute Entra ID validates on export, the counts and sizes it
// limits, and what the object's address values (userPrincipalName, mail, proxyAddresses) are
// made of: the characters other than ASCII letters and digits they hold (each once, in
// code-point order) and the longest one's length in characters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/duplicate_key_finder.hpp"
#include "ingest/value_shape.hpp"
#include "store/statement.hpp"

namespace csx::store {
class db;
}

namespace csx::ingest {

// "SMTP:Jane@Example.com" -> "jane@example.com": how addresses compare (ASCII case folding,
// like Entra ID's uniqueness check on these attributes; attr_value.address holds this).
void normalize_address(std::string& a);

class object_value_writer {
public:
    explicit object_value_writer(store::db& d);

    // Inside the file's transaction, before its first object / after its last.
    void begin_file(std::int64_t file_id);
    void end_file();

    // One object: begin, every value of its attributes (a value stays valid until finish), then
    // finish, which writes the row. `base64`: the value is base64 text (a csexport's
    // encoding="base64"), not the bytes themselves (an LDIF value, decoded).
    void begin(std::int64_t object_id, std::string_view object_type);
    void value(std::string_view attribute, std::string_view value, bool base64);
    void finish();

private:
    store::db& db_;
    std::int64_t file_id_ = 0;
    store::statement insert_;
    value_shape_writer shapes_;
    duplicate_key_finder dup_keys_;

    // The object being read.
    std::int64_t object_id_ = 0;
    shape_facts facts_;
    std::optional<std::int64_t> critical_;
    std::vector<std::uint32_t> chars_, proxy_chars_, proxy_edges_;
    std::int64_t longest_ = -1;
    std::string key_;
};

}  // namespace csx::ingest
