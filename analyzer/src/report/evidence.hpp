// evidence: the stored rows behind a finding, each with the file and line it came from: the
// error block and the failing attribute values of a csexport, the export-error of a run
// history, the Graph error object, the run step.
//
// Where the ingest kept the error as the file writes it (Graph JSON: provisioning_error.
// source_text, schema 12; csexport errordetail and run-history error elements: sync_error.
// source_text, schema 13), the excerpt is that text, as decoded to UTF-8 (the output format
// escapes it like any other text; CRLF line ends are shown as line breaks), marked
// `verbatim`, with the values csx read from it beside it (`parsed`: e.g. the times as csx
// normalised them). An XML excerpt is whole lines (`first_line`..`last_line`), so it may hold
// the end of the element before it or the start of the next. Everything else, and rows
// ingested before those versions or whose lines the ingest no longer held, is re-serialised
// from the database in its source's own syntax and is not marked verbatim: element order,
// whitespace and time formats are csx's, the text values are the file's. That includes the
// pending export values of the failing attribute (which attribute fails is known only once
// the rules ran, and its values are shortened for the page) and the run-step digest (put
// together from many parts of a step). The report labels the two differently and never calls
// a re-serialisation "the file's text". Either way the report works where the dumps are not.
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
    bool verbatim = false;        // text is the file's own (see above)
    std::int64_t first_line = 0;  // verbatim XML: the lines shown (0: not line-based)
    std::int64_t last_line = 0;
    std::vector<std::string> parsed;  // what csx read from it, where that helps
};

struct evidence {
    std::vector<excerpt> excerpts;
    std::size_t more = 0;  // error keys not shown (beyond the limit)
};

struct evidence_options {
    std::size_t limit = 3;  // error keys shown per finding
    // Only file text in which every value appears literally (no JSON escape sequence; in XML
    // no character or entity reference, no line break or tab inside an attribute value, which
    // the parser turns into a space, no lone CR, no comment or CDATA): a redacted report must
    // be able to find each value to replace it. Other excerpts are re-serialised instead.
    bool literal_only = false;
};

// At most `limit` of the finding's error keys, in the finding's order; for a csexport export
// error also the pending export values of the finding's attributes (long values shortened).
evidence evidence_for(store::db& d, const rules::finding& f, const evidence_options& opts = {});

}  // namespace csx::report
