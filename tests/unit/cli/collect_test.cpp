// csx collect: the read-only collection script (analyzer/collect/collect.ps1).
//
// Real PowerShell is the oracle: the printed script parses with no error and no syntax Windows
// PowerShell 5.1 lacks; its syntax tree calls no command outside a read-only allow-list (no
// Set-/Add-/Remove-/Enable-/Disable-/Start-ADSyncSyncCycle, no .NET directory writes, no
// dsacls /G /R /P or ldifde -i switch); and it runs against stand-ins for the ADSync and
// ActiveDirectory cmdlets and for csexport.exe, dsacls and ldifde (tests/collect/), producing a
// zip that `csx triage` reads to the expected findings. PowerShell missing is a failure.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

#include "collect/collect_script.hpp"
#include "shell_model.hpp"
#include "store/db.hpp"
#include "store/statement.hpp"
#include "test_support.hpp"
#include "util/error.hpp"

using namespace csx;
namespace fs = std::filesystem;

namespace {

// What PowerShell's own parser sees in a script: parse errors, syntax PowerShell 7 added, every
// command name (static or not), every function defined, every .NET member invoked and type
// named, and every string constant that looks like a switch. One fact per line.
constexpr const char* kScan = R"ps(param([string]$Path)
$tokens = $null; $errors = $null
$ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$tokens, [ref]$errors)
foreach ($e in $errors) { 'PARSE {0}: {1}' -f $e.Extent.StartLineNumber, $e.Message }
$L = 'System.Management.Automation.Language.'
$all = $ast.FindAll({ $true }, $true)
foreach ($n in $all) {
    $t = $n.GetType().Name
    $line = $n.Extent.StartLineNumber
    if ($t -in 'TernaryExpressionAst', 'PipelineChainAst') { 'PS7 {0}: {1}' -f $line, $t }
    if ($t -eq 'BinaryExpressionAst' -and "$($n.Operator)" -eq 'QuestionQuestion') { 'PS7 {0}: ??' -f $line }
    if ($t -eq 'AssignmentStatementAst' -and "$($n.Operator)" -eq 'QuestionQuestionEquals') { 'PS7 {0}: ??=' -f $line }
    if ($t -in 'MemberExpressionAst', 'InvokeMemberExpressionAst', 'IndexExpressionAst' -and $n.NullConditional) { 'PS7 {0}: ?. or ?[]' -f $line }
    if ($t -eq 'CommandParameterAst' -and $n.ParameterName -in 'Parallel', 'AsJob', 'ThrottleLimit') { 'PS7 {0}: -{1}' -f $line, $n.ParameterName }
    if ($t -eq 'PipelineAst' -and $n.Background) { 'PS7 {0}: background &' -f $line }
    if ($t -eq 'CommandAst') {
        $name = $n.GetCommandName()
        if ($name) { 'COMMAND ' + $name } else { 'DYNAMIC {0}: {1}' -f $line, $n.Extent.Text }
    }
    if ($t -eq 'FunctionDefinitionAst') { 'FUNCTION ' + $n.Name }
    if ($t -eq 'InvokeMemberExpressionAst') { 'MEMBER ' + $n.Member.Extent.Text }
    if ($t -eq 'TypeExpressionAst' -or $t -eq 'TypeConstraintAst') { 'TYPE ' + $n.TypeName.FullName }
    if ($t -in 'StringConstantExpressionAst', 'ExpandableStringExpressionAst') {
        foreach ($w in ($n.Value -split '\s+')) { if ($w -match '^[/-][A-Za-z]{1,2}(:|$)') { 'SWITCH ' + $w } }
    }
}
"parse errors: $($errors.Count)"
)ps";

std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        if (l.starts_with(prefix)) out.push_back(l.substr(prefix.size()));
    return out;
}

test::shell_run run(const std::string& cmd, const test::temp_dir& t) {
    return test::run_shell(cmd, t.file("cmd.out"));
}

