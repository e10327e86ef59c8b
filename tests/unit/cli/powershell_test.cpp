// Real PowerShell (pwsh 7, installed by .ci/install-deps as a .NET tool) as the oracle for the
// PowerShell csx prints: every line of `csx fix --shell powershell` for the demo tenants parses
// with no error, and the read-only evidence commands of a permission finding, run against
// stand-ins for the ActiveDirectory module and dsacls, write files that csx ingests and that
// settle the finding. PowerShell missing is a failure, not a skip: CI must run this.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>

#include <sys/wait.h>

#include "remediation/fix_template.hpp"
#include "rules/rule_loader.hpp"
#include "store/db.hpp"
#include "store/statement.hpp"
#include "shell_model.hpp"
#include "test_support.hpp"

using namespace csx;
namespace fs = std::filesystem;

namespace {

// pwsh from CSX_PWSH, else the PATH, else where `dotnet tool install --global` puts it.

test::shell_run run(const std::string& cmd, const test::temp_dir& t) {
    return test::run_shell(cmd, t.file("cmd.out"));
}

// The parse errors PowerShell's own parser finds in a script file, one line each, then a count.
constexpr const char* kParse = R"ps(param([string]$Path)
$tokens = $null; $errors = $null
[System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$tokens, [ref]$errors) | Out-Null
foreach ($e in $errors) { '{0}:{1}: {2}' -f $Path, $e.Extent.StartLineNumber, $e.Message }
"parse errors: $($errors.Count)"
)ps";

// Stand-in for Get-ADObject: what the ActiveDirectory module returns for a Domain Admin whose
// adminCount is 1 (tokenGroups holds the domain's RID 512). SIDs as strings: the
// SecurityIdentifier type is Windows-only, and Export-Clixml writes the same text for both.
constexpr const char* kStubs = R"ps(function Get-ADObject {
    param([string]$Identity, [string[]]$Properties)
    $o = [pscustomobject]@{
        DistinguishedName = $Identity
        ObjectClass = 'user'
        adminCount = 1
        primaryGroupID = 513
        objectSid = 'S-1-5-21-2918310224-1467206538-3711520451-1133'
        tokenGroups = @('S-1-5-21-2918310224-1467206538-3711520451-513',
                        'S-1-5-21-2918310224-1467206538-3711520451-512')
    }
    $o.PSObject.TypeNames.Insert(0, 'Microsoft.ActiveDirectory.Management.ADObject')
    $o
}
)ps";

// A native dsacls that prints what dsacls prints for a protected object (SDProp's doing).
constexpr const char* kDsacls = R"ps(#!/bin/sh
printf 'Owner: FABRIKAM\\Domain Admins\nGroup: FABRIKAM\\Domain Admins\n\nAccess list:\n'
printf '{This object is protected from inheriting permissions from the parent}\n'
printf 'Allow NT AUTHORITY\\SYSTEM             FULL CONTROL\n'
printf 'The command completed successfully\n'
)ps";

}  // namespace

TEST_CASE("every PowerShell line csx fix prints for the demo parses in real PowerShell",
          "[powershell]") {
    const std::string pwsh = test::find_pwsh();
    INFO("pwsh is installed by .ci/install-deps (dotnet tool install --global PowerShell)");
    REQUIRE_FALSE(pwsh.empty());
    test::temp_dir t;
    test::write_file(t.file("parse.ps1"), kParse);
    const std::string db = "--db " + test::shell_quote(t.file("d.sqlite"));
    REQUIRE(test::run_csx("ingest -q " + db + " corpus/demo", test::source_path("")).exit_code ==
            0);
    for (const std::string tenant : {"contoso", "fabrikam"}) {
        CAPTURE(tenant);
        const auto fix = test::run_csx("fix --shell powershell --tenant " + tenant + " " + db);
        REQUIRE(fix.exit_code == 0);
        const std::string script = t.file(tenant + ".ps1");
        test::write_file(script, fix.out);
        const auto p =
            run(test::shell_quote(pwsh) + " -NoProfile -NonInteractive -File " +
                    test::shell_quote(t.file("parse.ps1")) + " " + test::shell_quote(script),
                t);
        CAPTURE(p.out);
        CHECK(p.exit_code == 0);
        CHECK(p.out.find("parse errors: 0") != std::string::npos);
    }
}

