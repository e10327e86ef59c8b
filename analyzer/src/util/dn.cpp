#include "util/dn.hpp"

#include <cctype>

namespace csx::dn {

namespace {

// Spaces around an RDN, but not an escaped trailing space ("\\ "), which is part of the value.
std::string_view trim_rdn(std::string_view s) {
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    // A trailing space escaped as "\ " belongs to the value.
    while (s.size() >= 1 && s.back() == ' ' && !(s.size() >= 2 && s[s.size() - 2] == '\\'))
        s.remove_suffix(1);
    return s;
}

bool starts_with_dc(std::string_view rdn) {
    return rdn.size() >= 3 && (rdn[0] == 'D' || rdn[0] == 'd') &&
           (rdn[1] == 'C' || rdn[1] == 'c') && rdn[2] == '=';
}

}  // namespace

std::vector<std::string_view> split(std::string_view dn) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < dn.size(); ++i) {
        if (dn[i] == '\\') {
            ++i;  // skip the escaped character (or the first hex digit; the second is harmless)
            continue;
        }
        if (dn[i] == ',') {
            out.push_back(trim_rdn(dn.substr(start, i - start)));
            start = i + 1;
        }
    }
    if (start < dn.size() || !dn.empty()) out.push_back(trim_rdn(dn.substr(start)));
    return out;
}

std::string_view parent(std::string_view dn) {
    for (std::size_t i = 0; i < dn.size(); ++i) {
        if (dn[i] == '\\') {
            ++i;
            continue;
        }
        if (dn[i] == ',') return trim_rdn(dn.substr(i + 1));
    }
    return {};
}

std::string_view domain_dn(std::string_view dn) {
    std::string_view rest = trim_rdn(dn);
    // Walk RDN by RDN; the answer is the first suffix made only of DC= RDNs.
    while (!rest.empty()) {
        bool all_dc = true;
        for (auto rdn : split(rest)) {
            if (!starts_with_dc(rdn)) {
                all_dc = false;
                break;
            }
        }
        if (all_dc) return rest;
        rest = parent(rest);
    }
    return {};
}

std::string dns_name(std::string_view dn) {
    std::string out;
    for (auto rdn : split(domain_dn(dn))) {
        if (!out.empty()) out += '.';
        for (char c : trim_rdn(rdn.substr(3)))
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

bool has_dc_rdn(std::string_view dn) {
    for (std::size_t i = 0; i + 3 <= dn.size(); ++i) {
        if ((i == 0 || dn[i - 1] == ',') && (dn[i] == 'D' || dn[i] == 'd') &&
            (dn[i + 1] == 'C' || dn[i + 1] == 'c') && dn[i + 2] == '=')
            return true;
    }
    return false;
}

std::string_view first_rdn_value(std::string_view dn) {
    auto rdns = split(dn);
    if (rdns.empty()) return {};
    auto rdn = rdns.front();
    auto eq = rdn.find('=');
    return eq == std::string_view::npos ? std::string_view() : trim_rdn(rdn.substr(eq + 1));
}

}  // namespace csx::dn