// The verbs a read-only collection may use, and the few other commands it needs (each only
// for its own output folder, the console or loading a module).
bool allowed_command(const std::string& name) {
    static const std::set<std::string> verbs = {"Get",    "Select",   "Where",     "ForEach",
                                                "Export", "Out",      "Join",      "Split",
                                                "Test",   "Compress", "ConvertTo", "Note"};
    static const std::set<std::string> names = {"Write-Host", "Import-Module", "New-Item",
                                                "New-Object"};
    if (names.count(name)) return true;
    const auto dash = name.find('-');
    return dash != std::string::npos && verbs.count(name.substr(0, dash)) > 0;
}

std::string render(const collect::script_options& o, const test::temp_dir& t) {
    const std::string path = t.file("collect.ps1");
    test::write_file(path, collect::render_script(o));
    return path;
}

// Renders the script and runs the syntax-tree scan (kScan) over it in real pwsh.
test::shell_run scan(const std::string& pwsh, const collect::script_options& o,
                     const test::temp_dir& t) {
    test::write_file(t.file("scan.ps1"), kScan);
    const std::string script = render(o, t);
    return run(test::shell_quote(pwsh) + " -NoProfile -NonInteractive -File " +
                   test::shell_quote(t.file("scan.ps1")) + " " + test::shell_quote(script),
               t);
}

// Runs the printed script (run.ps1 loads the stand-ins, then it) in pwsh with the stand-ins of
// tests/collect/ into `out`, `env` set for them (CSX_STANDIN_FIXED=1: the server after the fix,
// an empty errors-only dump of the AD connector and a successful Export; CSX_STANDIN_OLD_BUILD=1:
// no -RunStepDetails). Returns the zip it made.
std::string collect_with_standins(const std::string& pwsh, const test::temp_dir& t,
                                  const std::string& out, const std::string& env = "") {
    const std::string bin = test::source_path("tests/collect/bin");
    fs::create_directories(out);
    const auto r = run(
        env + " CSX_STANDIN_LOG=" + test::shell_quote(t.file("standin.log")) +
            " CSX_COLLECT_CORPUS=" + test::shell_quote(test::source_path("corpus/demo/contoso")) +
            " CSX_COLLECT_OUT=" + test::shell_quote(out) +
            " CSX_COLLECT_SYNC_BIN=" + test::shell_quote(bin) + " PATH=" + test::shell_quote(bin) +
            ":\"$PATH\" " + test::shell_quote(pwsh) + " -NoProfile -NonInteractive -File " +
            test::shell_quote(t.file("run.ps1")),
        t);
    INFO(r.out);
    REQUIRE(r.exit_code == 0);
    std::vector<std::string> zips;
    for (const auto& e : fs::recursive_directory_iterator(out))
        if (e.path().extension() == ".zip") zips.push_back(e.path().string());
    REQUIRE(zips.size() == 1);
    return zips[0];
}

}  // namespace

TEST_CASE(
    "ps_literal doubles every quote PowerShell ends a string at, refuses what cannot be shown",
    "[collect]") {
    std::string why;
    CHECK(collect::ps_literal("CN=Dana Admin,OU=IT,DC=contoso,DC=com", why) ==
          "'CN=Dana Admin,OU=IT,DC=contoso,DC=com'");
    CHECK(collect::ps_literal("CN=O'Brien \"Ops\",DC=x", why) == "'CN=O''Brien \"Ops\",DC=x'");
    CHECK(collect::ps_literal("CN=A\xE2\x80\x99"
                              "B",
                              why) ==
          "'CN=A\xE2\x80\x99\xE2\x80\x99"
          "B'");
    CHECK(collect::ps_literal("$(calc)`n", why) == "'$(calc)`n'");
    CHECK_FALSE(collect::ps_literal("CN=A\nB", why));
    CHECK(why.find("U+000A") != std::string::npos);
    CHECK_FALSE(
        collect::ps_literal("CN=A\xE2\x80\xAE"
                            "B",
                            why));  // RIGHT-TO-LEFT OVERRIDE
    CHECK(why.find("U+202E") != std::string::npos);
    CHECK_FALSE(collect::ps_literal("CN=\xC3", why));
}

