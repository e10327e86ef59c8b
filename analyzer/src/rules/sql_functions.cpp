#include "rules/sql_functions.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

#include "store/db.hpp"
#include "util/utf8.hpp"

namespace csx::rules {

namespace {

// The code points of s; bytes that are not well-formed UTF-8 are each one kMalformed.
std::vector<char32_t> code_points(std::string_view s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();)
        out.push_back(utf8::decode(s, i));
    return out;
}

// NULL in, NULL out: true (and the result set) when either argument is NULL.
bool any_null(sqlite3_context* ctx, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) != SQLITE_NULL && sqlite3_value_type(argv[1]) != SQLITE_NULL)
        return false;
    sqlite3_result_null(ctx);
    return true;
}

// An argument as UTF-8 text, valid until the function returns.
std::string_view text_of(sqlite3_value* v) {
    const auto* t = reinterpret_cast<const char*>(sqlite3_value_text(v));
    return {t ? t : "", static_cast<std::size_t>(sqlite3_value_bytes(v))};
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
    for (char32_t c : code_points(text_of(v))) {
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
    if (any_null(ctx, argv)) return;
    const std::string_view text = text_of(argv[0]);
    const char_set& set = set_of(ctx, argv[1]);
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t at = i;
        const char32_t cp = utf8::decode(text, i);
        if (set.has(cp) == InSet) {
            // A byte that is not well-formed UTF-8 is named as U+FFFD (never half a sequence).
            if (cp == utf8::kMalformed)
                sqlite3_result_text(ctx, "\xEF\xBF\xBD", 3, SQLITE_STATIC);
            else
                sqlite3_result_text(ctx, text.data() + at, static_cast<int>(i - at),
                                    SQLITE_TRANSIENT);
            return;
        }
    }
    sqlite3_result_null(ctx);
}

// csx_after_last(text, sep): what follows the last occurrence of `sep` (the whole text when
// there is none). SQLite has no reverse search.
void after_last(sqlite3_context* ctx, int, sqlite3_value** argv) {
    if (any_null(ctx, argv)) return;
    const std::string_view text = text_of(argv[0]);
    const std::string_view sep = text_of(argv[1]);
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
