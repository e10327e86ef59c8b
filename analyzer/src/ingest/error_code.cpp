#include "ingest/error_code.hpp"

#include "util/text.hpp"

#include <charconv>

namespace csx::ingest {

std::optional<std::int64_t> normalize_error_code(std::string_view s) {
    s = text::trim(s);
    if (s.empty()) return std::nullopt;
    std::int64_t v = 0;
    int base = 10;
    bool negative = false;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s.remove_prefix(2);
        base = 16;
    } else if (s[0] == '-') {
        negative = true;
        s.remove_prefix(1);
    }
    if (s.empty() || s.size() > 16) return std::nullopt;
    std::uint64_t u = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), u, base);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    if (negative) {
        if (u > 0x80000000ull) return std::nullopt;
        v = static_cast<std::int64_t>(0x100000000ull - u);
    } else {
        if (u > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
        v = static_cast<std::int64_t>(u);
    }
    if ((v & 0xFFFF0000) == 0x80070000 && v <= 0xFFFFFFFF) v &= 0xFFFF;
    return v;
}

}  // namespace csx::ingest
