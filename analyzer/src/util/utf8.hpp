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

// Not a code point: what decode returns for bytes that are not well-formed UTF-8.
inline constexpr std::uint32_t kMalformed = 0x110000;

// The code point at s[i], advancing i past it; for bytes that are not one well-formed sequence,
// kMalformed with one byte consumed.
std::uint32_t decode(std::string_view s, std::size_t& i);

// A control character: C0, DEL, C1, and the line and paragraph separators (each ends or
// rewrites a terminal line).
bool is_control(std::uint32_t cp);

// A Unicode format character (category Cf): bidi embeddings and overrides, zero-width
// characters, the BOM, the soft hyphen, invisible operators. They change how a line displays
// (U+202E shows it backwards) without changing what it says.
bool is_format(std::uint32_t cp);

// 0-15 for a hex digit, -1 otherwise.
int hex_value(char c);

}  // namespace csx::utf8
