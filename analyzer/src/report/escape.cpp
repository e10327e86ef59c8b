#include "report/escape.hpp"

#include <algorithm>

#include "remediation/shell_quote.hpp"

namespace csx::report {

namespace {

// & < > as HTML entities (the characters that start markup in HTML and in Markdown viewers).
bool append_markup_entity(std::string& out, char c) {
    switch (c) {
        case '&':
            out += "&amp;";
            return true;
        case '<':
            out += "&lt;";
            return true;
        case '>':
            out += "&gt;";
            return true;
        default:
            return false;
    }
}

}  // namespace

std::string sanitize_lines(std::string_view v) {
    std::string s;
    s.reserve(v.size());
    for (std::size_t pos = 0; pos <= v.size();) {
        auto eol = v.find('\n', pos);
        if (eol == std::string_view::npos) eol = v.size();
        if (pos > 0) s += '\n';
        s += remediation::sanitize_text(v.substr(pos, eol - pos));
        pos = eol + 1;
    }
    return s;
}

std::string md_code(std::string_view v) {
    return sanitize_lines(v);
}

std::string csv_field(std::string_view v, bool is_number) {
    // Control characters (ESC and C1 sequences a terminal would obey when the file is shown,
    // CR) and Unicode format characters go; line breaks stay, quoted, as CSV allows.
    std::string s = sanitize_lines(v);
    if (!is_number && !s.empty() &&
        (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
        s.insert(s.begin(), '\'');
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string md_cell(std::string_view v) {
    // | ends a cell; < > & would let a value write raw HTML (<script>, <img onerror>) into the
    // page a Markdown viewer renders; a backtick would open a code span across cells.
    std::string out;
    for (char c : remediation::sanitize_text(v)) {
        if (append_markup_entity(out, c)) continue;
        if (c == '|' || c == '`') out += '\\';
        out += c;
    }
    return out;
}

std::string md_text(std::string_view v) {
    std::string out;
    for (char c : remediation::sanitize_text(v)) {
        switch (c) {
            case '\\':
            case '`':
            case '*':
            case '_':
            case '[':
            case ']':
            case '<':
            case '>':
            case '#':
            case '|':
                out += '\\';
                out += c;
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string md_fence(std::string_view content) {
    std::size_t longest = 0, run = 0;
    for (char c : content) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

std::string html_text(std::string_view v) {
    std::string out;
    out.reserve(v.size());
    for (char c : sanitize_lines(v)) {
        if (append_markup_entity(out, c)) continue;
        switch (c) {
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r')
                    out += "\xEF\xBF\xBD";
                else
                    out += c;
        }
    }
    return out;
}

std::string term(std::string_view v) {
    return remediation::sanitize_text(v);
}

}  // namespace csx::report
