// Real PowerShell (pwsh 7, installed by .ci/install-deps as a .NET tool) as the oracle for the
// PowerShell csx prints: every line of `csx fix --shell powershell` for the demo tenants parses
// with no error, and the read-only evidence commands of a permission finding, run against
// stand-ins for the ActiveDirectory module and dsacls, write files that csx ingests and that
// settle the finding. PowerShell missing is a failure, not a skip: CI must run this.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include <sys/wait.h>

#include "store/db.hpp"
#include "store/statement.hpp"
#include "test_support.hpp"

using namespace csx;
namespace fs = std::filesystem;

namespace {

// pwsh from CSX_PWSH, else the PATH, else where `dotnet tool install --global` puts it.
std::string find_pwsh() {
    if (const char* p = std::getenv("CSX_PWSH"); p && *p) return p;
    if (std::system("command -v pwsh >/dev/null 2>&1") == 0) return "pwsh";
    if (const char* home = std::getenv("HOME")) {
        const fs::path tool = fs::path(home) / ".dotnet" / "tools" / "pwsh";
        if (fs::exists(tool)) return tool.string();
    }
    return {};
}

struct ran {
    int exit_code = -1;
    std::string out;
};

ran run(const std::string& cmd, const test::temp_dir& t) {
    const std::string out = t.file("cmd.out");
    const int status = std::system((cmd + " >" + test::shell_quote(out) + " 2>&1").c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, test::read_file(out)};
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
    const std::string pwsh = find_pwsh();
    INFO("pwsh is installed by .ci/install-deps (dotnet tool install --global PowerShell)");
    REQUIRE_FALSE(pwsh.empty());
    test::temp_dir t;
    test::write_file(t.file("parse.ps1"), kParse);
    const std::string db = "--db " + test::shell_quote(t.file("d.sqlite"));
    REQUIRE(test::run_csx("ingest -q " + db + " corpus/demo", test::source_path("")).exit_code == 0);
    for (const std::string tenant : {"contoso", "fabrikam"}) {
        CAPTURE(tenant);
        const auto fix = test::run_csx("fix --shell powershell --tenant " + tenant + " " + db);
        REQUIRE(fix.exit_code == 0);
        const std::string script = t.file(tenant + ".ps1");
        test::write_file(script, fix.out);
        const auto p = run(test::shell_quote(pwsh) + " -NoProfile -NonInteractive -File " +
                               test::shell_quote(t.file("parse.ps1")) + " " +
                               test::shell_quote(script),
                           t);
        CAPTURE(p.out);
        CHECK(p.exit_code == 0);
        CHECK(p.out.find("parse errors: 0") != std::string::npos);
    }
}

TEST_CASE("the read-only evidence commands run in PowerShell and settle the permission finding",
          "[powershell]") {
    const std::string pwsh = find_pwsh();
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
    const auto r = run("cd " + test::shell_quote(work) + " && PATH=" +
                           test::shell_quote(work + "/bin") + ":\"$PATH\" " +
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
        "WHERE json_extract(f.value, '$.object_dn') = 'CN=Uma Unknown,OU=Sales,DC=fabrikam,DC=example'");
    st2.bind(1, after.out);
    REQUIRE(st2.step());
    CHECK(st2.column_text(0) == "adminsdholder-writeback-denied");
    CHECK(st2.column_text(1) == "confirmed");
}
