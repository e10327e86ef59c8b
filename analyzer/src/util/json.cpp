#include "util/json.hpp"

#include <fmt/format.h>

#include "util/utf8.hpp"

namespace csx::json {

namespace {

// The code point of an invisible character starting at s[i] (UTF-8), else 0.
unsigned invisible_at(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) {
        return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
    };
    if (b(0) == 0xC2 && b(1) >= 0x80 && b(1) <= 0x9F) return b(1);  // C1 control
    if (b(0) == 0xE2 && b(1) == 0x80 &&
        ((b(2) >= 0x8B && b(2) <= 0x8F) || (b(2) >= 0xA8 && b(2) <= 0xAE)))
        return 0x2000u | (b(2) & 0x3Fu);  // U+200B-200F, U+2028-202E
    if (b(0) == 0xE2 && b(1) == 0x81 && b(2) >= 0xA0 && b(2) <= 0xAF)
        return 0x2040u | (b(2) & 0x3Fu);  // U+2060-206F
    if (b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return 0xFEFF;
    return 0;
}

}  // namespace

void append_string(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out.reserve(out.size() + s.size() + 2);
    out += '"';
    // Copy runs that need no escaping in one append: most values have none.
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        // Invisible characters a terminal or viewer would act on or hide (C1 controls, bidi
        // overrides, zero-width and other format characters, line/paragraph separators) are
        // written as \u escapes: the JSON means the same, and a `cat` of it shows them. Bytes
        // that are not UTF-8 become \ufffd: JSON text is UTF-8 (RFC 8259).
        if (c >= 0x80) {
            const std::size_t n = utf8::sequence_length(s, i);
            const unsigned cp = n ? invisible_at(s, i) : 0xFFFD;  // malformed: U+FFFD
            if (cp) {
                out.append(s.data() + run, i - run);
                out += fmt::format("\\u{:04x}", cp);
                i += n ? n - 1 : 0;
                run = i + 1;
                continue;
            }
            i += n - 1;
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
