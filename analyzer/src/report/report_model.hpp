// report_model: everything an escalation report shows for one tenant, as template data
// (template_value), read from the findings, their rendered remediation and the database.
// The field names are the contract with reports/templates/report.{md,html}; README "csx report"
// lists the sections. `redacted`: the model is for a redacted report (evidence excerpts then
// hold only text in which every value appears literally: evidence_options::literal_only).
#pragma once

#include <string>
#include <vector>

#include "remediation/plan.hpp"
#include "report/template_value.hpp"
#include "report/timeline.hpp"
#include "rules/finding.hpp"
#include "rules/rule.hpp"

namespace csx::store {
class db;
}

namespace csx::report {

struct report_model {
    template_value data;          // without the charts (see escalation_report)
    std::vector<run_point> runs;  // for the run chart
    std::vector<span> spans;      // for the problem chart
};

report_model build_report_model(store::db& d, const std::string& tenant,
                                const std::vector<rules::finding>& findings,
                                const std::vector<rules::rule>& rules,
                                const remediation::template_set& templates,
                                const remediation::plan_options& plan, bool redacted = false);

}  // namespace csx::report
