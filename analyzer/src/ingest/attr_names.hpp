// attr_names: the interning table of attribute names (schema table attr_name).
//
// Looks names up case-insensitively (LDAP names are), inserts unseen ones with the type and
// multivalued flag first seen, and tells whether a name is `indexed` (one attr_value row per
// value) or packed into hologram.attrs. Lives for one ingest; reload() after a rollback, since
// names inserted by the rolled-back file are gone from the database.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/statement.hpp"

namespace csx::store {
class db;
}

namespace csx::ingest {

class attr_names {
public:
    struct info {
        std::int64_t id = 0;
        bool indexed = false;
        bool is_dn = false;
    };

    explicit attr_names(store::db& d);

    const info& get(std::string_view name, std::string_view type, std::string_view multivalued,
                    bool is_dn);

    // The same, with a position hint: callers that see names in a repeating order (the k-th
    // attribute of each hologram) hit a one-compare cache instead of the hash map.
    const info& get(std::size_t hint, std::string_view name, std::string_view type,
                    std::string_view multivalued, bool is_dn);

    void reload();

private:
    struct ci_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept;
    };
    struct ci_equal {
        using is_transparent = void;
        bool operator()(std::string_view a, std::string_view b) const noexcept;
    };

    store::db& db_;
    store::statement insert_;
    std::unordered_map<std::string, info, ci_hash, ci_equal>
        map_;  // nodes are stable: hints_ may point in
    std::vector<std::pair<std::string, const info*>> hints_;
};

}  // namespace csx::ingest
