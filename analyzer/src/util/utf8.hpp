// Small text helpers shared by the decoders: code point to UTF-8, hex digit value.
#pragma once

#include <cstdint>
#include <cstddef>
#include <string>
#include <string_view>

namespace csx::utf8 {

// Appends the UTF-8 encoding of code point `cp` (callers pass valid scalar values).
void append(std::string& out, std::uint32_t cp);

// The length (1-4) of the well-formed UTF-8 sequence at s[i] (no overlong form, surrogate or
// code point above U+10FFFF), or 0 when the bytes there are not one.
std::size_t sequence_length(std::string_view s, std::size_t i);

// 0-15 for a hex digit, -1 otherwise.
int hex_value(char c);

}  // namespace csx::utf8
