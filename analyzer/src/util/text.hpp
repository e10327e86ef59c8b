// Text helpers for values read from files: whitespace trimming and strict integer parsing.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace csx::text {

// Without leading and trailing XML whitespace (space, tab, CR, LF).
std::string_view trim(std::string_view s);

// The whole (trimmed) text as a decimal integer, else nullopt ("12x", "", overflow).
std::optional<std::int64_t> to_int(std::string_view s);

}  // namespace csx::text
