// timeline: when things happened, for the escalation report. The run steps of a tenant (from
// run history: exports per run with their failures), and the span of each finding from its
// first to its last occurrence; both as data (Markdown tables) and as inline SVG charts (HTML:
// no script, no external asset, readable printed in black and white thanks to labels).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace csx::store {
class db;
}

namespace csx::report {

struct run_point {
    std::string start;  // 'YYYY-MM-DD HH:MM:SS.fff'
    std::string end;
    std::string connector;
    std::string profile;
    std::string step_type;
    std::string result;
    std::int64_t run_number = 0;
    std::int64_t exports = 0;   // export-add/update/rename/delete/delete-add
    std::int64_t failures = 0;  // export-failure counter, else the step's error count
    std::string file;
    std::int64_t line = 0;
    bool is_export() const { return step_type.find("export") != std::string::npos; }
    bool failed() const;  // failures, or a result other than success/completed-*
};

// Export steps and failed steps of the tenant's runs, oldest first.
std::vector<run_point> run_points(store::db& d, const std::string& tenant);

struct span {
    std::string label;  // "1 adminsdholder-writeback-denied"
    std::string first;  // times as above ("" when unknown)
    std::string last;
    std::string severity;
};

// Bar chart: per step (the most recent `limit`), exports and failures side by side.
std::string runs_svg(const std::vector<run_point>& runs, std::size_t limit = 40);

// One bar per finding from first to last occurrence on a common time axis.
std::string spans_svg(const std::vector<span>& spans);

}  // namespace csx::report