TEST_CASE("the collect script is ASCII and every placeholder is filled from the options",
          "[collect]") {
    const std::string_view tpl = collect::script_template();
    for (char c : tpl)
        REQUIRE(static_cast<unsigned char>(c) < 0x80);  // Windows PowerShell 5.1 reads ANSI
    collect::script_options o;
    o.days = 30;
    o.full = true;
    o.objects = {"CN=O'Brien,OU=IT,DC=contoso,DC=com", "CN=B,DC=x"};
    const std::string s = collect::render_script(o);
    CHECK(s.find("{{") == std::string::npos);
    CHECK(s.find("$csxDays = 30\n") != std::string::npos);
    CHECK(s.find("$csxFull = $true\n") != std::string::npos);
    CHECK(s.find("$csxExtraObjects = @('CN=O''Brien,OU=IT,DC=contoso,DC=com', 'CN=B,DC=x')\n") !=
          std::string::npos);
    CHECK(s.find(std::string("$csxCollectVersion = '") + CSX_VERSION + "'") != std::string::npos);
    o.days = 0;
    CHECK_THROWS_AS(collect::render_script(o), usage_error);
    o.days = 7;
    o.objects = {"CN=A\r\nStart-ADSyncSyncCycle"};
    CHECK_THROWS_AS(collect::render_script(o), usage_error);
}

TEST_CASE("csx collect prints the script, writes it with -o, refuses what it cannot do",
          "[collect]") {
    test::temp_dir t;
    const auto out = test::run_csx("collect --days 3 --object 'CN=x,DC=contoso,DC=com'");
    REQUIRE(out.exit_code == 0);
    CHECK(out.out.find("$csxDays = 3\n") != std::string::npos);
    CHECK(out.out.find("$csxExtraObjects = @('CN=x,DC=contoso,DC=com')") != std::string::npos);
    const auto file = test::run_csx("collect --full -o " + test::shell_quote(t.file("c.ps1")));
    REQUIRE(file.exit_code == 0);
    CHECK(file.out.empty());
    CHECK(test::read_file(t.file("c.ps1")).find("$csxFull = $true") != std::string::npos);
    CHECK(test::run_csx("collect --shell cmd").exit_code == 2);
    CHECK(test::run_csx("collect --days 0").exit_code == 2);
    CHECK(test::run_csx("collect --object '/G x'").exit_code == 2);  // a dsacls switch, no DN
    CHECK(test::run_csx("collect --days x").exit_code == 2);
    CHECK(test::run_csx("collect --object \"$(printf 'CN=a\\nb')\"").exit_code == 2);
}

TEST_CASE("the collect script parses in real PowerShell, with no PowerShell 7-only syntax",
          "[powershell][collect]") {
    const std::string pwsh = test::find_pwsh();
    REQUIRE_FALSE(pwsh.empty());
    test::temp_dir t;
    collect::script_options o;
    o.full = true;
    o.objects = {"CN=O'Brien \"Ops\" $(x) `y,OU=IT,DC=contoso,DC=com"};
    const auto p = scan(pwsh, o, t);
    CAPTURE(p.out);
    REQUIRE(p.exit_code == 0);
    CHECK(p.out.find("parse errors: 0") != std::string::npos);
    CHECK(lines_starting(p.out, "PARSE ").empty());
    CHECK(lines_starting(p.out, "PS7 ").empty());
    // The DN stays one string: the parser sees no subexpression or command in it.
    CHECK(lines_starting(p.out, "COMMAND x").empty());
}

