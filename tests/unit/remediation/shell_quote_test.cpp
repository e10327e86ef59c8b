#include <catch2/catch.hpp>

#include "remediation/shell_quote.hpp"

using namespace csx::remediation;

TEST_CASE("cmd double quotes: values that would break out are refused", "[remediation]") {
    CHECK(place("CN=Doe\\, Jane,OU=Sales & Ops,DC=x", value_context::cmd_double_quoted).text ==
          "CN=Doe\\, Jane,OU=Sales & Ops,DC=x");  // & | < > ^ ( ) are literal inside quotes
    CHECK(place("a|b<c>d^e(f)", value_context::cmd_double_quoted).ok());
    for (const char* bad : {"a\"b", "50%off", "%PATH%", "wow!", "line\nbreak", "cr\rhere", "tab\tx", "nul\x01x"}) {
        CAPTURE(bad);
        CHECK_FALSE(place(bad, value_context::cmd_double_quoted).ok());
    }
}

TEST_CASE("PowerShell single quotes: quotes and look-alikes are doubled, double quotes refused", "[remediation]") {
    CHECK(place("O'Brien", value_context::ps_single_quoted).text == "O''Brien");
    CHECK(place("O\u2019Brien", value_context::ps_single_quoted).text == "O\u2019\u2019Brien");
    CHECK(place("\u2018x\u201B", value_context::ps_single_quoted).text == "\u2018\u2018x\u201B\u201B");
    CHECK(place("$(calc) `whoami` ${env:x} ; & |", value_context::ps_single_quoted).text ==
          "$(calc) `whoami` ${env:x} ; & |");  // nothing expands inside '...'
    CHECK_FALSE(place("say \"hi\"", value_context::ps_single_quoted).ok());
    CHECK_FALSE(place("a\u2028b", value_context::ps_single_quoted).ok());
    CHECK_FALSE(place("a\nb", value_context::ps_single_quoted).ok());
    CHECK_FALSE(place("anything", value_context::ps_double_quoted).ok());
}

TEST_CASE("a PowerShell string inside a cmd line obeys both shells", "[remediation]") {
    CHECK(place("O'Brien", value_context::cmd_double_quoted_ps_single).text == "O''Brien");
    CHECK_FALSE(place("100%", value_context::cmd_double_quoted_ps_single).ok());
    CHECK_FALSE(place("a\"b", value_context::cmd_double_quoted_ps_single).ok());
}

TEST_CASE("bare tokens accept only characters no shell interprets", "[remediation]") {
    CHECK(place("msDS-KeyCredentialLink", value_context::bare).ok());
    CHECK(place("CONTOSO\\MSOL_0123456789ab", value_context::bare).ok());
    for (const char* bad : {"a b", "a;b", "a&b", "a|b", "a>b", "$x", "a'b", "a\"b", "\u00e9"}) {
        CAPTURE(bad);
        CHECK_FALSE(place(bad, value_context::bare).ok());
    }
}

TEST_CASE("sanitised prose and cmd comments cannot start a new command", "[remediation]") {
    CHECK(sanitize_text("a\nb\r\nc\x1b[31m") == "a b  c [31m");
    CHECK(sanitize_cmd_comment("x & calc | y ^ %z% \"q\" !e") == "x _ calc _ y _ _z_ _q_ _e");
}
