// Escaping for each output format, on its own (report/escape.hpp).
#include <catch2/catch.hpp>

#include "report/escape.hpp"

using namespace csx::report;

TEST_CASE("escape: CSV quotes when needed and neutralises formulas", "[report]") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("line\nbreak") == "\"line\nbreak\"");
    CHECK(csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
    CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv_field("-5", true) == "-5");  // a number stays a number
    CHECK(csv_field("-5") == "'-5");
}

TEST_CASE("escape: Markdown prose, table cells and fences", "[report]") {
    CHECK(md_text("a_b *c* [d](e) `f` <g> #h | i \\") ==
          "a\\_b \\*c\\* \\[d\\](e) \\`f\\` \\<g\\> \\#h \\| i \\\\");
    CHECK(md_cell("a|b") == "a\\|b");
    CHECK(md_fence("no ticks") == "```");
    CHECK(md_fence("a ```` b") == "`````");  // longer than any run inside: content cannot close it
}

TEST_CASE("escape: HTML text and attributes", "[report]") {
    CHECK(html_text("<script>alert('x' & \"y\")</script>") ==
          "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;");
    // One sanitizer under every format: controls (tab, ESC, C1) become a space, line breaks
    // stay, bidi and zero-width characters show as U+FFFD.
    CHECK(html_text("tab\tand\nline") == "tab and\nline");
    CHECK(html_text(std::string("nul\x01") + "x\x1b[31m") == "nul x [31m");
    CHECK(html_text("a\u202Eb\u200Bc\u0085d") == "a\uFFFDb\uFFFDc d");
    CHECK(md_code("dsacls \"x\"\n\x1b]0;t\x07 \u2066") == "dsacls \"x\"\n ]0;t  \uFFFD");
    CHECK(html_text("Zoë") == "Zoë");
}

TEST_CASE("escape: terminal text loses control sequences", "[report]") {
    const std::string out = term("red \x1b[31mtext\x1b[0m");
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find("text") != std::string::npos);
}

TEST_CASE("Markdown cells carry no raw HTML, CSV carries no terminal escapes", "[report]") {
    CHECK(md_cell("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK(md_cell("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;");
    CHECK(md_cell("a & b | `c`") == "a &amp; b \\| \\`c\\`");
    // ESC [ 2 J (clear screen), a C1 CSI (U+009B), CR, a bidi override: replaced; \n kept.
    const std::string f = csv_field(
        "a\x1b[2Jb\xC2\x9B"
        "31mc\rd\xE2\x80\xAE"
        "e\nf");
    CHECK(f.find('\x1b') == std::string::npos);
    CHECK(f.find("\xC2\x9B") == std::string::npos);
    CHECK(f.find('\r') == std::string::npos);
    CHECK(f.find("\xE2\x80\xAE") == std::string::npos);
    CHECK(f.find("e\nf") != std::string::npos);
    CHECK(f.front() == '"');  // the line break keeps the field quoted
    CHECK(csv_field("=1+1") == "'=1+1");
}
