// The outputs of `csx triage`: one function per format, each a pure function of the findings
// and their remediation (deterministic: no clock, no absolute paths beyond what was ingested).
//
// JSON: {"csx_version", "tenant", "shell", "summary": {"findings", "by_severity", "data_state"}, "findings": [
//   {"rule", "title", "severity", "category", "state" (open|resolved), "resolved_at",
//    "resolved_by", "evidence", "evidence_detail", "tenant",
//    "connector", "object_dn", "object_type", "attributes": [], "error_code", "error_type",
//    "error_text", "first_occurred", "last_occurred", "retry_count",
//    "source": {"file", "line"}, "error_keys": [], "details": {other columns},
//    "remediation": {"shell", "commands": [], "verify": [], "rollback": [], "notes": []}}],
//  "data": {"state" (complete|partial|no-usable-data: the worst over the tenants), "tenants": [
//    {"tenant", "state", "files", "records", "kinds": {label: files}, "connectors": [{"name",
//     "kind", "evidence": []}], "absent": [], "problems": [{"file", "status"
//     (partial|unreadable|skipped), "message", "line", "column", "records_kept"}]}]}}
// CSV: one row per finding; then one row per tenant whose data is not complete, with an empty
// rule, state = partial | no-usable-data and error_text saying what was lost; every row carries
// the tenant's data state in the last column, data_state.
// Text and Markdown: a "data read" block per tenant before the findings.
#pragma once

#include <string>
#include <vector>

#include "remediation/plan.hpp"
#include "report/data_quality.hpp"
#include "rules/finding.hpp"

namespace csx::report {

struct triage_meta {
    std::string tenant;  // the --tenant filter, "" for all
    remediation::shell sh = remediation::shell::cmd;
    std::vector<tenant_data> data{};  // what was read, per tenant (data_quality.hpp)
};

std::string triage_text(const std::vector<rules::finding>& f,
                        const std::vector<remediation::finding_fix>& fixes,
                        const triage_meta& meta);
std::string triage_json(const std::vector<rules::finding>& f,
                        const std::vector<remediation::finding_fix>& fixes,
                        const triage_meta& meta);
std::string triage_csv(const std::vector<rules::finding>& f,
                       const std::vector<remediation::finding_fix>& fixes, const triage_meta& meta);
std::string triage_markdown(const std::vector<rules::finding>& f,
                            const std::vector<remediation::finding_fix>& fixes,
                            const triage_meta& meta);

}  // namespace csx::report
