// The redactor on its own: what is replaced, what is kept, consistency, and the leak search.
#include <catch2/catch.hpp>

#include "report/redactor.hpp"

using namespace csx;
using report::redactor;

namespace {

redactor make() {
    redactor r({"Users", "System", "AdminSDHolder", "Domain Admins", "Administrator", "krbtgt"});
    r.known(redactor::kind::person, "Dana Admin");
    r.known(redactor::kind::person, "Dana");
    r.known(redactor::kind::account, "dadmin");
    r.known(redactor::kind::mailbox, "SMTP:dana@contoso.com");
    r.known(redactor::kind::person, "D");  // too short to mean anything: ignored
    return r;
}

std::string same(std::string_view s) {
    return std::string(s);
}

}  // namespace

TEST_CASE("redactor: CN values, accounts, mailbox local parts, structure stays", "[report]") {
    auto r = make();
    CHECK(r.apply("CN=Dana Admin,OU=IT,DC=contoso,DC=com") ==
          "CN=person-1,OU=IT,DC=contoso,DC=com");
    // Same value, any case, same pseudonym; the longer known value wins over "Dana".
    CHECK(r.apply("DANA ADMIN signed in as dadmin; Dana too") ==
          "person-1 signed in as account-1; person-2 too");
    // "dana" is both a known first name and the local part: one value, one pseudonym.
    CHECK(r.apply("smtp:dana@contoso.com and Dana@Contoso.com") ==
          "smtp:person-2@contoso.com and person-2@Contoso.com");
    // An address the data never mentioned is still a mailbox.
    CHECK(r.apply("owner: someone.else@fabrikam.example") == "owner: mailbox-1@fabrikam.example");
    // DOMAIN\user: the user goes, the domain stays; the template placeholder DOMAIN\name stays.
    CHECK(r.apply("\"CONTOSO\\MSOL_0123456789ab:WP;x\"") == "\"CONTOSO\\account-2:WP;x\"");
    CHECK(r.apply("--account DOMAIN\\name") == "--account DOMAIN\\name");
    // Well-known names, OU/DC values and Entra GUID names are not personal.
    CHECK(r.apply("CN=AdminSDHolder,CN=System,DC=contoso,DC=com") ==
          "CN=AdminSDHolder,CN=System,DC=contoso,DC=com");
    CHECK(r.apply("member of CN=Domain Admins,CN=Users,DC=contoso,DC=com") ==
          "member of CN=Domain Admins,CN=Users,DC=contoso,DC=com");
    CHECK(r.apply("CN={4F3A2B1C0D9E8F7A6B5C4D3E2F1A0B9C}") ==
          "CN={4F3A2B1C0D9E8F7A6B5C4D3E2F1A0B9C}");
    CHECK(r.apply("OU=Dana,DC=contoso") == "OU=Dana,DC=contoso");
    CHECK(r.apply("Administrator and krbtgt") == "Administrator and krbtgt");
    // Words that merely contain a known value are left alone.
    CHECK(r.apply("Danaë Dana2 dadministrator") == "Danaë Dana2 dadministrator");
    CHECK(r.replaced() == 5);  // person 1-2, account 1-2, mailbox 1
}

TEST_CASE("redactor: prose right after a DN is not taken for its DC= value", "[report]") {
    auto r = make();
    r.known(redactor::kind::account, "MSOL_fab0123456cd");
    // csx verify's evidence: "dsacls of <DN>: no ACE lets DOMAIN\\user write ...". A DC= value is a
    // DNS label, so the account after ": " is still found and replaced.
    const std::string out = r.apply(
        "dsacls of CN=Dana Admin,DC=fabrikam,DC=example: no ACE lets FABRIKAM\\MSOL_fab0123456cd "
        "write x");
    CHECK(out ==
          "dsacls of CN=person-1,DC=fabrikam,DC=example: no ACE lets FABRIKAM\\account-1 write x");
    CHECK(r.leaks(out, same).empty());
    CHECK(redactor::find_dns("see CN=X,DC=a,DC=b: then") ==
          std::vector<std::string>{"CN=X,DC=a,DC=b"});
}

TEST_CASE("redactor: escaped and quoted DN values", "[report]") {
    redactor r({});
    r.known(redactor::kind::person, "O'Brien\\, Seán");
    const std::string cmd = r.apply("dsacls \"CN=O'Brien\\, Seán,OU=Sales,DC=t,DC=x\"");
    CHECK(cmd == "dsacls \"CN=person-1,OU=Sales,DC=t,DC=x\"");
    // PowerShell doubles the quote inside '...': the value is still one value.
    CHECK(r.apply("dsacls 'CN=O''Brien\\, Seán,OU=Sales,DC=t,DC=x'") ==
          "dsacls 'CN=person-1,OU=Sales,DC=t,DC=x'");
    // An unknown CN is personal by default (fail closed).
    CHECK(r.apply("CN=Somebody New,OU=X") == "CN=name-1,OU=X");
}

