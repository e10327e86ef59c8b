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

TEST_CASE("invisible formatting and best-fit look-alikes are refused in every shell",
          "[remediation]") {
    const value_context all[] = {value_context::cmd_double_quoted,
                                 value_context::cmd_double_quoted_ps_single,
                                 value_context::ps_single_quoted};
    // U+202E RIGHT-TO-LEFT OVERRIDE, U+200B ZERO WIDTH SPACE, U+2066 LRI, U+FEFF, U+00AD.
    for (const char* v : {"CN=a\xE2\x80\xAE" "cba", "CN=a\xE2\x80\x8B" "b", "a\xE2\x81\xA6" "b",
                          "\xEF\xBB\xBF" "CN=x", "a\xC2\xAD" "b"}) {
        for (auto where : all) {
            CAPTURE(v, static_cast<int>(where));
            const auto p = place(v, where);
            CHECK_FALSE(p.ok());
            CHECK(p.refusal.find("invisible formatting character") != std::string::npos);
        }
    }
    // Fullwidth quote and backslash, yen and won signs, curly double quotes, modifier letters.
    for (const char* v : {"a\xEF\xBC\x82" "b", "a\xEF\xBC\xBC" "b", "a\xC2\xA5" "b",
                          "a\xE2\x82\xA9" "b", "a\xE2\x80\x9C" "b", "a\xCA\xBA" "b",
                          "a\xEF\xBC\x85PATH\xEF\xBC\x85", "a\xEF\xBC\x86" "calc"}) {
        for (auto where : all) {
            CAPTURE(v, static_cast<int>(where));
            const auto p = place(v, where);
            CHECK_FALSE(p.ok());
            CHECK(p.refusal.find("ANSI code page") != std::string::npos);
        }
    }
    // Ordinary non-ASCII names stay usable, and prose shows format characters instead of obeying.
    CHECK(place("CN=Se\xC3\xA1n O'Brien,DC=x", value_context::cmd_double_quoted).ok());
    CHECK(place("CN=\xE4\xB8\xAD,DC=x", value_context::ps_single_quoted).ok());
    CHECK(sanitize_text("a\xE2\x80\xAE" "b") == "a\xEF\xBF\xBD" "b");
}

TEST_CASE("bytes that are not UTF-8 never reach a command, prose shows them as U+FFFD",
          "[remediation]") {
    // A lone continuation byte, a cut sequence, an overlong '"' (0xC0 0xA2), a UTF-8-encoded
    // surrogate: the command could name another object, or a decoder could read a quote.
    for (const std::string bad : {"CN=x\xBE,DC=y", "CN=x\xE4\xB8", "CN=\xC0\xA2 & calc",
                                  "CN=\xED\xA0\x80"}) {
        CAPTURE(bad);
        for (auto where : {value_context::cmd_double_quoted, value_context::ps_single_quoted,
                           value_context::cmd_double_quoted_ps_single, value_context::bare}) {
            const auto p = place(bad, where);
            CHECK_FALSE(p.ok());
            if (where != value_context::bare)  // bare refuses the '=' before
                CHECK(p.refusal.find("not valid UTF-8") != std::string::npos);
        }
    }
    CHECK(sanitize_text("a\xBE" "b") == "a\xEF\xBF\xBD" "b");
    CHECK(place("CN=Zoë 中 \xF0\x9F\x98\x80", value_context::ps_single_quoted).ok());
}
