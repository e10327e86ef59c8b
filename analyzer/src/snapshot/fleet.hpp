// fleet: one row per tenant from its current snapshot, for `csx fleet`.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rules/severity.hpp"
#include "snapshot/finding_diff.hpp"

namespace csx::store {
class db;
}

namespace csx::snapshot {

struct fleet_row {
    std::string tenant;
    std::string last_ingest;
    int findings = 0;   // open findings: errors that happened (predictions are not counted)
    int will_fail = 0;  // pre-flight predictions: objects Entra ID will refuse
    std::map<rules::severity, int> by_severity;
    std::optional<rules::severity> worst;
    std::vector<std::string> rules;  // rule ids present, sorted
    std::string oldest_first_occurred;
    std::int64_t total_retries = 0;
    // Change since the baseline (see load_baseline); has_baseline false: first snapshot.
    bool has_baseline = false;
    bool rules_changed = false;
    std::string baseline_ingest;
    int added = 0, resolved = 0, still_open = 0;
};

struct fleet_view {
    std::string since;                            // '' or 'YYYY-MM-DD HH:MM:SS'
    std::vector<fleet_row> rows;                  // worst severity first, then oldest problem
    std::vector<std::string> not_ingested_since;  // tenants left out by `since`, sorted
};

// Reads the current snapshot of every tenant (refresh() must have run for this digest).
fleet_view build_fleet(store::db& d, const std::string& rules_digest, const std::string& since);

}  // namespace csx::snapshot
