#include "util/text.hpp"

#include <charconv>

namespace csx::text {

namespace {
bool xml_space(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}
}  // namespace

std::string_view trim(std::string_view s) {
    while (!s.empty() && xml_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && xml_space(s.back()))
        s.remove_suffix(1);
    return s;
}

std::optional<std::int64_t> to_int(std::string_view s) {
    s = trim(s);
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

}  // namespace csx::text
