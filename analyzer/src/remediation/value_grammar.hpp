// value_grammar: what a value must look like to stand in a command's grammar, beyond quoting.
//
// Quoting keeps a value from breaking out of its argument; it does not keep it from changing
// the meaning of the argument's own grammar. In dsacls's "<principal>:WP;<attribute>;<class>"
// an attribute name ";" makes "WP;;" (write every property), a principal "x:GA" grants
// everything. A template declares the grammar of such placeholders (front matter
// `grammar.<name>: ldap-name | account`); a value outside it withholds the command, with the
// reason.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace csx::remediation {

enum class value_grammar {
    ldap_name,  // an LDAP attribute or class name: RFC 4512 descr (ALPHA *(ALPHA / DIGIT / "-"))
                // or a numeric OID (1.2.840.113556.1.4.7000)
    account,    // an AD account as dsacls takes it: name, DOMAIN\name or name@dns.domain, the
                // name within sAMAccountName's rules (no " / \ [ ] : ; | = , + * ? < >)
    dns_name,   // a DNS domain name: labels of letters, digits, '-' (and '_'), joined by '.';
                // it becomes \\<server>\ and -Server arguments
};

// The grammar named in a template ("ldap-name", "account", "dns-name"), else nullopt.
std::optional<value_grammar> parse_value_grammar(std::string_view name);

// Why `v` is not a value of grammar `g`, or nullopt when it is.
std::optional<std::string> grammar_violation(value_grammar g, std::string_view v);

}  // namespace csx::remediation
