// The outputs of `csx fleet` (one row per tenant) and `csx diff` (one tenant's change between
// two snapshots), each a pure function of its input.
//
// fleet JSON: {"csx_version", "since", "tenants": [{"tenant", "data_state", "findings",
// "by_severity":
//   {"critical", "high", "medium", "low", "info"}, "worst", "rules": [], "oldest_first_occurred",
//   "total_retries", "last_ingest", "change": {"baseline_ingest", "new", "resolved",
//   "still_open", "rules_changed"} | null, "data": {data_quality.hpp write_json} | null}],
//   "not_ingested_since": []}
// diff JSON: {"csx_version", "tenant", "current": {"ingest", "snapshot"}, "baseline": {...} |
//   null, "rules_changed", "data": {what was read for the tenant, data_quality.hpp} | null, "new":
//   [finding], "resolved": [...], "still_open": [...]}
#pragma once

#include <string>

#include "report/data_quality.hpp"
#include "snapshot/finding_diff.hpp"
#include "snapshot/fleet.hpp"

namespace csx::report {

// `data`: what was read per tenant (read_data_quality). Each row shows its tenant's data state;
// tenants with no usable data come first, WORST "NO DATA", with why below the table (text, md)
// or in data_problems (CSV: worst = no-usable-data).
std::string fleet_text(const snapshot::fleet_view& v, const std::vector<tenant_data>& data);
std::string fleet_json(const snapshot::fleet_view& v, const std::vector<tenant_data>& data);
std::string fleet_csv(const snapshot::fleet_view& v, const std::vector<tenant_data>& data);
std::string fleet_markdown(const snapshot::fleet_view& v, const std::vector<tenant_data>& data);

// `data`: what was read for the tenant now (nullptr: not known).
std::string diff_text(const snapshot::snapshot& current, const snapshot::finding_diff& d,
                      const tenant_data* data);
std::string diff_json(const snapshot::snapshot& current, const snapshot::finding_diff& d,
                      const tenant_data* data);
std::string diff_csv(const snapshot::snapshot& current, const snapshot::finding_diff& d,
                     const tenant_data* data);
std::string diff_markdown(const snapshot::snapshot& current, const snapshot::finding_diff& d,
                          const tenant_data* data);

}  // namespace csx::report
