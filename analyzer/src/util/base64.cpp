#include "util/base64.hpp"

namespace csx::base64 {

namespace {

int value_of(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

}  // namespace

std::optional<std::string> decode(std::string_view in) {
    std::string out;
    out.reserve(in.size() / 4 * 3);
    unsigned acc = 0;
    int bits = 0;
    std::size_t digits = 0;
    bool padding = false;
    for (char c : in) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        if (c == '=') {
            padding = true;
            continue;
        }
        const int v = value_of(c);
        if (v < 0 || padding) return std::nullopt;  // a foreign character, or data after '='
        acc = (acc << 6) | static_cast<unsigned>(v);
        bits += 6;
        ++digits;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFFu));
        }
    }
    if (digits % 4 == 1) return std::nullopt;  // 6 bits cannot end a byte
    return out;
}

}  // namespace csx::base64
