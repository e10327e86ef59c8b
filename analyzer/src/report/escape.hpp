// Escaping for the report formats, each tested on its own: CSV (RFC 4180, with spreadsheet
// formula neutralising), Markdown (table cells and code fences), HTML and terminal text.
#pragma once

#include <string>
#include <string_view>

namespace csx::report {

// The one sanitizer under every report format: each line through
// remediation::sanitize_text (control characters, ESC and C1 sequences become a space; bidi
// overrides, zero-width and other format characters U+FFFD, shown and not obeyed), line
// breaks kept.
std::string sanitize_lines(std::string_view v);

// Text inside a Markdown code fence (commands, dump excerpts): verbatim but sanitized.
std::string md_code(std::string_view v);

// A CSV field: quoted when needed; a text cell starting with = + - @ (a spreadsheet would run it
// as a formula) gets a leading apostrophe; control characters (ESC, CSI, CR) and Unicode format
// characters are replaced, line breaks kept.
std::string csv_field(std::string_view v, bool is_number = false);

// Text for a Markdown table cell: | and ` backslash-escaped, < > & as HTML entities (no raw
// HTML from a dump reaches a rendered page), line breaks and control characters replaced.
std::string md_cell(std::string_view v);

// Inline text for Markdown prose: characters Markdown would interpret are backslash-escaped.
std::string md_text(std::string_view v);

// A fence (```...) longer than any backtick run in `content`, so content cannot close it.
std::string md_fence(std::string_view content);

// Text for HTML content and double- or single-quoted attribute values: sanitized as above,
// then & < > " ' escaped.
std::string html_text(std::string_view v);

// For the terminal: control characters (ANSI escapes included) replaced.
std::string term(std::string_view v);

}  // namespace csx::report