TEST_CASE("the read-only evidence commands run in PowerShell and settle the permission finding",
          "[powershell]") {
    const std::string pwsh = test::find_pwsh();
    REQUIRE_FALSE(pwsh.empty());
    test::temp_dir t;
    const std::string db = "--db " + test::shell_quote(t.file("d.sqlite"));
    const std::string root = test::source_path("");
    REQUIRE(test::run_csx("ingest -q " + db + " corpus/demo/fabrikam", root).exit_code == 0);
    // Uma Unknown: an errors-only dump says nothing of her protection, so csx asks for evidence.
    const auto json = test::run_csx("triage --format json --shell powershell " + db);
    REQUIRE(json.exit_code == 0);
    auto m = store::db::open(":memory:", store::open_mode::memory);
    auto st = m.prepare(
        "SELECT c.value FROM json_each(?1, '$.findings') AS f, "
        "json_each(f.value, '$.remediation.commands') AS c "
        "WHERE json_extract(f.value, '$.rule') = 'writeback-denied-cause-unknown' ORDER BY c.id");
    st.bind(1, json.out);
    std::string commands;
    while (st.step())
        commands += st.column_text(0) + "\n";
    CAPTURE(commands);
    REQUIRE(commands.find("Get-ADObject") != std::string::npos);
    REQUIRE(commands.find("dsacls") != std::string::npos);

    // Run them as printed, in a folder of their own, with the stand-ins.
    const std::string work = t.file("server");
    fs::create_directories(work + "/bin");
    test::write_file(work + "/bin/dsacls", kDsacls);
    fs::permissions(work + "/bin/dsacls", fs::perms::owner_all);
    test::write_file(work + "/run.ps1", std::string(kStubs) + commands);
    const auto r = run("cd " + test::shell_quote(work) +
                           " && PATH=" + test::shell_quote(work + "/bin") + ":\"$PATH\" " +
                           test::shell_quote(pwsh) + " -NoProfile -NonInteractive -File run.ps1",
                       t);
    CAPTURE(r.out);
    REQUIRE(r.exit_code == 0);

    // What the script wrote is what csx reads: the finding becomes AdminSDHolder's, confirmed.
    std::vector<std::string> made;
    for (const auto& e : fs::directory_iterator(work))
        if (e.path().filename().string().starts_with("csx-")) made.push_back(e.path().string());
    REQUIRE(made.size() == 2);
    std::string files;
    for (const auto& f : made)
        files += " " + test::shell_quote(f);
    const auto in = test::run_csx("ingest --tenant fabrikam " + db + files);
    CAPTURE(in.out, in.err);
    REQUIRE(in.exit_code == 0);
    CHECK(in.out.find("clixml-ad") != std::string::npos);
    CHECK(in.out.find("dsacls") != std::string::npos);
    const auto after = test::run_csx("triage --tenant fabrikam --format json " + db);
    auto st2 = m.prepare(
        "SELECT json_extract(f.value, '$.rule'), json_extract(f.value, '$.evidence') "
        "FROM json_each(?1, '$.findings') AS f "
        "WHERE json_extract(f.value, '$.object_dn') = 'CN=Uma "
        "Unknown,OU=Sales,DC=fabrikam,DC=example'");
    st2.bind(1, after.out);
    REQUIRE(st2.step());
    CHECK(st2.column_text(0) == "adminsdholder-writeback-denied");
    CHECK(st2.column_text(1) == "confirmed");
}

