// Small text helpers shared by the decoders: code point to UTF-8, hex digit value.
#pragma once

#include <cstdint>
#include <string>

namespace csx::utf8 {

// Appends the UTF-8 encoding of code point `cp` (callers pass valid scalar values).
void append(std::string& out, std::uint32_t cp);

// 0-15 for a hex digit, -1 otherwise.
int hex_value(char c);

}  // namespace csx::utf8
