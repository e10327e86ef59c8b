// The outputs of `csx triage`: one function per format, each a pure function of the findings
// and their remediation (deterministic: no clock, no absolute paths beyond what was ingested).
//
// JSON: {"csx_version", "tenant", "shell", "summary": {"findings", "by_severity"}, "findings": [
//   {"rule", "title", "severity", "category", "state" (open|resolved), "resolved_at",
//    "resolved_by", "evidence", "evidence_detail", "tenant",
//    "connector", "object_dn", "object_type", "attributes": [], "error_code", "error_type",
//    "error_text", "first_occurred", "last_occurred", "retry_count",
//    "source": {"file", "line"}, "error_keys": [], "details": {other columns},
//    "remediation": {"shell", "commands": [], "verify": [], "rollback": [], "notes": []}}]}
#pragma once

#include <string>
#include <vector>

#include "remediation/plan.hpp"
#include "rules/finding.hpp"

namespace csx::report {

struct triage_meta {
    std::string tenant;  // the --tenant filter, "" for all
    remediation::shell sh = remediation::shell::cmd;
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
