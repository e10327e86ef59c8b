// escalation_report: `csx report`: one tenant's findings as a document to attach to an
// escalation, from reports/templates/report.{md,html}.
//
// Order of work: the model (report_model) is built from the database; with --redact every text
// in it, and in the chart inputs, is passed through one redactor (so a name gets the same
// pseudonym everywhere); the charts are drawn; the template is rendered with the format's
// escaping; finally, with --redact, the finished text is searched for every original value and
// withheld (redaction_error) if one is found.
#pragma once

#include <string>
#include <vector>

#include "remediation/plan.hpp"
#include "rules/finding.hpp"
#include "rules/rule.hpp"

namespace csx::store {
class db;
}

namespace csx::report {

enum class report_format { markdown, html };

struct report_options {
    std::string tenant;  // as stored (case matters for nothing but display)
    report_format format = report_format::html;
    bool redact = false;
    remediation::plan_options plan;
};

struct report_result {
    std::string text;
    std::size_t pseudonyms = 0;  // distinct values replaced (--redact)
};

report_result escalation_report(store::db& d, const std::vector<rules::finding>& findings,
                                const std::vector<rules::rule>& rules,
                                const remediation::template_set& templates,
                                const report_options& opts);

}  // namespace csx::report
