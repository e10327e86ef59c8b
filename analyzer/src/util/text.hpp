// Text helpers for values read from files: whitespace trimming, strict integer parsing, and
// ASCII case folding (directory names, accounts and keywords compare case-insensitively).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace csx::text {

// Without leading and trailing XML whitespace (space, tab, CR, LF).
std::string_view trim(std::string_view s);

// The whole (trimmed) text as a decimal integer, else nullopt ("12x", "", overflow).
std::optional<std::int64_t> to_int(std::string_view s);

// A-Z to a-z; every other byte (UTF-8 included) as it is.
char ascii_lower(char c);
std::string ascii_lower(std::string_view s);
// Equal, or `s` begins with `prefix`, ignoring ASCII case.
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);

}  // namespace csx::text