TEST_CASE("the collect script calls nothing that writes to AD, Entra ID or the sync configuration",
          "[powershell][collect]") {
    const std::string pwsh = test::find_pwsh();
    REQUIRE_FALSE(pwsh.empty());
    test::temp_dir t;
    collect::script_options o;
    o.full = true;
    const auto p = scan(pwsh, o, t);
    CAPTURE(p.out);
    REQUIRE(p.out.find("parse errors: 0") != std::string::npos);

    const auto commands = lines_starting(p.out, "COMMAND ");
    const std::set<std::string> seen(commands.begin(), commands.end());
    // What it must read with: the scan would pass vacuously on a script that does nothing.
    for (const char* needed :
         {"Get-ADSyncConnector", "Get-ADSyncRunProfileResult", "Get-ADSyncRunStepResult",
          "Get-ADSyncServerConfiguration", "Get-ADObject", "Export-Clixml", "Compress-Archive"})
        CHECK(seen.count(needed) == 1);
    for (const auto& c : seen) {
        CAPTURE(c);
        CHECK(allowed_command(c));
        // The issue's list, whatever the allow-list says.
        for (const char* verb : {"Set-", "Add-", "Remove-", "Enable-", "Disable-", "Start-"})
            CHECK_FALSE(c.starts_with(verb));
    }
    for (const auto& f : lines_starting(p.out, "FUNCTION ")) {
        CAPTURE(f);
        CHECK(allowed_command(f));
    }
    // The one command the parser cannot name: the native program runner, handed only
    // csexport.exe, dsacls and ldifde by name (below).
    const auto dynamic = lines_starting(p.out, "DYNAMIC ");
    REQUIRE(dynamic.size() == 1);
    CHECK(dynamic[0].find("& $Program @Arguments") != std::string::npos);
    // No .NET way into the directory or its ACLs.
    for (const auto& m : lines_starting(p.out, "MEMBER ")) {
        CAPTURE(m);
        for (const char* bad :
             {"CommitChanges", "SetInfo", "Put", "PutEx", "InvokeSet", "DeleteTree", "MoveTo",
              "SetAccessRule", "AddAccessRule", "RemoveAccessRule", "ModifyAccessRule",
              "SetSecurityDescriptor", "SetAccessControl", "SendRequest", "Invoke"})
            CHECK(m != bad);
    }
    for (const auto& ty : lines_starting(p.out, "TYPE ")) {
        CAPTURE(ty);
        CHECK(ty.find("DirectoryServices") == std::string::npos);
        CHECK(ty != "adsi");
        CHECK(ty != "ADSI");
        CHECK(ty.find("Management.ManagementObject") == std::string::npos);
    }
    // No write switch anywhere in the script's strings: dsacls /G /R /P /D /S /I /T /A (grant,
    // revoke, protect, deny, set defaults, inherit, tree, audit) or ldifde -i (import). The
    // csexport filter /f:e and the ldifde export switches are what it may pass.
    const std::set<std::string> allowed_switches = {"/f:e", "-f", "-d", "-p", "-l", "-s", "-ge"};
    for (const auto& s : lines_starting(p.out, "SWITCH ")) {
        CAPTURE(s);
        CHECK(allowed_switches.count(s) == 1);
    }
    // The programs it runs, by name: exactly the three read-only tools.
    const std::string text = test::read_file(t.file("collect.ps1"));  // what scan() rendered
    std::set<std::string> programs;
    const std::regex native(R"(Get-Command (\w+) -CommandType Application)");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), native);
         it != std::sregex_iterator(); ++it)
        programs.insert((*it)[1]);
    CHECK(programs == std::set<std::string>{"dsacls", "ldifde"});
    CHECK(text.find("Join-Path $csxBin 'csexport.exe'") != std::string::npos);
}