TEST_CASE("real PowerShell passes exactly the intended arguments to dsacls, Legacy and Windows",
          "[powershell]") {
    // The PowerShell form of the permission grants, rendered with random and adversarial DNs,
    // accounts and attributes; every block csx emits runs in pwsh with dsacls resolved to a
    // program that prints its argv, under $PSNativeCommandArgumentPassing 'Legacy' (the
    // quoting Windows PowerShell 5.1 does, re-split by .NET the way the C runtime splits it)
    // and 'Windows'. Each must arrive exactly as intended; the rest must be withheld.
    const std::string pwsh = test::find_pwsh();
    REQUIRE_FALSE(pwsh.empty());
    const auto t = remediation::parse_fix_template(R"ps(---
---
## step: grant
```cmd
rem not used
```
```powershell
dsacls 'CN=AdminSDHolder,CN=System,{domain_dn}' /G '{principal}:WP;{attribute}'
dsacls '{object_dn}' /I:S /G '{principal}:RPWP;{attribute};user'
```
)ps",
                                                   "powershell-oracle");
    std::mt19937 rng(20261201);
    std::vector<std::vector<std::vector<std::string>>> intended;
    std::string script;
    int withheld = 0;
    for (int iter = 0; iter < 1800; ++iter) {
        const std::string domain = "DC=" + test::random_text(rng, 3) + ",DC=com";
        const std::string object = "CN=" + test::random_text(rng, 4) + ",OU=x," + domain;
        const std::string principal = "CONTOSO\\" + test::random_text(rng, 2);
        const std::string attribute =
            iter % 2 ? "msDS-KeyCredentialLink" : test::random_text(rng, 1);
        const auto r = remediation::render(t,
                                           {{"domain_dn", domain},
                                            {"object_dn", object},
                                            {"principal", principal},
                                            {"attribute", attribute}},
                                           {}, remediation::shell::powershell);
        REQUIRE(r.sections.size() == 1);
        REQUIRE(r.sections[0].blocks.size() == 1);
        const auto& b = r.sections[0].blocks[0];
        if (b.withheld()) {
            ++withheld;
            continue;
        }
        intended.push_back(
            {{"CN=AdminSDHolder,CN=System," + domain, "/G", principal + ":WP;" + attribute},
             {object, "/I:S", "/G", principal + ":RPWP;" + attribute + ";user"}});
        script += b.text + "\n";
    }
    REQUIRE(intended.size() > 500);
    CHECK(withheld > 50);

    test::temp_dir td;
    const std::string bin = td.file("bin");
    fs::create_directories(bin);
    test::write_file(bin + "/dsacls", test::kArgvPrinter);
    fs::permissions(bin + "/dsacls", fs::perms::owner_all);
    for (const char* mode : {"Legacy", "Windows"}) {
        CAPTURE(mode);
        const std::string ps1 = td.file(std::string(mode) + ".ps1");
        // The script file is UTF-8 with a BOM, as PowerShell reads non-ASCII reliably then.
        test::write_file(ps1, "\xEF\xBB\xBF$PSNativeCommandArgumentPassing = '" +
                                  std::string(mode) + "'\n" + script);
        const auto r =
            run("PATH=" + test::shell_quote(bin) + ":\"$PATH\" " + test::shell_quote(pwsh) +
                    " -NoProfile -NonInteractive -File " + test::shell_quote(ps1),
                td);
        REQUIRE(r.exit_code == 0);
        std::vector<std::string> lines;
        std::size_t pos = 0;
        while (pos < r.out.size()) {
            auto eol = r.out.find('\n', pos);
            if (eol == std::string::npos) eol = r.out.size();
            lines.push_back(r.out.substr(pos, eol - pos));
            pos = eol + 1;
        }
        REQUIRE(lines.size() == intended.size() * 2);
        int exact = 0;
        for (std::size_t k = 0; k < intended.size(); ++k) {
            for (std::size_t j = 0; j < 2; ++j) {
                CAPTURE(k, j, lines[2 * k + j]);
                CHECK(test::parse_argv_line(lines[2 * k + j]) == intended[k][j]);
                exact += test::parse_argv_line(lines[2 * k + j]) == intended[k][j];
            }
        }
        WARN(mode << ": " << exact << " of " << intended.size() * 2
                  << " dsacls calls received exactly the intended arguments; " << withheld
                  << " blocks withheld");
    }
}

TEST_CASE("every PowerShell line of every rule's template parses in real PowerShell",
          "[powershell]") {
    // Each template rendered with plain values, for PowerShell, and the PowerShell that cmd
    // blocks run through `powershell -NoProfile -Command "..."`: one script, PowerShell's own
    // parser, zero errors. (The demo test above covers what the demo's findings emit.)
    const std::string pwsh = test::find_pwsh();
    REQUIRE_FALSE(pwsh.empty());
    std::string script;
    int lines = 0;
    for (const auto& rule : rules::load_rules("")) {
        if (rule.fix_text.empty()) continue;
        const auto t = remediation::parse_fix_template(rule.fix_text, rule.fix_source);
        std::map<std::string, std::string> plain;
        for (const auto& name : remediation::placeholders(t))
            plain[name] = "plain";
        for (auto sh : {remediation::shell::powershell, remediation::shell::cmd}) {
            for (const auto& s : remediation::render(t, plain, {"plain"}, sh).sections) {
                for (const auto& b : s.blocks) {
                    REQUIRE_FALSE(b.withheld());
                    std::size_t pos = 0;
                    while (pos < b.text.size()) {
                        auto eol = b.text.find('\n', pos);
                        if (eol == std::string::npos) eol = b.text.size();
                        std::string line = b.text.substr(pos, eol - pos);
                        pos = eol + 1;
                        constexpr std::string_view kRun = "powershell -NoProfile -Command \"";
                        if (sh == remediation::shell::cmd) {
                            if (!line.starts_with(kRun) || line.back() != '"') continue;
                            line = line.substr(kRun.size(), line.size() - kRun.size() - 1);
                        }
                        script += "# " + rule.id + "\n" + line + "\n";
                        ++lines;
                    }
                }
            }
        }
    }
    CHECK(lines > 100);
    test::temp_dir t;
    test::write_file(t.file("parse.ps1"), kParse);
    test::write_file(t.file("all.ps1"), script);
    const auto p =
        run(test::shell_quote(pwsh) + " -NoProfile -NonInteractive -File " +
                test::shell_quote(t.file("parse.ps1")) + " " + test::shell_quote(t.file("all.ps1")),
            t);
    CAPTURE(p.out);
    CHECK(p.out.find("parse errors: 0") != std::string::npos);
    WARN(lines << " PowerShell lines of the rule templates parsed");
}
