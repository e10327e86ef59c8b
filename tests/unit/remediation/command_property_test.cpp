// Property test: for thousands of random and adversarial DNs, account names and attribute
// names, every command csx emits either splits back (the way cmd.exe and the C runtime, or
// PowerShell, split it) into exactly the intended arguments, or is withheld with a reason.
#include <catch2/catch.hpp>

#include <random>

#include "remediation/fix_template.hpp"
#include "rules/rule_loader.hpp"

using namespace csx;
using namespace csx::remediation;

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

// Pieces an attacker would try, and ordinary text.
const std::vector<std::string> kPieces = {"a",
                                          "Z",
                                          "7",
                                          " ",
                                          "  ",
                                          ",",
                                          "=",
                                          "+",
                                          "\\",
                                          "\\,",
                                          "\\\"",
                                          "\"",
                                          "'",
                                          "''",
                                          "`",
                                          "%",
                                          "%PATH%",
                                          "!",
                                          "!x!",
                                          "^",
                                          "&",
                                          "&&",
                                          "|",
                                          "||",
                                          "<",
                                          ">",
                                          ">>",
                                          "(",
                                          ")",
                                          "$",
                                          "$(calc)",
                                          ";",
                                          "#",
                                          "@",
                                          "\t",
                                          "\n",
                                          "\r\n",
                                          "\xE2\x80\x98",
                                          "\xE2\x80\x99",
                                          "\xE2\x80\x9A",
                                          "\xE2\x80\x9B",
                                          "\xE2\x80\x9C",
                                          "\xE2\x80\x9D",
                                          "\xC3\xA9",
                                          "\xE4\xB8\xAD",
                                          "\x01",
                                          "\x7F",
                                          "\xC2\x85",
                                          "\xE2\x80\xA8",
                                          "\\\\",
                                          "Dana Admin",
                                          "O'Brien",
                                          "x\\",
                                          "-",
                                          "/G",
                                          "*"};

std::string random_text(std::mt19937& rng, int max_pieces) {
    std::uniform_int_distribution<int> count(1, max_pieces);
    std::uniform_int_distribution<std::size_t> pick(0, kPieces.size() - 1);
    std::string out;
    for (int i = count(rng); i > 0; --i)
        out += kPieces[pick(rng)];
    return out;
}

// What cmd.exe would act on: % and ! anywhere (expanded even inside quotes), and the
// metacharacters outside quotes, in order. A line whose data is safe has exactly the ones its
// template wrote.
std::string cmd_specials(const std::string& line) {
    std::string out;
    bool quoted = false;
    for (char c : line) {
        if (c == '"') quoted = !quoted;
        if (c == '%' || c == '!' ||
            (!quoted && std::string_view("&|<>^()\r\n").find(c) != std::string_view::npos))
            out += c;
    }
    if (quoted) out += "<unbalanced>";
    return out;
}

// The C runtime's split of a command line (CommandLineToArgvW rules).
std::vector<std::string> crt_split(const std::string& line) {
    std::vector<std::string> args;
    std::string cur;
    bool in_arg = false, quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '\\') {
            std::size_t n = 0;
            while (i + n < line.size() && line[i + n] == '\\')
                ++n;
            if (i + n < line.size() && line[i + n] == '"') {
                cur.append(n / 2, '\\');
                if (n % 2) {
                    cur += '"';
                    i += n;  // the quote is literal
                } else {
                    i += n - 1;  // the quote is processed next
                }
            } else {
                cur.append(n, '\\');
                i += n - 1;
            }
            in_arg = true;
        } else if (c == '"') {
            quoted = !quoted;
            in_arg = true;
        } else if ((c == ' ' || c == '\t') && !quoted) {
            if (in_arg) args.push_back(cur);
            cur.clear();
            in_arg = false;
        } else {
            cur += c;
            in_arg = true;
        }
    }
    if (in_arg) args.push_back(cur);
    return args;
}

// cmd.exe, which must find nothing to act on in these template lines, then the C runtime.
std::vector<std::string> split_cmd(const std::string& line) {
    if (!cmd_specials(line).empty()) FAIL("cmd.exe would act on the line: " << line);
    return crt_split(line);
}

bool ps_quote_at(const std::string& s, std::size_t i, std::size_t& len) {
    if (s[i] == '\'') {
        len = 1;
        return true;
    }
    for (const char* q : {"\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9A", "\xE2\x80\x9B"}) {
        if (s.compare(i, 3, q) == 0) {
            len = 3;
            return true;
        }
    }
    return false;
}

// PowerShell: bare words and single-quoted strings (any of the four single quotes opens or
// closes one; a doubled quote is one literal). `specials` receives, in order, what PowerShell
// would evaluate outside a string ($ ` ; & | ( ) { } @ " and line breaks).
std::vector<std::string> ps_tokens(const std::string& line, std::string& specials) {
    std::vector<std::string> args;
    std::string cur;
    bool in_arg = false;
    for (std::size_t i = 0; i < line.size();) {
        std::size_t qlen = 0;
        if (ps_quote_at(line, i, qlen)) {
            i += qlen;
            in_arg = true;
            for (;;) {
                if (i >= line.size()) {
                    specials += "<unterminated>";
                    break;
                }
                std::size_t q2 = 0;
                if (ps_quote_at(line, i, q2)) {
                    std::size_t q3 = 0;
                    if (i + q2 < line.size() && ps_quote_at(line, i + q2, q3)) {
                        cur += line.substr(i, q2);  // doubled: one literal quote
                        i += q2 + q3;
                        continue;
                    }
                    i += q2;
                    break;
                }
                cur += line[i++];
            }
            continue;
        }
        const char c = line[i];
        if (c == ' ' || c == '\t') {
            if (in_arg) args.push_back(cur);
            cur.clear();
            in_arg = false;
            ++i;
            continue;
        }
        if (std::string_view("$`;&|(){}@\"\r\n").find(c) != std::string_view::npos) specials += c;
        cur += c;
        in_arg = true;
        ++i;
    }
    if (in_arg) args.push_back(cur);
    return args;
}

std::vector<std::string> split_ps(const std::string& line) {
    std::string specials;
    auto args = ps_tokens(line, specials);
    if (!specials.empty()) FAIL("PowerShell would evaluate '" << specials << "' in: " << line);
    return args;
}

// What Windows PowerShell 5.1 hands the native program: each argument as is, wrapped in "..."
// when it holds a space or tab (nothing inside escaped); the program's C runtime splits that.
std::vector<std::string> ps_native_args(const std::vector<std::string>& ps_args) {
    std::string line;
    for (const auto& a : ps_args) {
        if (!line.empty()) line += ' ';
        const bool wrap = a.empty() || a.find_first_of(" \t") != std::string::npos;
        line += wrap ? "\"" + a + "\"" : a;
    }
    return crt_split(line);
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto eol = text.find('\n', pos);
        if (eol == std::string::npos) eol = text.size();
        out.push_back(text.substr(pos, eol - pos));
        pos = eol + 1;
    }
    return out;
}

// A quote PowerShell reads as ' stands for itself in the value once undoubled: compare the
// value with every look-alike folded to '.
std::string fold_quotes(std::string s) {
    for (const char* q : {"\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9A", "\xE2\x80\x9B"})
        for (auto p = s.find(q); p != std::string::npos; p = s.find(q))
            s.replace(p, 3, "'");
    return s;
}

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
