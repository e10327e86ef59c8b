// shell_quote: putting a value taken from a dump into a command an engineer will paste into a
// domain controller, or refusing to.
//
// The template decides where a value goes (inside "..." for cmd.exe, inside '...' for
// PowerShell, an LDIF line, plain text); this module makes it safe there or says why it cannot
// be. Rules (../shared/reference/remediation.md section 8):
//   every shell:   no control characters (CR, LF, NUL, C0, DEL, U+0085, U+2028, U+2029), no
//                  Unicode format characters (bidi overrides, zero-width: the line would display
//                  otherwise than it runs), no character Windows' best-fit ANSI conversion turns
//                  into a quote, backslash or metacharacter (fullwidth forms, ¥, ₩, “ ” ...)
//   cmd "...":     no " (ends the quote), % (variable expansion even inside quotes), ! (delayed
//                  expansion). & | < > ^ ( ) are literal inside quotes. Backslashes right before
//                  the closing quote are doubled when the line is assembled (fix_template), or
//                  the C runtime would halve them or read \" as a literal quote.
//   PowerShell '...': ' and its look-alikes U+2018..U+201B are doubled; no " (mangled when
//                  passed to a native command such as dsacls.exe); no backslash ending the
//                  string (Windows PowerShell 5.1 quotes it for the program without escaping)
//   cmd "... '...' ...": both of the above (a PowerShell command line inside cmd.exe)
//   bare token:    only [A-Za-z0-9._:@/\-] (no quoting needed, nothing to interpret)
//   LDIF value:    printable ASCII, not starting with space, ':' or '<'
// DNs keep their RFC 4514 escapes: nothing is re-escaped, only checked.
#pragma once

#include <string>
#include <string_view>

namespace csx::remediation {

enum class shell { cmd, powershell };

std::string_view to_string(shell s);

enum class value_context {
    cmd_double_quoted,
    cmd_double_quoted_ps_single,  // '...' inside "..." of a cmd line: a PowerShell string run by
                                  // powershell -Command "...": both sets of rules apply
    ps_single_quoted,
    ps_double_quoted,  // never allowed for data
    bare,
    text,  // prose and comments: control characters replaced, nothing else
};

struct placed {
    std::string text;     // the value as it goes into the command
    std::string refusal;  // why it cannot (empty when it can)
    bool ok() const { return refusal.empty(); }
};

placed place(std::string_view value, value_context where);

// For prose and script comments: control characters (and, for cmd comments, the characters
// cmd.exe could still interpret) replaced, so a value can never start a new command line.
std::string sanitize_text(std::string_view value);
std::string sanitize_cmd_comment(std::string_view value);

}  // namespace csx::remediation
