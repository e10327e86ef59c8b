// utf8: the one place UTF-8 is walked by hand: validation (no overlong form, surrogate or code
// point above U+10FFFF: RFC 3629), code point decoding and encoding, cuts at a character
// boundary, and the character classes the outputs care about. Everything else that needs to
// know where a character starts or ends asks here.
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

// The length of the longest prefix of `s` made of whole well-formed sequences.
std::size_t valid_prefix(std::string_view s);

// True when `tail` (1-3 bytes) is the start of a well-formed sequence that the end of the
// input cuts short: what a chunked reader keeps for the next chunk instead of rejecting.
bool truncated_sequence(std::string_view tail);

// True when `s` is well-formed UTF-8; when `complete` is false (a sample of a longer input),
// a sequence cut short at the very end is tolerated.
bool valid(std::string_view s, bool complete = true);

// The largest n <= max that does not fall inside a character of `s` (s.size() when max is
// past the end): where to cut `s` to keep at most `max` bytes without splitting a character.
std::size_t cut_at_boundary(std::string_view s, std::size_t max);

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
