// duplicate_key_finder: the address keys two objects of one AD dump hold (schema/016:
// duplicate_key), found while the dump is written instead of by a sort of every key in SQL
// afterwards (schema/derive_preflight.sql, which still finds the keys shared with the tenant's
// other dumps, and does this part too for a dump too large for the finder's memory).
//
// Each key is kept as a 64-bit hash with its object (16 bytes), at most `limit` of them; at the
// file's end the hashes are sorted, and only the objects of a hash held by two objects are read
// back to write their keys. A hash collision can only add a key (the rule checks the holders).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace csx::store {
class db;
}

namespace csx::ingest {

class duplicate_key_finder {
public:
    static constexpr std::size_t kDefaultLimit = std::size_t{1} << 21;  // 32 MiB of keys
    explicit duplicate_key_finder(std::size_t limit = kDefaultLimit) : limit_(limit) {}

    // space: 'a' (userPrincipalName, mail, proxyAddresses, an SMTP targetAddress: one
    // namespace) or 'n' (mailNickname); key: the value as schema/derive_preflight.sql forms it.
    void add(char space, std::string_view key, std::int64_t object_id);
    // Writes the file's duplicate keys and marks the file (preflight_derived scope 'file'), or,
    // past the limit, leaves both to the SQL derivation. Empties the finder.
    void finish(store::db& d, std::int64_t file_id);
    void clear();

    static std::uint64_t hash(char space, std::string_view key);

private:
    std::size_t limit_;
    std::vector<std::pair<std::uint64_t, std::int64_t>> keys_;
    bool overflow_ = false;
};

}  // namespace csx::ingest
