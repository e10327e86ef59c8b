// The outputs of `csx fleet` (one row per tenant) and `csx diff` (one tenant's change between
// two snapshots), each a pure function of its input.
//
// fleet JSON: {"csx_version", "since", "tenants": [{"tenant", "findings", "by_severity":
//   {"critical", "high", "medium", "low", "info"}, "worst", "rules": [], "oldest_first_occurred",
//   "total_retries", "last_ingest", "change": {"baseline_ingest", "new", "resolved",
//   "still_open", "rules_changed"} | null}], "not_ingested_since": []}
// diff JSON: {"csx_version", "tenant", "current": {"ingest", "snapshot"}, "baseline": {...} |
//   null, "rules_changed", "new": [finding], "resolved": [...], "still_open": [...]}
#pragma once

#include <string>

#include "snapshot/finding_diff.hpp"
#include "snapshot/fleet.hpp"

namespace csx::report {

std::string fleet_text(const snapshot::fleet_view& v);
std::string fleet_json(const snapshot::fleet_view& v);
std::string fleet_csv(const snapshot::fleet_view& v);
std::string fleet_markdown(const snapshot::fleet_view& v);

std::string diff_text(const snapshot::snapshot& current, const snapshot::finding_diff& d);
std::string diff_json(const snapshot::snapshot& current, const snapshot::finding_diff& d);
std::string diff_csv(const snapshot::snapshot& current, const snapshot::finding_diff& d);
std::string diff_markdown(const snapshot::snapshot& current, const snapshot::finding_diff& d);

}  // namespace csx::report