TEST_CASE("the collect script runs against stand-ins and csx triages its zip to the findings",
          "[powershell][collect]") {
    const std::string pwsh = test::find_pwsh();
    REQUIRE_FALSE(pwsh.empty());
    test::temp_dir t;
    const std::string log = t.file("standin.log");
    // Printed by csx itself, with an object no export error names (a quote and an apostrophe
    // in its DN): it is looked up too, and what fails is recorded, not fatal.
    const auto printed =
        test::run_csx("collect --days 7 --object " +
                      test::shell_quote("CN=O'Brien \"Ops\",OU=IT,DC=contoso,DC=com") + " -o " +
                      test::shell_quote(t.file("collect.ps1")));
    REQUIRE(printed.exit_code == 0);
    test::write_file(t.file("run.ps1"),
                     ". " + test::shell_quote(test::source_path("tests/collect/standins.ps1")) +
                         "\n. " + test::shell_quote(t.file("collect.ps1")) + "\n");
    const std::string zip = collect_with_standins(pwsh, t, t.file("out"));
    const std::string calls = test::read_file(log);
    CAPTURE(calls);
    CHECK(calls.find("WRITE ATTEMPT") == std::string::npos);
    CHECK(calls.find("csexport contoso.com ") != std::string::npos);
    CHECK(calls.find("csexport contoso.onmicrosoft.com - AAD ") != std::string::npos);
    CHECK(calls.find("Get-ADSyncRunProfileResult RunStepDetails=True") != std::string::npos);
    CHECK(calls.find("dsacls CN=Dana Admin,OU=IT,DC=contoso,DC=com\n") != std::string::npos);
    CHECK(calls.find("dsacls CN=AdminSDHolder,CN=System,DC=contoso,DC=com\n") != std::string::npos);
    CHECK(calls.find("Get-ADObject CN=O'Brien \"Ops\",OU=IT,DC=contoso,DC=com") !=
          std::string::npos);
    // One zip, named after the AD forest: the tenant every collection of it is filed under.
    CHECK(fs::path(zip).filename() == "contoso.com.zip");
    const std::vector<std::string> zips{zip};

    const auto ingest = test::run_csx("ingest --db " + test::shell_quote(t.file("d.sqlite")) + " " +
                                      test::shell_quote(zips[0]));
    CAPTURE(ingest.out, ingest.err);
    CHECK(ingest.exit_code == 0);
    for (const char* kind :
         {"collect-manifest", "csexport", "clixml-runstep", "clixml-ad", "ldif", "dsacls"})
        CHECK(ingest.out.find(kind) != std::string::npos);

    const auto tri =
        test::run_csx("triage --format json --shell powershell " + test::shell_quote(zips[0]));
    CAPTURE(tri.out, tri.err);
    REQUIRE(tri.exit_code == 0);
    auto m = store::db::open(":memory:", store::open_mode::memory);
    auto st = m.prepare(
        "SELECT json_extract(f.value, '$.rule'), coalesce(json_extract(f.value, '$.evidence'), ''),"
        " coalesce(json_extract(f.value, '$.connector'), ''), json_extract(f.value, '$.tenant') "
        "FROM json_each(?1, '$.findings') AS f ORDER BY 1");
    st.bind(1, tri.out);
    std::vector<std::string> found;
    while (st.step()) {
        found.push_back(st.column_text(0));
        CHECK(st.column_text(3) == "contoso.com");
        if (st.column_text(0) == "adminsdholder-writeback-denied") {
            CHECK(st.column_text(1) == "confirmed");  // tokenGroups -512 + adminCount + dsacls
            CHECK(st.column_text(2) == "contoso.com");
        }
        if (st.column_text(0) == "persistent-export-errors")
            CHECK(st.column_text(2) == "contoso.com");  // the run's ConnectorName
    }
    CHECK(found == std::vector<std::string>{"adminsdholder-writeback-denied", "duplicate-attribute",
                                            "persistent-export-errors"});
    // The grant names the account the manifest's connector list gives (the configuration
    // export failed), never the <principal> placeholder.
    CHECK(tri.out.find("CONTOSO\\\\MSOL_0123456789ab:WP;msDS-KeyCredentialLink") !=
          std::string::npos);
    CHECK(tri.out.find("<principal>") == std::string::npos);
    // What the collection could not read is part of the data read.
    CHECK(test::jq(tri.out, "$.data.tenants[0].state") == "partial");
    const std::string problems = test::jq(tri.out, "$.data.tenants[0].problems");
    CHECK(problems.find("collection could not read server configuration: Access to the path") !=
          std::string::npos);
    CHECK(problems.find("not-collected") != std::string::npos);
    CHECK(problems.find("contoso.com.zip!/config") != std::string::npos);

    const auto text = test::run_csx("triage " + test::shell_quote(zips[0]));
    CAPTURE(text.out);
    CHECK(text.out.find("collection could not read server configuration") != std::string::npos);
    // Provenance: who collected, where, when, with which versions.
    CHECK(text.out.find("collected:  csx collect " CSX_VERSION " on ") != std::string::npos);
    CHECK(test::jq(tri.out, "$.data.tenants[0].collections[0]").find("(PowerShell 7.") !=
          std::string::npos);

    // Collect again after the fix: the same script, a new folder, the same zip name. Its empty
    // errors-only dump names no connector itself; the manifest says whose it is, so the
    // AdminSDHolder error is resolved and verify says fixed.
    const std::string again = collect_with_standins(pwsh, t, t.file("out2"), "CSX_STANDIN_FIXED=1");
    CHECK(fs::path(again).filename() == "contoso.com.zip");
    CHECK(test::read_file(log).find("WRITE ATTEMPT") == std::string::npos);
    const auto in2 = test::run_csx("ingest --db " + test::shell_quote(t.file("d.sqlite")) + " " +
                                   test::shell_quote(again));
    CAPTURE(in2.out, in2.err);
    CHECK(in2.exit_code == 0);
    CHECK(in2.err.find("holds no objects") == std::string::npos);
    const auto after =
        test::run_csx("triage --format json --db " + test::shell_quote(t.file("d.sqlite")));
    CAPTURE(after.out);
    REQUIRE(after.exit_code == 0);
    CHECK(test::jq(after.out, "$.findings[0].rule") == "duplicate-attribute");
    CHECK(test::jq(after.out, "$.summary.findings") == "1");
    const auto verify =
        test::run_csx("verify --tenant contoso.com --db " + test::shell_quote(t.file("d.sqlite")));
    CAPTURE(verify.out, verify.err);
    CHECK(verify.exit_code == 0);
    CHECK(verify.out.find("fixed") != std::string::npos);
}

