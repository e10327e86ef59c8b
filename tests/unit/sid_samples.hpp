// Test-side construction of security identifiers, independent of util/sid and util/base64:
// the binary layout of MS-DTYP 2.4.2.2 built byte by byte, its base64 (RFC 4648) and its
// string form, so tests compare what the code decodes with what they built themselves.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace csx::test {

// Revision 1, the sub-authority count, the 48-bit authority big-endian, then each 32-bit
// sub-authority little-endian.
inline std::string binary_sid(std::uint64_t authority, const std::vector<std::uint32_t>& subs) {
    std::string b;
    b += static_cast<char>(1);
    b += static_cast<char>(subs.size());
    for (int shift = 40; shift >= 0; shift -= 8)
        b += static_cast<char>((authority >> shift) & 0xFF);
    for (std::uint32_t s : subs)
        for (int shift = 0; shift < 32; shift += 8)
            b += static_cast<char>((s >> shift) & 0xFF);
    return b;
}

inline std::string string_sid(std::uint64_t authority, const std::vector<std::uint32_t>& subs) {
    std::string s = "S-1-" + std::to_string(authority);
    for (std::uint32_t v : subs)
        s += "-" + std::to_string(v);
    return s;
}

inline std::string base64_encode(const std::string& bytes) {
    static const char* const kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const std::uint32_t v = (static_cast<std::uint8_t>(bytes[i]) << 16) |
                                (static_cast<std::uint8_t>(bytes[i + 1]) << 8) |
                                static_cast<std::uint8_t>(bytes[i + 2]);
        for (int k = 18; k >= 0; k -= 6)
            out += kAlphabet[(v >> k) & 63];
    }
    if (i + 1 == bytes.size()) {
        const std::uint32_t v = static_cast<std::uint8_t>(bytes[i]) << 16;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += "==";
    } else if (i + 2 == bytes.size()) {
        const std::uint32_t v = (static_cast<std::uint8_t>(bytes[i]) << 16) |
                                (static_cast<std::uint8_t>(bytes[i + 1]) << 8);
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += '=';
    }
    return out;
}

// The invented fabrikam domain of corpus/minimal's LDIF and CLIXML samples.
inline const std::vector<std::uint32_t> kFabrikamDomain = {21, 3719052151u, 2871467934u,
                                                           1620482513u};

inline std::vector<std::uint32_t> fabrikam_rid(std::uint32_t rid) {
    auto v = kFabrikamDomain;
    v.push_back(rid);
    return v;
}

}  // namespace csx::test
