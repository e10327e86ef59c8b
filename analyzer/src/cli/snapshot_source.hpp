// snapshot_source: the database fleet and diff read, with every tenant's current snapshot taken.
//
// Two connections to one file: `writer` stores snapshots; `analysis` is read-only, the one the
// rules run on (rules can never write, whatever a --rules file says).
#pragma once

#include <string>
#include <vector>

#include "rules/rule.hpp"
#include "store/db.hpp"

namespace csx::cli {

struct snapshot_source {
    store::db writer;
    std::string digest;  // of the rule catalog the snapshots are for
    int taken = 0;       // snapshots this open had to take
};

// Opens an existing database (migrating it: snapshot tables came with schema 7) and takes the
// snapshots missing for `rules`, for `tenants` (every tenant when empty).
snapshot_source open_snapshots(const std::string& db_path, const std::vector<rules::rule>& rules,
                               const std::vector<std::string>& tenants = {});

// Takes the snapshots missing for `tenants` (every tenant when empty) in the open, writable
// database `d`; the rules run on a second, read-only connection to the same file.
int take_snapshots(store::db& d, const std::vector<rules::rule>& rules,
                   const std::vector<std::string>& tenants);

// --since: 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM' or 'YYYY-MM-DD HH:MM:SS' ('T' also accepted),
// as 'YYYY-MM-DD HH:MM:SS' UTC; throws usage_error otherwise.
std::string parse_since(const std::string& text);

}  // namespace csx::cli
