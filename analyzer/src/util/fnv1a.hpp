// fnv1a: the 64-bit FNV-1a hash, for change detection (schema digests), hash tables (attribute
// names) and key screens (duplicate keys). Fast and not cryptographic: never a security measure.
#pragma once

#include <cstdint>
#include <string_view>

namespace csx {

inline constexpr std::uint64_t kFnv1aOffset = 14695981039346656037ull;

// One more byte into the hash `h`.
inline std::uint64_t fnv1a_byte(std::uint64_t h, unsigned char c) {
    return (h ^ c) * 1099511628211ull;
}

// The bytes of `s` into the hash `h` (the offset basis for a new hash).
inline std::uint64_t fnv1a(std::string_view s, std::uint64_t h = kFnv1aOffset) {
    for (unsigned char c : s)
        h = fnv1a_byte(h, c);
    return h;
}

}  // namespace csx
