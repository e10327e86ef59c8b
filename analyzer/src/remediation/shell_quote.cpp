#include "remediation/shell_quote.hpp"

#include <fmt/format.h>

#include <cstdint>

#include "util/utf8.hpp"

namespace csx::remediation {

namespace {

using utf8::is_control;
using utf8::is_format;
using utf8::kMalformed;

bool is_ps_single_quote(std::uint32_t cp) {
    return cp == '\'' || (cp >= 0x2018 && cp <= 0x201B);
}

bool is_bare_safe(std::uint32_t cp) {
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
           cp == '.' || cp == '_' || cp == ':' || cp == '@' || cp == '/' || cp == '\\' || cp == '-';
}

// Characters Windows' "best fit" conversion turns into an ASCII quote, backslash or shell
// metacharacter when a Unicode command line reaches a program that reads it in an ANSI code
// page (the fullwidth forms, yen and won signs that are backslashes in Japanese and Korean code
// pages, modifier letters and primes that look like quotes). Nothing in a dump needs them in a
// command; a value holding one is withheld.
bool is_best_fit_hazard(std::uint32_t cp) {
    if (cp >= 0xFF01 && cp <= 0xFF0F) return true;  // ！＂＃＄％＆＇（）＊＋，－．／
    if (cp >= 0xFF1A && cp <= 0xFF20) return true;  // ：；＜＝＞？＠
    if (cp >= 0xFF3B && cp <= 0xFF40) return true;  // ［＼］＾＿｀
    if (cp >= 0xFF5B && cp <= 0xFF5E) return true;  // ｛｜｝～
    switch (cp) {
        case 0xA5:    // ¥ (backslash in code page 932)
        case 0x20A9:  // ₩ (backslash in code page 949)
        case 0x2BA:   // ʺ
        case 0x2C6:   // ˆ
        case 0x2DC:   // ˜
        case 0x2DD:   // ˝
        case 0x201C:  // “
        case 0x201D:  // ”
        case 0x201E:  // „
        case 0x201F:  // ‟
        case 0x2032:  // ′
        case 0x2033:  // ″
        case 0x2035:  // ‵
        case 0x2215:  // ∕
        case 0x2216:  // ∖
        case 0xFE68:  // ﹨
        case 0xFF3C:  // ＼ (also in the range above)
            return true;
        default:
            return false;
    }
}

placed refuse(std::string why) {
    return placed{{}, std::move(why)};
}

}  // namespace

std::string_view to_string(shell s) {
    return s == shell::cmd ? "cmd" : "powershell";
}

placed place(std::string_view value, value_context where) {
    if (where == value_context::text) return placed{sanitize_text(value), {}};
    if (where == value_context::ps_double_quoted)
        return refuse(
            "a value from the dump may not go inside a PowerShell double-quoted string ($ and ` "
            "expand there)");
    std::string out;
    out.reserve(value.size() + 8);
    for (std::size_t i = 0; i < value.size();) {
        const std::size_t start = i;
        const std::uint32_t cp = utf8::decode(value, i);
        if (cp == kMalformed)
            return refuse(
                "it contains bytes that are not valid UTF-8, so the command could address "
                "another object than the dump names");
        if (is_control(cp))
            return refuse(
                "it contains a line break or control character, which would end the command");
        if (is_format(cp))
            return refuse(fmt::format(
                "it contains an invisible formatting character (U+{:04X}: bidi override or "
                "zero-width), so the line would not show what runs",
                cp));
        if (is_best_fit_hazard(cp))
            return refuse(fmt::format(
                "it contains U+{:04X}, which Windows can turn into an ASCII quote, backslash or "
                "shell character when a program reads its command line in an ANSI code page",
                cp));
        switch (where) {
            case value_context::cmd_double_quoted:
            case value_context::cmd_double_quoted_ps_single:
                if (cp == '"')
                    return refuse(
                        "it contains a double quote (\"), which ends a quoted argument in cmd.exe");
                if (cp == '%')
                    return refuse(
                        "it contains a percent sign (%), which cmd.exe expands even inside quotes");
                if (cp == '!')
                    return refuse(
                        "it contains an exclamation mark (!), which cmd.exe expands with delayed "
                        "expansion");
                if (where == value_context::cmd_double_quoted_ps_single && is_ps_single_quote(cp))
                    out.append(value.substr(start, i - start));  // doubled for PowerShell
                break;
            case value_context::ps_single_quoted:
                if (cp == '"')
                    return refuse(
                        "it contains a double quote (\"), which PowerShell mangles when passing "
                        "arguments to a native command");
                if (is_ps_single_quote(cp))
                    out.append(value.substr(start, i - start));  // doubled: '' or ‘‘ ...
                break;
            case value_context::bare:
                if (!is_bare_safe(cp))
                    return refuse("it contains a character that would need quoting here");
                break;
            default:
                break;
        }
        out.append(value.substr(start, i - start));
    }
    return placed{std::move(out), {}};
}

std::string sanitize_text(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size();) {
        const std::size_t start = i;
        const std::uint32_t cp = utf8::decode(value, i);
        if (is_control(cp)) {
            out += ' ';
        } else if (is_format(cp)) {
            out += "\xEF\xBF\xBD";  // shown, not obeyed: the line displays as it reads
        } else if (cp == kMalformed) {
            out += "\xEF\xBF\xBD";
        } else {
            out.append(value.substr(start, i - start));
        }
    }
    return out;
}

std::string sanitize_cmd_comment(std::string_view value) {
    std::string out = sanitize_text(value);
    for (auto& c : out) {
        if (c == '^' || c == '&' || c == '|' || c == '<' || c == '>' || c == '%' || c == '"' ||
            c == '!')
            c = '_';
    }
    return out;
}

}  // namespace csx::remediation
