// Templates: parsing, rendering, and the guarantee that a hostile value in the data can never
// change what a rendered command does.
#include <catch2/catch.hpp>

#include <map>

#include "remediation/fix_template.hpp"
#include "util/error.hpp"

using namespace csx::remediation;

namespace {

const char* kTemplate = R"(---
expand: attribute in attributes
missing.principal: ingest the connector configuration
---
# Title

Intro about {object_dn}.

## step: Grant {attribute}
Text.

```cmd
dsacls "CN=AdminSDHolder,CN=System,{domain_dn}" /G "{principal}:WP;{attribute}"
```

```powershell
dsacls 'CN=AdminSDHolder,CN=System,{domain_dn}' /G '{principal}:WP;{attribute}'
```

## step if flag: Only when flagged

```cmd
echo "{object_dn}"
```

```powershell
Write-Output '{object_dn}' | ForEach-Object {{ $_ }}
```

## verify: Check

```cmd
dsacls "{object_dn}"
```

```powershell
dsacls '{object_dn}'
```
)";

std::map<std::string, std::string> values(std::string dn) {
    return {{"object_dn", std::move(dn)}, {"domain_dn", "DC=contoso,DC=com"}, {"principal", "CONTOSO\\MSOL_x"}};
}

std::vector<std::string> blocks(const rendered_fix& f) {
    std::vector<std::string> out;
    for (const auto& s : f.sections)
        for (const auto& b : s.blocks) out.push_back(b.withheld() ? "WITHHELD: " + b.refusal : b.text);
    return out;
}

}  // namespace

TEST_CASE("a template renders one command per expanded value, de-duplicated", "[remediation]") {
    const auto t = parse_fix_template(kTemplate, "t.fix.md");
    const auto r = render(t, values("CN=Dana,OU=IT,DC=contoso,DC=com"), {"a1", "a2", "a1"}, shell::cmd);
    CHECK(blocks(r) == std::vector<std::string>{
                           "dsacls \"CN=AdminSDHolder,CN=System,DC=contoso,DC=com\" /G \"CONTOSO\\MSOL_x:WP;a1\"",
                           "dsacls \"CN=AdminSDHolder,CN=System,DC=contoso,DC=com\" /G \"CONTOSO\\MSOL_x:WP;a2\"",
                           "dsacls \"CN=Dana,OU=IT,DC=contoso,DC=com\""});
    CHECK(r.sections.front().text == "Intro about CN=Dana,OU=IT,DC=contoso,DC=com.");
    CHECK(r.sections[1].title == "Grant a1, a2, a1");
}

TEST_CASE("conditional sections render only when their column is set", "[remediation]") {
    const auto t = parse_fix_template(kTemplate, "t.fix.md");
    auto v = values("CN=x,DC=y");
    v["flag"] = "1";
    const auto r = render(t, v, {"a"}, shell::powershell);
    CHECK(blocks(r).at(1) == "Write-Output 'CN=x,DC=y' | ForEach-Object { $_ }");
}

TEST_CASE("a missing value is a visible placeholder with its explanation", "[remediation]") {
    const auto t = parse_fix_template(kTemplate, "t.fix.md");
    auto v = values("CN=x,DC=y");
    v.erase("principal");
    const auto r = render(t, v, {"a"}, shell::cmd);
    CHECK(blocks(r).front() == "dsacls \"CN=AdminSDHolder,CN=System,DC=contoso,DC=com\" /G \"<principal>:WP;a\"");
    REQUIRE(r.missing_notes.size() == 1);
    CHECK(r.missing_notes.front() == "<principal>: ingest the connector configuration");
}

