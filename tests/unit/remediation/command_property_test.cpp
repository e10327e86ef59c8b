// Property test: for thousands of random and adversarial DNs, account names and attribute
// names, every command csx emits either splits back (the way cmd.exe and the C runtime, or
// PowerShell, split it) into exactly the intended arguments, or is withheld with a reason.
#include <catch2/catch.hpp>

#include <random>

#include "remediation/fix_template.hpp"
#include "rules/rule_loader.hpp"
#include "shell_model.hpp"

using namespace csx;
using namespace csx::remediation;
using namespace csx::test;

namespace {

const char* const kTemplate = R"(---
---
## step: grant
```cmd
dsacls "CN=AdminSDHolder,CN=System,{domain_dn}" /G "{principal}:WP;{attribute}"
dsacls "{object_dn}" /I:S /G "{principal}:WP;{attribute};user"
```
```powershell
dsacls 'CN=AdminSDHolder,CN=System,{domain_dn}' /G '{principal}:WP;{attribute}'
dsacls '{object_dn}' /I:S /G '{principal}:WP;{attribute};user'
```
)";

// What cmd.exe would act on: % and ! anywhere (expanded even inside quotes), and the
// metacharacters outside quotes, in order. A line whose data is safe has exactly the ones its
// template wrote.

// The C runtime's split of a command line (CommandLineToArgvW rules).

// cmd.exe, which must find nothing to act on in these template lines, then the C runtime.
std::vector<std::string> split_cmd(const std::string& line) {
    if (!cmd_specials(line).empty()) FAIL("cmd.exe would act on the line: " << line);
    return crt_split(line);
}

// PowerShell: bare words and single-quoted strings (any of the four single quotes opens or
// closes one; a doubled quote is one literal). `specials` receives, in order, what PowerShell
// would evaluate outside a string ($ ` ; & | ( ) { } @ " and line breaks).

std::vector<std::string> split_ps(const std::string& line) {
    std::string specials;
    auto args = ps_tokens(line, specials);
    if (!specials.empty()) FAIL("PowerShell would evaluate '" << specials << "' in: " << line);
    return args;
}

// What Windows PowerShell 5.1 hands the native program: each argument as is, wrapped in "..."
// when it holds a space or tab (nothing inside escaped); the program's C runtime splits that.

// A quote PowerShell reads as ' stands for itself in the value once undoubled: compare the
// value with every look-alike folded to '.

}  // namespace

TEST_CASE("property: emitted commands split into exactly the intended arguments, or are withheld",
          "[remediation][property]") {
    const auto t = parse_fix_template(kTemplate, "property");
    std::mt19937 rng(20261125);
    int emitted = 0, withheld = 0;
    for (int iter = 0; iter < 4000; ++iter) {
        const std::string domain = "DC=" + random_text(rng, 3) + ",DC=com";
        const std::string object =
            "CN=" + random_text(rng, 5) + ",OU=" + random_text(rng, 3) + "," + domain;
        const std::string principal = random_text(rng, 2) + "\\" + random_text(rng, 3);
        const std::string attribute = iter % 3 ? "msDS-KeyCredentialLink" : random_text(rng, 2);
        const std::map<std::string, std::string> values = {{"domain_dn", domain},
                                                           {"object_dn", object},
                                                           {"principal", principal},
                                                           {"attribute", attribute}};
        const std::vector<std::vector<std::string>> intended = {
            {"dsacls", "CN=AdminSDHolder,CN=System," + domain, "/G",
             principal + ":WP;" + attribute},
            {"dsacls", object, "/I:S", "/G", principal + ":WP;" + attribute + ";user"}};
        for (shell sh : {shell::cmd, shell::powershell}) {
            const auto r = render(t, values, {}, sh);
            REQUIRE(r.sections.size() == 1);
            REQUIRE(r.sections[0].blocks.size() == 1);
            const auto& b = r.sections[0].blocks[0];
            CAPTURE(iter, domain, object, principal, attribute, to_string(sh), b.text);
            if (b.withheld()) {
                CHECK_FALSE(b.refusal.empty());
                CHECK(b.text.empty());
                ++withheld;
                continue;
            }
            ++emitted;
            const auto lines = split_lines(b.text);
            REQUIRE(lines.size() == intended.size());
            for (std::size_t k = 0; k < lines.size(); ++k) {
                if (sh == shell::cmd) {
                    CHECK(split_cmd(lines[k]) == intended[k]);
                } else {
                    auto got = split_ps(lines[k]);
                    auto want = intended[k];
                    for (auto& a : got)
                        a = fold_quotes(a);
                    for (auto& a : want)
                        a = fold_quotes(a);
                    CHECK(got == want);
                    // And as dsacls.exe finally receives them from Windows PowerShell.
                    CHECK(ps_native_args(split_ps(lines[k])) == intended[k]);
                }
            }
        }
    }
    // Both outcomes are exercised in quantity.
    CHECK(emitted > 500);
    CHECK(withheld > 500);
    WARN(emitted << " command blocks emitted and verified, " << withheld << " withheld");
}

TEST_CASE("property: every catalog template keeps cmd and PowerShell data inside its quotes",
          "[remediation][property]") {
    // Each template line rendered with hostile values must have the shape it has with a plain
    // value: the same number of arguments, and exactly the shell syntax the template wrote.
    const auto rules = rules::load_rules("");
    std::mt19937 rng(7);
    int checked = 0;
    for (const auto& rule : rules) {
        if (rule.fix_text.empty()) continue;
        const auto t = parse_fix_template(rule.fix_text, rule.fix_source);
        std::map<std::string, std::string> plain;
        for (const auto& name : placeholders(t))
            plain[name] = "plain";
        for (shell sh : {shell::cmd, shell::powershell}) {
            const auto base = render(t, plain, {"plain"}, sh);
            for (int iter = 0; iter < 200; ++iter) {
                std::map<std::string, std::string> values;
                for (const auto& name : placeholders(t))
                    values[name] = random_text(rng, 4);
                const auto r = render(t, values, {random_text(rng, 2)}, sh);
                REQUIRE(r.sections.size() == base.sections.size());
                for (std::size_t si = 0; si < r.sections.size(); ++si) {
                    const auto& blocks = r.sections[si].blocks;
                    REQUIRE(blocks.size() == base.sections[si].blocks.size());
                    for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
                        const auto& b = blocks[bi];
                        const auto& p = base.sections[si].blocks[bi];
                        if (b.withheld() || p.withheld() || b.lang != to_string(sh)) continue;
                        CAPTURE(rule.id, b.text, p.text);
                        const auto lines = split_lines(b.text);
                        const auto plain_lines = split_lines(p.text);
                        REQUIRE(lines.size() == plain_lines.size());
                        for (std::size_t k = 0; k < lines.size(); ++k) {
                            CAPTURE(lines[k], plain_lines[k]);
                            if (sh == shell::cmd) {
                                CHECK(cmd_specials(lines[k]) == cmd_specials(plain_lines[k]));
                                CHECK(crt_split(lines[k]).size() ==
                                      crt_split(plain_lines[k]).size());
                            } else {
                                std::string s1, s2;
                                const auto a1 = ps_tokens(lines[k], s1);
                                const auto a2 = ps_tokens(plain_lines[k], s2);
                                CHECK(s1 == s2);
                                CHECK(a1.size() == a2.size());
                            }
                            ++checked;
                        }
                    }
                }
            }
        }
    }
    CHECK(checked > 1000);
    WARN(checked << " catalog command lines checked");
}
