#include "util/sid.hpp"

#include <charconv>
#include <cstdint>
#include <vector>

#include <fmt/format.h>

#include "util/base64.hpp"
#include "util/text.hpp"

namespace csx::sid {

std::optional<std::string> from_binary(std::string_view b) {
    // MS-DTYP 2.4.2.2: Revision (1), SubAuthorityCount (1), IdentifierAuthority (6, big-endian),
    // SubAuthority[count] (4 each, little-endian).
    if (b.size() < 8) return std::nullopt;
    auto u8 = [&](std::size_t i) { return static_cast<std::uint8_t>(b[i]); };
    const unsigned count = u8(1);
    if (u8(0) != 1 || count > 15 || b.size() != 8 + 4 * std::size_t{count}) return std::nullopt;
    std::uint64_t authority = 0;
    for (std::size_t i = 2; i < 8; ++i)
        authority = (authority << 8) | u8(i);
    std::string out = fmt::format("S-1-{}", authority);
    for (unsigned k = 0; k < count; ++k) {
        const std::size_t o = 8 + 4 * std::size_t{k};
        const std::uint32_t v = static_cast<std::uint32_t>(u8(o)) |
                                (static_cast<std::uint32_t>(u8(o + 1)) << 8) |
                                (static_cast<std::uint32_t>(u8(o + 2)) << 16) |
                                (static_cast<std::uint32_t>(u8(o + 3)) << 24);
        out += fmt::format("-{}", v);
    }
    return out;
}

std::optional<std::string> from_base64(std::string_view b64) {
    auto bytes = base64::decode(b64);
    if (!bytes) return std::nullopt;
    return from_binary(*bytes);
}

std::optional<std::string> parse(std::string_view s) {
    s = text::trim(s);
    if (s.size() < 4 || (s[0] != 'S' && s[0] != 's') || s[1] != '-') return std::nullopt;
    std::string_view rest = s.substr(2);
    std::vector<std::uint64_t> parts;
    while (!rest.empty()) {
        const auto dash = rest.find('-');
        const std::string_view digits = rest.substr(0, dash);
        std::uint64_t v = 0;
        auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
        if (digits.empty() || ec != std::errc() || p != digits.data() + digits.size())
            return std::nullopt;
        parts.push_back(v);
        if (dash == std::string_view::npos) break;
        rest.remove_prefix(dash + 1);
        if (rest.empty()) return std::nullopt;  // a trailing '-'
    }
    // Revision 1, an authority below 2^48, at most 15 sub-authorities of 32 bits.
    if (parts.size() < 2 || parts.size() > 17 || parts[0] != 1 || parts[1] >= (1ULL << 48))
        return std::nullopt;
    std::string out = "S";
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i >= 2 && parts[i] > 0xFFFFFFFFULL) return std::nullopt;
        out += fmt::format("-{}", parts[i]);
    }
    return out;
}

std::optional<std::string> from_any(std::string_view s) {
    if (auto p = parse(s)) return p;
    return from_base64(s);
}

namespace {

// "S-1-5-21-a-b-c-RID": the offset of the last '-' when the SID has exactly that shape.
std::optional<std::size_t> last_dash_of_domain_sid(std::string_view c) {
    if (!c.starts_with("S-1-5-21-")) return std::nullopt;
    std::size_t dashes = 0;
    for (char ch : c)
        if (ch == '-') ++dashes;
    if (dashes != 7) return std::nullopt;  // S 1 5 21 a b c RID
    return c.rfind('-');
}

}  // namespace

std::string domain_of(std::string_view c) {
    auto d = last_dash_of_domain_sid(c);
    return d ? std::string(c.substr(0, *d)) : std::string();
}

std::optional<long long> rid_of(std::string_view c) {
    auto d = last_dash_of_domain_sid(c);
    if (!d) return std::nullopt;
    long long v = 0;
    const std::string_view digits = c.substr(*d + 1);
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec != std::errc() || p != digits.data() + digits.size()) return std::nullopt;
    return v;
}

}  // namespace csx::sid