TEST_CASE("redactor: finds DNs in text", "[report]") {
    const auto dns = redactor::find_dns(
        "error on CN=Lee Clerk,OU=Staff,DC=contoso,DC=com (user); see \"CN=A\\, B,DC=x\"");
    REQUIRE(dns.size() == 2);
    CHECK(dns[0] == "CN=Lee Clerk,OU=Staff,DC=contoso,DC=com");
    CHECK(dns[1] == "CN=A\\, B,DC=x");
}

TEST_CASE("redactor: the leak search finds every original left, plain or escaped", "[report]") {
    auto r = make();
    r.apply("CN=Dana Admin dana@contoso.com");
    CHECK(r.leaks("all clean: person-1 person-2@contoso.com", same).empty());
    CHECK(r.leaks("oops: dadmin", same) == std::vector<std::string>{"dadmin"});
    CHECK(r.leaks("DANA@contoso.com", same) == std::vector<std::string>{"Dana", "dana@"});
    CHECK(r.leaks("OU=Dana stays, structure", same).empty());
    CHECK(r.leaks("Danaë is another word", same).empty());
    redactor q({});
    q.known(redactor::kind::person, "O'Brien");
    auto html = [](std::string_view s) {
        std::string out;
        for (char c : s)
            out += c == '\'' ? std::string("&#39;") : std::string(1, c);
        return out;
    };
    CHECK(q.leaks("<td>O&#39;Brien</td>", html) == std::vector<std::string>{"O'Brien"});
}

TEST_CASE("redactor: every Unicode spelling of a name is the same name", "[report]") {
    redactor r({"Domain Admins", "Users"});
    r.known(redactor::kind::person, "Zoë Ünal");
    // NFC, NFD (combining diaeresis), upper case, a no-break space, full-width letters and
    // "family, given": one person, one pseudonym; the text around stays as written.
    CHECK(
        r.apply("Zoë Ünal; Zoe\u0308 U\u0308nal; ZOË ÜNAL; Zoë\u00a0Ünal; \uff3a\uff4f\u00eb Ünal; "
                "Ünal, Zoë; ünal zoë.") ==
        "person-1; person-1; person-1; person-1; person-1; person-1; person-1.");
    CHECK(r.apply("CN=ZOE\u0308 U\u0308NAL,OU=Sales,DC=tailspin,DC=example") ==
          "CN=person-1,OU=Sales,DC=tailspin,DC=example");
    // A longer word that merely starts with the name is another word.
    CHECK(r.apply("Zoë Ünalström") == "Zoë Ünalström");
    // Well-known names match in any spelling too.
    CHECK(r.apply("CN=DOMAIN ADMINS,CN=Users") == "CN=DOMAIN ADMINS,CN=Users");
}

TEST_CASE("redactor: base64 text is withheld, binary base64 stays", "[report]") {
    redactor r({});
    r.known(redactor::kind::person, "Zoë Ünal");
    // "Zoë Ünal, Sales desk" in UTF-8, and "Zoë Ünal" in UTF-16LE (.NET, ldifde -u).
    CHECK(r.apply("<value encoding=\"base64\">Wm/DqyDDnG5hbCwgU2FsZXMgZGVzaw==</value>") ==
          "<value encoding=\"base64\">[base64 text withheld]</value>");
    CHECK(r.apply("info:: WgBvAOsAIADcAG4AYQBsAA==") == "info:: [base64 text withheld]");
    // A SID, hex digests and ordinary words stay.
    CHECK(r.apply("objectSid:: AQUAAAAAAAUVAAAAdd4AXQ==") ==
          "objectSid:: AQUAAAAAAAUVAAAAdd4AXQ==");
    CHECK(r.apply("DSID-03150F94 00002098 Organization") == "DSID-03150F94 00002098 Organization");
}

TEST_CASE("redactor: the leak search folds and decodes like apply()", "[report]") {
    redactor r({});
    r.known(redactor::kind::person, "Zoë Ünal");
    r.known(redactor::kind::mailbox, "zoe.unal@tailspin.example");
    CHECK(r.leaks("clean: person-1, mailbox-1@tailspin.example", same).empty());
    CHECK(r.leaks("ZOE\u0308 U\u0308NAL", same) == std::vector<std::string>{"Zoë Ünal"});
    CHECK(r.leaks("Zoë\u00a0Ünal", same) == std::vector<std::string>{"Zoë Ünal"});
    CHECK(r.leaks("Ünal, Zoë", same) == std::vector<std::string>{"ünal, zoë"});
    CHECK(r.leaks("ZOE.UNAL@TAILSPIN.EXAMPLE", same) == std::vector<std::string>{"zoe.unal"});
    CHECK(r.leaks("<value>Wm/DqyDDnG5hbCwgU2FsZXMgZGVzaw==</value>", same) ==
          std::vector<std::string>{"Zoë Ünal"});
}
