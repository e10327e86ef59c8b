#include "remediation/value_grammar.hpp"

#include <fmt/format.h>

namespace csx::remediation {

namespace {

bool alpha(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool digit(char c) {
    return c >= '0' && c <= '9';
}

bool descr(std::string_view v) {
    if (v.empty() || !alpha(v.front())) return false;
    for (char c : v)
        if (!alpha(c) && !digit(c) && c != '-') return false;
    return true;
}

bool numeric_oid(std::string_view v) {
    bool dot_seen = false, digit_last = false;
    for (char c : v) {
        if (digit(c)) {
            digit_last = true;
        } else if (c == '.' && digit_last) {
            dot_seen = true;
            digit_last = false;
        } else {
            return false;
        }
    }
    return dot_seen && digit_last;
}

// sAMAccountName: 1-20 characters (64 accepted for the name part of a UPN-style form), none of
// " / \ [ ] : ; | = , + * ? < > and no control character; not starting with '-' or '/', which a
// program could read as an option.
std::optional<std::string> account_name(std::string_view n, std::string_view whole) {
    if (n.empty() || n.size() > 64)
        return fmt::format("'{}' has no account name of 1 to 64 characters", whole);
    for (unsigned char c : n) {
        if (c < 0x20 || c == 0x7F)
            return fmt::format("the account name in '{}' holds a control character", whole);
        if (std::string_view("\"/\\[]:;|=,+*?<>").find(static_cast<char>(c)) !=
            std::string_view::npos)
            return fmt::format("the account name in '{}' holds '{}', which account names may not",
                               whole, static_cast<char>(c));
    }
    if (n.front() == '-') return fmt::format("'{}' starts with '-'", whole);
    return std::nullopt;
}

bool domain_label_chars(std::string_view d) {
    if (d.empty()) return false;
    for (char c : d)
        if (!alpha(c) && !digit(c) && c != '-' && c != '.' && c != '_') return false;
    return true;
}

}  // namespace

std::optional<value_grammar> parse_value_grammar(std::string_view name) {
    if (name == "ldap-name") return value_grammar::ldap_name;
    if (name == "account") return value_grammar::account;
    if (name == "dns-name") return value_grammar::dns_name;
    return std::nullopt;
}

std::optional<std::string> grammar_violation(value_grammar g, std::string_view v) {
    switch (g) {
        case value_grammar::ldap_name:
            if (descr(v) || numeric_oid(v)) return std::nullopt;
            return fmt::format(
                "'{}' is not an LDAP attribute or class name (a letter, then letters, digits and "
                "'-'; or a numeric OID)",
                v);
        case value_grammar::dns_name: {
            bool ok = !v.empty() && v.size() <= 253 && v.front() != '.' && v.back() != '.';
            std::size_t label = 0;
            for (std::size_t i = 0; ok && i < v.size(); ++i) {
                if (v[i] == '.') {
                    ok = label > 0 && v[i - 1] != '-';
                    label = 0;
                    continue;
                }
                ok = (alpha(v[i]) || digit(v[i]) || (label > 0 && (v[i] == '-' || v[i] == '_'))) &&
                     ++label <= 63;
            }
            if (ok) return std::nullopt;
            return fmt::format("'{}' is not a DNS domain name", v);
        }
        case value_grammar::account: {
            if (const auto slash = v.find('\\'); slash != std::string_view::npos) {
                const std::string_view domain = v.substr(0, slash);
                if (!domain_label_chars(domain) || domain.front() == '-')
                    return fmt::format("the domain in '{}' is not a NetBIOS or DNS name", v);
                return account_name(v.substr(slash + 1), v);
            }
            if (const auto at = v.rfind('@'); at != std::string_view::npos) {
                const std::string_view domain = v.substr(at + 1);
                if (!domain_label_chars(domain) || domain.front() == '-' || domain.front() == '.')
                    return fmt::format("the domain in '{}' is not a DNS name", v);
                return account_name(v.substr(0, at), v);
            }
            return account_name(v, v);
        }
    }
    return std::string("unknown grammar");
}

}  // namespace csx::remediation
