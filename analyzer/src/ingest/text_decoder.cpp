#include "ingest/text_decoder.hpp"

#include <fmt/format.h>

#include "util/utf8.hpp"

namespace csx::ingest {

namespace {

// Length of the UTF-8 sequence starting with byte c, 0 if c cannot start one.
int utf8_len(unsigned char c) {
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return 2;
    if (c >= 0xE0 && c <= 0xEF) return 3;
    if (c >= 0xF0 && c <= 0xF4) return 4;
    return 0;
}

// Validates one sequence at s[0..n); 1 = ok, 0 = invalid, -1 = incomplete.
int check_utf8(std::string_view s, std::size_t i, int& len) {
    auto c = static_cast<unsigned char>(s[i]);
    len = utf8_len(c);
    if (len == 0) return 0;
    if (len == 1) return 1;
    if (i + static_cast<std::size_t>(len) > s.size()) {
        for (std::size_t k = i + 1; k < s.size(); ++k)
            if ((static_cast<unsigned char>(s[k]) & 0xC0) != 0x80) return 0;
        return -1;
    }
    for (int k = 1; k < len; ++k)
        if ((static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0xC0) != 0x80)
            return 0;
    auto c1 = static_cast<unsigned char>(s[i + 1]);
    if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
    if (c == 0xED && c1 >= 0xA0) return 0;  // surrogate
    if (c == 0xF0 && c1 < 0x90) return 0;   // overlong
    if (c == 0xF4 && c1 >= 0x90) return 0;  // above U+10FFFF
    return 1;
}

// windows-1252 0x80..0x9F; the rest of the high half maps to Latin-1.
constexpr std::uint16_t kCp1252[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

}  // namespace

bool valid_utf8_prefix(std::string_view b, bool complete) {
    std::size_t i = 0;
    while (i < b.size()) {
        int len = 0;
        int r = check_utf8(b, i, len);
        if (r == 0) return false;
        if (r < 0) return !complete;
        i += static_cast<std::size_t>(len);
    }
    return true;
}

std::string decode_sample(std::string_view bytes, text_encoding enc) {
    std::string out;
    text_decoder d(enc);
    if (!d.decode(bytes, out)) {
        // Keep what decoded; a sample may legitimately end mid-sequence or be partly invalid.
    }
    return out;
}

void text_decoder::append_utf8(std::uint32_t cp, std::string& out) {
    utf8::append(out, cp);
}

bool text_decoder::fail(std::string msg) {
    if (!error_) error_ = std::move(msg);
    return false;
}

bool text_decoder::decode(std::string_view bytes, std::string& out) {
    if (error_) return false;
    std::string joined;
    if (!pending_.empty()) {
        joined = pending_;
        joined.append(bytes);
        pending_.clear();
        bytes = joined;
    }
    std::size_t i = 0;
    if (!bom_checked_) {
        auto u = [&](std::size_t k) {
            return k < bytes.size() ? static_cast<unsigned char>(bytes[k]) : 0x100u;
        };
        std::size_t need = (enc_ == text_encoding::utf8_bom)                                    ? 3
                           : (enc_ == text_encoding::utf16le || enc_ == text_encoding::utf16be) ? 2
                                                                                                : 0;
        if (bytes.size() < need) {
            pending_.assign(bytes);
            return true;
        }
        bom_checked_ = true;
        if (enc_ == text_encoding::utf8_bom && u(0) == 0xEF && u(1) == 0xBB && u(2) == 0xBF) i = 3;
        if (enc_ == text_encoding::utf16le && u(0) == 0xFF && u(1) == 0xFE) i = 2;
        if (enc_ == text_encoding::utf16be && u(0) == 0xFE && u(1) == 0xFF) i = 2;
        offset_ += i;
    }
    switch (enc_) {
        case text_encoding::utf8:
        case text_encoding::utf8_bom: {
            std::size_t start = i;
            while (i < bytes.size()) {
                auto c = static_cast<unsigned char>(bytes[i]);
                if (c < 0x80) {
                    ++i;
                    continue;
                }
                int len = 0;
                int r = check_utf8(bytes, i, len);
                if (r == 0) {
                    out.append(bytes.substr(start, i - start));
                    offset_ += i - start;
                    return fail(
                        fmt::format("invalid UTF-8 byte 0x{:02X} at byte offset {}", c, offset_));
                }
                if (r < 0) break;
                i += static_cast<std::size_t>(len);
            }
            out.append(bytes.substr(start, i - start));
            offset_ += i - start;
            pending_.assign(bytes.substr(i));
            return true;
        }
        case text_encoding::windows1252:
            for (; i < bytes.size(); ++i) {
                auto c = static_cast<unsigned char>(bytes[i]);
                append_utf8(c >= 0x80 && c < 0xA0 ? kCp1252[c - 0x80] : c, out);
            }
            offset_ += bytes.size();
            return true;
        case text_encoding::utf16le:
        case text_encoding::utf16be: {
            const bool le = enc_ == text_encoding::utf16le;
            for (; i + 1 < bytes.size(); i += 2) {
                auto b0 = static_cast<unsigned char>(bytes[i]);
                auto b1 = static_cast<unsigned char>(bytes[i + 1]);
                std::uint32_t unit = le ? (b0 | (b1 << 8)) : ((b0 << 8) | b1);
                if (high_surrogate_) {
                    if (unit < 0xDC00 || unit > 0xDFFF)
                        return fail(fmt::format("unpaired UTF-16 surrogate at byte offset {}",
                                                offset_ + i - 2));
                    append_utf8(0x10000 + ((high_surrogate_ - 0xD800) << 10) + (unit - 0xDC00),
                                out);
                    high_surrogate_ = 0;
                } else if (unit >= 0xD800 && unit <= 0xDBFF) {
                    high_surrogate_ = unit;
                } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
                    return fail(
                        fmt::format("unpaired UTF-16 surrogate at byte offset {}", offset_ + i));
                } else {
                    append_utf8(unit, out);
                }
            }
            offset_ += i;
            pending_.assign(bytes.substr(i));
            return true;
        }
    }
    return true;
}

bool text_decoder::finish() {
    if (error_) return false;
    if (!pending_.empty()) {
        if (enc_ == text_encoding::utf16le || enc_ == text_encoding::utf16be)
            return fail(
                fmt::format("odd number of bytes in UTF-16 text (the file ends mid-character at "
                            "byte offset {})",
                            offset_));
        return fail(
            fmt::format("the file ends inside a UTF-8 sequence at byte offset {}", offset_));
    }
    if (high_surrogate_) return fail("the file ends after an unpaired UTF-16 surrogate");
    return true;
}

}  // namespace csx::ingest
