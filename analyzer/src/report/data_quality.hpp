// data_quality: what csx read for each tenant, so that every answer (triage in every format,
// the report, fleet, diff) is read against it. "0 findings" from a tenant whose only file was
// damaged before its first record is not "healthy": it is "no usable data".
//
// Per tenant:
//   state      complete        every file was read whole
//              partial         usable data, but a file was damaged (its intact prefix kept) or
//                              could not be read
//              no-usable-data  not one file gave a record: every file damaged before its first
//                              record, unreadable or skipped (a complete file with no records,
//                              such as an empty errors-only csexport, is usable: it says "no
//                              errors")
//   Skipped files (notes, screenshots, an unknown format) are listed but do not lower the state:
//   most folders an engineer brings back hold some, and the reason names what csx took them for.
//   What a `csx collect` script could not do (its newest manifest's failed and skipped steps:
//   "collection could not read X") is listed as not-collected and makes the state partial; a
//   manifest alone is no usable data.
//   coverage   the connectors the files name, each with the evidence the files hold for it
//              (configuration, run history, csexport), and the kinds of evidence absent: rules
//              that need an absent kind cannot fire, so "no finding" means "not seen in these".
// Files given directly whose tenant would have come from their content, and that gave nothing,
// belong to no tenant: they are listed under the tenant "" when no --tenant filter is given.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace csx::store {
class db;
}
namespace csx::json {
class builder;
}

namespace csx::report {

enum class data_state { complete, partial, no_usable_data };

std::string_view to_string(data_state s);  // complete | partial | no-usable-data

struct file_problem {
    std::string file;
    // partial (records kept) | damaged (nothing read) | unreadable | skipped | not-collected (a
    // step the csx collect script could not do, from its manifest)
    std::string status;
    std::string message;  // the damage, or why it was not read
    std::int64_t line = 0;
    std::int64_t column = 0;
    std::int64_t records_kept = 0;  // partial: records read before the damage
};

struct connector_coverage {
    std::string name;
    std::string kind;                   // AD | Entra ID | other
    std::vector<std::string> evidence;  // configuration, run history, csexport (sorted)
};

struct tenant_data {
    std::string tenant;
    data_state state = data_state::complete;
    std::int64_t files = 0;                                   // files read (complete or partial)
    std::int64_t records = 0;                                 // records kept across them
    std::vector<std::pair<std::string, std::int64_t>> kinds;  // evidence label -> files, sorted
    std::vector<connector_coverage> connectors;               // sorted by kind, name
    std::vector<std::string> absent;                          // kinds of evidence not in the files
    std::vector<file_problem> problems;  // damaged and unreadable first, then skipped; by path
    // Where the files came from, per csx collect manifest, oldest first: "csx collect 0.1.0 on
    // SYNC01 at 2026-06-16 09:45:12.345 (PowerShell 5.1..., ADSync 2.4.18.0): 9 of 12 steps done"
    std::vector<std::string> collections;
};

// One entry per tenant the data holds (`tenant` "" for all), sorted by tenant name.
std::vector<tenant_data> read_data_quality(store::db& d, const std::string& tenant);

// The worst state over the tenants (complete for none).
data_state worst_state(const std::vector<tenant_data>& tenants);

// One line: "complete: 7 files, 412 records" / "no usable data: 1 file damaged before its first
// record" ... (no terminal escaping: callers escape for their format).
std::string state_summary(const tenant_data& t);

// "csexport 2, run history 1, ..." and "contoso.com (AD: configuration, csexport)".
std::string kinds_summary(const tenant_data& t);
std::string connector_summary(const connector_coverage& c);

// {"tenant", "state", "files", "records", "kinds": {label: files}, "connectors": [{"name",
// "kind", "evidence": []}], "absent": [], "problems": [{"file", "status", "message", "line",
// "column", "records_kept"}]} (line, column, records_kept null unless partial).
void write_json(json::builder& b, const tenant_data& t);

// "path:line:column: damaged: message (kept N records)" / "path: unreadable: why" / "path: reason"
// (skipped: the reason says what csx took the file for).
std::string problem_summary(const file_problem& p);

}  // namespace csx::report
