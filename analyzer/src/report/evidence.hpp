// evidence: the stored rows behind a finding, written back in their source's own syntax (the
// error block and the failing attribute values of a csexport, the export-error of a run
// history, the Graph error object, the run step), each with the file and line it came from.
//
// These are re-serialised from the database, not copied from the file (the report must work
// where the dumps are not): element order and whitespace may differ from the file, the text
// values are the file's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rules/finding.hpp"

namespace csx::store {
class db;
}

namespace csx::report {

struct excerpt {
    std::string title;  // what it is: "csexport export error", "pending export: msDS-..." ...
    std::string file;
    std::int64_t line = 0;
    std::string lang;  // xml | json | text
    std::string text;
};

struct evidence {
    std::vector<excerpt> excerpts;
    std::size_t more = 0;  // error keys not shown (beyond the limit)
};

// At most `limit` of the finding's error keys, in the finding's order; for a csexport export
// error also the pending export values of the finding's attributes (long values shortened).
evidence evidence_for(store::db& d, const rules::finding& f, std::size_t limit = 3);

}  // namespace csx::report
