#include "util/json.hpp"

#include <fmt/format.h>

#include "util/utf8.hpp"

namespace csx::json {

void append_string(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out.reserve(out.size() + s.size() + 2);
    out += '"';
    // Copy runs that need no escaping in one append: most values have none.
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        // Characters a terminal or viewer would act on or hide (C1 controls, line and
        // paragraph separators, bidi overrides, zero-width and other format characters: the
        // classes shell_quote refuses in commands) are written as \u escapes: the JSON means
        // the same, and a `cat` of it shows them. Bytes that are not UTF-8 become \ufffd: JSON
        // text is UTF-8 (RFC 8259).
        if (c >= 0x80) {
            std::size_t next = i;
            std::uint32_t cp = utf8::decode(s, next);
            if (cp == utf8::kMalformed)
                cp = 0xFFFD;
            else if (!utf8::is_control(cp) && !utf8::is_format(cp))
                cp = 0;
            if (cp) {
                out.append(s.data() + run, i - run);
                if (cp > 0xFFFF) {  // a surrogate pair, as JSON writes it
                    const std::uint32_t v = cp - 0x10000;
                    out +=
                        fmt::format("\\u{:04x}\\u{:04x}", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
                } else {
                    out += fmt::format("\\u{:04x}", cp);
                }
                run = next;
            }
            i = next - 1;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f) continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 15];
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

void builder::separate() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (need_comma_) out_ += ',';
}

void builder::open(char c) {
    separate();
    out_ += c;
    need_comma_ = false;
}

void builder::close(char c) {
    out_ += c;
    need_comma_ = true;
}

void builder::key(std::string_view k) {
    separate();
    append_string(out_, k);
    out_ += ':';
    after_key_ = true;
}

void builder::value(std::string_view s) {
    separate();
    append_string(out_, s);
    need_comma_ = true;
}

void builder::value(const std::vector<std::string>& strings) {
    begin_array();
    for (const auto& s : strings)
        value(s);
    end_array();
}

void builder::value(std::int64_t v) {
    separate();
    out_ += fmt::format("{}", v);
    need_comma_ = true;
}

void builder::value_bool(bool v) {
    separate();
    out_ += v ? "true" : "false";
    need_comma_ = true;
}

void builder::value_null() {
    separate();
    out_ += "null";
    need_comma_ = true;
}

void builder::raw(std::string_view j) {
    separate();
    out_ += j;
    need_comma_ = true;
}

}  // namespace csx::json
