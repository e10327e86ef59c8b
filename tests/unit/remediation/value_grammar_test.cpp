// value_grammar: the names that may stand in dsacls's ACE grammar, and the refusals.
#include <catch2/catch.hpp>

#include "remediation/value_grammar.hpp"

using namespace csx::remediation;

TEST_CASE("LDAP names: descr or numeric OID, nothing that changes an ACE string", "[remediation]") {
    for (const char* ok : {"msDS-KeyCredentialLink", "mS-DS-ConsistencyGuid", "user", "a",
                           "msExchSafeSendersHash", "1.2.840.113556.1.4.7000"})
        CHECK_FALSE(grammar_violation(value_grammar::ldap_name, ok));
    for (const char* bad : {"", ";", "a;b", "x,y", "a:b", "*", "a b", "-a", "1a", "1.", ".1",
                            "1..2", "a\"b", "\xC3\xA4ttr", "attr;binary"}) {
        CAPTURE(bad);
        CHECK(grammar_violation(value_grammar::ldap_name, bad));
    }
    // A bare word like "WP" is a legal attribute name: what matters is that it cannot leave its
    // field, which ';', ',', ':' and spaces could.
    CHECK_FALSE(grammar_violation(value_grammar::ldap_name, "WP"));
}

TEST_CASE("accounts: name, NetBIOS-qualified name or name@domain within sAMAccountName's rules",
          "[remediation]") {
    for (const char* ok : {"CONTOSO\\MSOL_0123456789ab", "MSOL_d1edb676ca03@contoso.com",
                           "svc-sync", "CONTOSO\\svc.sync$", "O'Brien", "sub.contoso\\x"})
        CHECK_FALSE(grammar_violation(value_grammar::account, ok));
    for (const char* bad : {"", "CONTOSO\\", "CONTOSO\\MSOL_x:GA", "MSOL;x", "a,b", "a=b",
                            "CON TOSO\\x", "\\x", "x@", "x@-evil", "-o", "a\"b", "a\nb",
                            "x/y", "a*", "a?", "a<b", "a|b", "a+b", "a[b]"}) {
        CAPTURE(bad);
        CHECK(grammar_violation(value_grammar::account, bad));
    }
    CHECK(grammar_violation(value_grammar::account, "CONTOSO\\MSOL_x:GA")->find("':'") !=
          std::string::npos);
    CHECK(parse_value_grammar("ldap-name") == value_grammar::ldap_name);
    CHECK(parse_value_grammar("account") == value_grammar::account);
    CHECK_FALSE(parse_value_grammar("dn"));
}

TEST_CASE("DNS names: labels of letters, digits and hyphens joined by dots", "[remediation]") {
    for (const char* ok : {"contoso.com", "corp.contoso.com", "a-b.example", "x1.internal", "lan"})
        CHECK_FALSE(grammar_violation(value_grammar::dns_name, ok));
    for (const char* bad : {"", ".contoso.com", "contoso.com.", "contoso..com", "-x.com",
                            "x-.com", "contoso com", "contoso.com\\x", "dc01\\x", "a;b.com",
                            "'x'.com", "x.com/y"}) {
        CAPTURE(bad);
        CHECK(grammar_violation(value_grammar::dns_name, bad));
    }
}
