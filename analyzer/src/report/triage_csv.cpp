#include <fmt/format.h>

#include "report/escape.hpp"
#include "report/triage_output.hpp"

namespace csx::report {

std::string triage_csv(const std::vector<rules::finding>& findings,
                       const std::vector<remediation::finding_fix>& fixes,
                       const triage_meta& meta) {
    std::string out =
        "rule,severity,evidence,tenant,connector,object_dn,object_type,attributes,error_code,error_"
        "type,error_text,"
        "first_occurred,last_occurred,retry_count,source_file,source_line,commands,verify,state,"
        "resolved_at,rollback,data_state\r\n";
    // A separator between every two items, empty ones included (a row may start with empty
    // cells).
    auto join = [](const std::vector<std::string>& v, std::string_view sep) {
        std::string s;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i > 0) s += sep;
            s += v[i];
        }
        return s;
    };
    auto state_of = [&meta](const std::string& tenant) -> std::string {
        for (const auto& t : meta.data)
            if (t.tenant == tenant) return std::string(to_string(t.state));
        return "";
    };
    // Predictions (pre-flight) after the errors that happened, state "predicted".
    std::vector<std::size_t> order;
    for (int pass = 0; pass < 2; ++pass)
        for (std::size_t i = 0; i < findings.size(); ++i)
            if (rules::is_prediction(findings[i]) == (pass == 1)) order.push_back(i);
    for (auto i : order) {
        const auto& f = findings[i];
        std::vector<std::string> cells = {
            csv_field(f.rule_id),
            csv_field(rules::to_string(f.level)),
            csv_field(f.evidence),
            csv_field(f.tenant),
            csv_field(f.connector),
            csv_field(f.object_dn),
            csv_field(f.object_type),
            csv_field(join(f.attributes, ";")),
            csv_field(f.error_code ? fmt::format("{}", *f.error_code) : "", true),
            csv_field(f.error_type),
            csv_field(f.error_text),
            csv_field(f.first_occurred),
            csv_field(f.last_occurred),
            csv_field(f.retry_count ? fmt::format("{}", *f.retry_count) : "", true),
            csv_field(f.source_file),
            csv_field(fmt::format("{}", f.source_line), true),
            csv_field(join(fixes[i].commands, "\n")),
            csv_field(join(fixes[i].verify, "\n")),
            csv_field(rules::is_prediction(f) ? "predicted"
                      : f.resolved            ? "resolved"
                                              : "open"),
            csv_field(f.resolved_at),
            csv_field(join(fixes[i].rollback, "\n")),
            csv_field(state_of(f.tenant)),
        };
        out += join(cells, ",");
        out += "\r\n";
    }
    // A tenant whose data is not complete gets a row of its own (no rule): a tenant with no
    // usable data has no finding rows, and an empty CSV must not read as healthy.
    for (const auto& t : meta.data) {
        if (t.state == data_state::complete) continue;
        std::string lost;
        const file_problem* first = nullptr;
        for (const auto& p : t.problems) {
            if (p.status == "skipped" && t.state != data_state::no_usable_data) continue;
            lost += (lost.empty() ? "" : "\n") + problem_summary(p);
            if (!first && p.status == "partial") first = &p;
        }
        std::vector<std::string> cells(22);
        cells[3] = csv_field(t.tenant);
        cells[10] = csv_field(state_summary(t) + (lost.empty() ? "" : "\n" + lost));
        if (first) {
            cells[14] = csv_field(first->file);
            if (first->line > 0) cells[15] = csv_field(fmt::format("{}", first->line), true);
        }
        cells[18] = csv_field(to_string(t.state));
        cells[21] = csv_field(to_string(t.state));
        out += join(cells, ",");
        out += "\r\n";
    }
    return out;
}

}  // namespace csx::report
