#include <fmt/format.h>

#include "report/escape.hpp"
#include "report/triage_output.hpp"

namespace csx::report {

std::string triage_csv(const std::vector<rules::finding>& findings,
                       const std::vector<remediation::finding_fix>& fixes, const triage_meta&) {
    std::string out =
        "rule,severity,evidence,tenant,connector,object_dn,object_type,attributes,error_code,error_"
        "type,error_text,"
        "first_occurred,last_occurred,retry_count,source_file,source_line,commands,verify,state,"
        "resolved_at,rollback\r\n";
    auto join = [](const std::vector<std::string>& v, std::string_view sep) {
        std::string s;
        for (const auto& x : v) {
            if (!s.empty()) s += sep;
            s += x;
        }
        return s;
    };
    for (std::size_t i = 0; i < findings.size(); ++i) {
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
            csv_field(f.resolved ? "resolved" : "open"),
            csv_field(f.resolved_at),
            csv_field(join(fixes[i].rollback, "\n")),
        };
        out += join(cells, ",");
        out += "\r\n";
    }
    return out;
}

}  // namespace csx::report