TEST_CASE("hostile DNs never break out of a rendered command", "[remediation]") {
    const auto t = parse_fix_template(kTemplate, "t.fix.md");
    struct hostile {
        std::string dn;
        bool cmd_ok;
        bool ps_ok;
    };
    const std::vector<hostile> cases = {
        {"CN=a\" & calc & \",DC=x", false, false},          // quote: ends the argument
        {"CN=100%PATH%,DC=x", false, true},                 // cmd expands %...% even in quotes
        {"CN=wow!,DC=x", false, true},                      // delayed expansion
        {"CN=x\r\ncalc,DC=x", false, false},                // a new command line
        {"CN=O'Brien,DC=x", true, true},                     // fine in cmd; doubled in PowerShell
        {"CN=O\u2019Brien,DC=x", true, true},               // PowerShell reads U+2019 as a quote
        {"CN=$(calc) `whoami`,DC=x", true, true},            // literal in both
        {"CN=a|b^c<d>e&f,DC=x", true, true},                 // literal inside cmd quotes
        {"CN=x\u2028y,DC=x", false, false},                 // a Unicode line separator
        // cmd: the C runtime would read \" as an escaped quote, so the trailing backslash is
        // doubled; Windows PowerShell would not escape it when quoting for dsacls: withheld.
        {"CN=ends with backslash\\", true, false},
    };
    for (const auto& h : cases) {
        CAPTURE(h.dn);
        const auto cmd = render(t, values(h.dn), {"a"}, shell::cmd);
        const auto ps = render(t, values(h.dn), {"a"}, shell::powershell);
        const auto cmd_verify = blocks(cmd).back();
        const auto ps_verify = blocks(ps).back();
        CAPTURE(cmd_verify, ps_verify);
        CHECK(cmd_verify.starts_with("WITHHELD") == !h.cmd_ok);
        CHECK(ps_verify.starts_with("WITHHELD") == !h.ps_ok);
        if (h.cmd_ok) {
            // Exactly one quoted argument after dsacls, holding the DN as given (backslashes
            // before the closing quote doubled, as the C runtime wants them).
            std::string arg = h.dn;
            std::size_t trailing = 0;
            while (trailing < arg.size() && arg[arg.size() - 1 - trailing] == '\\')
                ++trailing;
            arg.append(trailing, '\\');
            CHECK(cmd_verify == "dsacls \"" + arg + "\"");
        }
        if (h.ps_ok) {
            std::string doubled;
            for (std::size_t i = 0; i < h.dn.size(); ++i) {
                doubled += h.dn[i];
                if (h.dn[i] == '\'') doubled += '\'';
            }
            if (h.dn.find("\u2019") != std::string::npos) doubled = "CN=O\u2019\u2019Brien,DC=x";
            CHECK(ps_verify == "dsacls '" + doubled + "'");
        }
        for (const auto& b : blocks(cmd)) CHECK(b.find('\n') == std::string::npos);
    }
}

TEST_CASE("template mistakes are reported with file and line", "[remediation]") {
    CHECK_THROWS_WITH(parse_fix_template("## stepp: x\n", "bad.fix.md"), Catch::Contains("bad.fix.md:1"));
    CHECK_THROWS_WITH(parse_fix_template("```bash\nls\n```\n", "bad.fix.md"), Catch::Contains("cmd, powershell or text"));
    CHECK_THROWS_WITH(parse_fix_template("## step: x\n```cmd\necho {Bad}\n```\n", "bad.fix.md"),
                      Catch::Contains("bad.fix.md:3"));
    CHECK_THROWS_WITH(parse_fix_template("text {unclosed\n", "bad.fix.md"), Catch::Contains("without"));
    const auto t = parse_fix_template("## step: x\n```cmd\necho {bare}\n```\n```powershell\nWrite-Output \"{dq}\"\n```\n",
                                      "bad.fix.md");
    const auto problems = check_template(t);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].find("outside quotes") != std::string::npos);
    CHECK(problems[1].find("double-quoted") != std::string::npos);
}

TEST_CASE("a value starting with '-' or '/' is never put where it begins an argument",
          "[remediation]") {
    const auto t = parse_fix_template(R"(---
---
## step: look
```cmd
dsquery * "{object_dn}" -scope base
dsacls "CN=AdminSDHolder,CN=System,{domain_dn}"
```
```powershell
dsquery * '{object_dn}' -scope base
dsacls 'CN=AdminSDHolder,CN=System,{domain_dn}'
```
)",
                                      "t");
    for (shell sh : {shell::cmd, shell::powershell}) {
        CAPTURE(to_string(sh));
        for (const char* dn : {"-s evil", "/R Everyone", "-"}) {
            const auto r = render(t, {{"object_dn", dn}, {"domain_dn", "DC=x"}}, {}, sh);
            const auto& b = r.sections[0].blocks[0];
            CHECK(b.withheld());
            CHECK(b.refusal.find("read as an option") != std::string::npos);
        }
        // Inside an argument the same characters are plain text.
        const auto ok = render(t, {{"object_dn", "CN=a-b/c,DC=x"}, {"domain_dn", "DC=-x"}}, {}, sh);
        CHECK_FALSE(ok.sections[0].blocks[0].withheld());
    }
}