TEST_CASE("on an older build the collect script takes the steps run by run and zips with .NET",
          "[powershell][collect]") {
    const std::string pwsh = test::find_pwsh();
    REQUIRE_FALSE(pwsh.empty());
    test::temp_dir t;
    REQUIRE(test::run_csx("collect -o " + test::shell_quote(t.file("collect.ps1"))).exit_code == 0);
    test::write_file(t.file("run.ps1"),
                     ". " + test::shell_quote(test::source_path("tests/collect/standins.ps1")) +
                         "\n. " + test::shell_quote(t.file("collect.ps1")) + "\n");
    const std::string zip = collect_with_standins(
        pwsh, t, t.file("out"), "CSX_STANDIN_OLD_BUILD=1 CSX_STANDIN_NO_COMPRESS=1");
    // Compress-Archive failed (a member over 2 GB in Windows PowerShell 5.1): .NET zipped it.
    CHECK(fs::path(zip).parent_path().filename() == "zip64");
    CHECK(fs::path(zip).filename() == "contoso.com.zip");
    const std::string calls = test::read_file(t.file("standin.log"));
    CAPTURE(calls);
    CHECK(calls.find("Get-ADSyncRunProfileResult without -RunStepDetails") != std::string::npos);
    CHECK(calls.find("Get-ADSyncRunStepResult 00000000-0000-4000-8000-000000000001") !=
          std::string::npos);
    CHECK(calls.find("WRITE ATTEMPT") == std::string::npos);
    const std::string db = t.file("d.sqlite");
    const auto in =
        test::run_csx("ingest --db " + test::shell_quote(db) + " " + test::shell_quote(zip));
    CAPTURE(in.out, in.err);
    REQUIRE(in.exit_code == 0);
    auto d = store::db::open(db, store::open_mode::read_only);
    CHECK(test::rows(d,
                     "SELECT ma_name, step_type, step_result, count(*) FROM v_run_step "
                     "GROUP BY 1, 2, 3") ==
          std::vector<std::vector<std::string>>{
              {"contoso.com", "export", "completed-export-errors", "3"}});
    CHECK(test::scalar_int(d, "SELECT count(*) FROM run") == 4);
    // Every member, the manifest first and with its connectors.
    CHECK(test::scalar_text(d, "SELECT kind FROM source_file ORDER BY file_id LIMIT 1") ==
          "collect-manifest");
    CHECK(test::scalar_int(d, "SELECT count(*) FROM source_file") == 8);
    CHECK(test::scalar_int(d,
                           "SELECT count(*) FROM source_file WHERE kind = 'csexport' "
                           "AND connector_hint IS NOT NULL") == 2);
}
