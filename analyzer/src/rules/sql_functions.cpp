#include "rules/sql_functions.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

#include "store/db.hpp"

namespace csx::rules {

namespace {

// The code point at s[i] and its length in bytes; an invalid or cut sequence is one byte of
// U+FFFD.
std::pair<char32_t, std::size_t> decode(std::string_view s, std::size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) return {b, 1};
    std::size_t n = b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
    if (n == 0 || i + n > s.size()) return {0xFFFD, 1};
    char32_t cp = b & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return {0xFFFD, 1};
        cp = (cp << 6) | (c & 0x3F);
    }
    return {cp, n};
}

std::vector<char32_t> code_points(std::string_view s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        auto [cp, n] = decode(s, i);
        out.push_back(cp);
        i += n;
    }
    return out;
}

// A character set: a bitmap for ASCII, a list for the rest. Parsed once per statement and
// kept with the constant argument (sqlite3_set_auxdata): rules call these once per value.
struct char_set {
    std::uint64_t ascii[2] = {0, 0};
    std::vector<char32_t> other;
    bool has(char32_t c) const {
        if (c < 128) return (ascii[c >> 6] >> (c & 63)) & 1;
        for (char32_t o : other)
            if (o == c) return true;
        return false;
    }
};

const char_set& set_of(sqlite3_context* ctx, sqlite3_value* v) {
    if (auto* s = static_cast<const char_set*>(sqlite3_get_auxdata(ctx, 1))) return *s;
    auto* s = new char_set;
    const auto* t = reinterpret_cast<const char*>(sqlite3_value_text(v));
    for (char32_t c : code_points(
             std::string_view(t ? t : "", static_cast<std::size_t>(sqlite3_value_bytes(v))))) {
        if (c < 128)
            s->ascii[c >> 6] |= std::uint64_t{1} << (c & 63);
        else
            s->other.push_back(c);
    }
    sqlite3_set_auxdata(ctx, 1, s, [](void* p) { delete static_cast<char_set*>(p); });
    // set_auxdata may have freed it already (out of memory): look it up again.
    if (auto* kept = static_cast<const char_set*>(sqlite3_get_auxdata(ctx, 1))) return *kept;
    static const char_set empty;
    return empty;
}

template <bool InSet>
void first_matching(sqlite3_context* ctx, int, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const auto* t = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const std::string_view text(t ? t : "", static_cast<std::size_t>(sqlite3_value_bytes(argv[0])));
    const char_set& set = set_of(ctx, argv[1]);
    for (std::size_t i = 0; i < text.size();) {
        auto [cp, n] = decode(text, i);
        const bool in = set.has(cp);
        if (in == InSet) {
            if (cp == 0xFFFD && n == 1 && static_cast<unsigned char>(text[i]) >= 0x80)
                sqlite3_result_text(ctx, "\xEF\xBF\xBD", 3, SQLITE_STATIC);
            else
                sqlite3_result_text(ctx, text.data() + i, static_cast<int>(n), SQLITE_TRANSIENT);
            return;
        }
        i += n;
    }
    sqlite3_result_null(ctx);
}

// csx_after_last(text, sep): what follows the last occurrence of `sep` (the whole text when
// there is none). SQLite has no reverse search.
void after_last(sqlite3_context* ctx, int, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const auto* t = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const std::string_view text(t ? t : "", static_cast<std::size_t>(sqlite3_value_bytes(argv[0])));
    const auto* sp = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
    const std::string_view sep(sp ? sp : "",
                               static_cast<std::size_t>(sqlite3_value_bytes(argv[1])));
    const auto pos = sep.empty() ? std::string_view::npos : text.rfind(sep);
    const std::string_view out =
        pos == std::string_view::npos ? text : text.substr(pos + sep.size());
    sqlite3_result_text(ctx, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

}  // namespace

void register_sql_functions(store::db& d) {
    constexpr int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    // A busy connection (a statement still running) refuses re-registration: it already has
    // them, since this is the only place they are registered.
    sqlite3_create_function_v2(d.handle(), "csx_first_of", 2, flags, nullptr, &first_matching<true>,
                               nullptr, nullptr, nullptr);
    sqlite3_create_function_v2(d.handle(), "csx_first_not_of", 2, flags, nullptr,
                               &first_matching<false>, nullptr, nullptr, nullptr);
    sqlite3_create_function_v2(d.handle(), "csx_after_last", 2, flags, nullptr, &after_last,
                               nullptr, nullptr, nullptr);
}

}  // namespace csx::rules
