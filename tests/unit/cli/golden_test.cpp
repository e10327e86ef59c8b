// Golden files: csx triage and csx fix over the bundled demo corpus, byte for byte, in every
// format. Run from the repository root with relative paths so the output is the same on every
// machine. A mismatch prints a unified diff; to regenerate after an intended change:
// CSX_UPDATE_GOLDEN=triage-contoso.json,... build/tests/csx_tests "[golden]" (or =all; README
// "Tests"), then review the diff like code.
#include <catch2/catch.hpp>

#include <filesystem>

#include "store/db.hpp"
#include "store/statement.hpp"
#include "test_support.hpp"

using namespace csx;

namespace {

void golden(const std::string& args, const std::string& expected_rel) {
    auto r = test::run_csx(args, test::source_path(""));
    CAPTURE(args, r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    test::check_golden(r.out, expected_rel);
}

}  // namespace

TEST_CASE("golden: triage of the demo corpus in every format", "[golden]") {
    for (const char* tenant : {"contoso", "fabrikam"}) {
        const std::string t(tenant);
        golden("triage --tenant " + t + " corpus/demo", "corpus/expected/triage-" + t + ".txt");
        golden("triage --tenant " + t + " --format json corpus/demo",
               "corpus/expected/triage-" + t + ".json");
        golden("triage --tenant " + t + " --format csv corpus/demo",
               "corpus/expected/triage-" + t + ".csv");
        golden("triage --tenant " + t + " --format md corpus/demo",
               "corpus/expected/triage-" + t + ".md");
        golden("fix --tenant " + t + " corpus/demo", "corpus/expected/fix-" + t + ".cmd");
        golden("fix --tenant " + t + " --shell powershell corpus/demo",
               "corpus/expected/fix-" + t + ".ps1");
    }
}

TEST_CASE("triage JSON is valid and carries the documented fields", "[golden]") {
    auto r = test::run_csx("triage --format json corpus/demo", test::source_path(""));
    REQUIRE(r.exit_code == 0);
    auto d = store::db::open(":memory:", store::open_mode::memory);
    auto st = d.prepare("SELECT json_valid(?1), json_array_length(?1, '$.findings')");
    st.bind(1, r.out);
    REQUIRE(st.step());
    CHECK(st.column_int64(0) == 1);
    CHECK(st.column_int64(1) == 20);
    auto fields = d.prepare(
        "SELECT count(*) FROM json_each(?1, '$.findings') AS f WHERE json_type(f.value, '$.rule') "
        "= 'text' "
        "AND json_type(f.value, '$.severity') = 'text' AND json_type(f.value, '$.attributes') = "
        "'array' "
        "AND json_type(f.value, '$.source.line') = 'integer' AND json_type(f.value, "
        "'$.remediation.commands') = 'array' "
        "AND json_type(f.value, '$.tenant') = 'text' AND json_type(f.value, '$.error_text') = "
        "'text'");
    fields.bind(1, r.out);
    REQUIRE(fields.step());
    CHECK(fields.column_int64(0) == 20);
    auto sdh = d.prepare(
        "SELECT json_extract(f.value, '$.evidence'), json_extract(f.value, '$.error_code'), "
        "json_extract(f.value, '$.remediation.commands[0]') FROM json_each(?1, '$.findings') AS f "
        "WHERE json_extract(f.value, '$.rule') = 'adminsdholder-writeback-denied'");
    sdh.bind(1, r.out);
    REQUIRE(sdh.step());
    CHECK(sdh.column_text(0) == "confirmed");
    CHECK(sdh.column_int64(1) == 8344);
    CHECK(
        sdh.column_text(2) ==
        "powershell -NoProfile -Command \"$pdc = (Get-ADDomain -Server 'contoso.com').PDCEmulator; "
        "dsacls ('\\\\'+$pdc+'\\CN=AdminSDHolder,CN=System,DC=contoso,DC=com') /G "
        "'CONTOSO\\MSOL_0123456789ab:WP;msDS-KeyCredentialLink'\"");
    // The rollback is in triage, never in the commands a fix script runs.
    auto rb = d.prepare(
        "SELECT json_extract(f.value, '$.remediation.rollback[0]') FROM json_each(?1, "
        "'$.findings') AS f WHERE json_extract(f.value, '$.rule') = "
        "'adminsdholder-writeback-denied'");
    rb.bind(1, r.out);
    REQUIRE(rb.step());
    CHECK(rb.column_text(0).find("RemoveAccessRuleSpecific") != std::string::npos);
    for (const char* script :
         {"corpus/expected/fix-contoso.cmd", "corpus/expected/fix-contoso.ps1"}) {
        const std::string text = test::read_file(test::source_path(script));
        CHECK(text.find("RemoveAccessRuleSpecific") == std::string::npos);
        CHECK(text.find("Rollback (Remove exactly this ACE") != std::string::npos);
    }
}

TEST_CASE("triage --fail-on sets the exit code, the one-shot form leaves no file behind",
          "[golden]") {
    test::temp_dir t;
    const std::string demo = test::shell_quote(test::source_path("corpus/demo"));
    CHECK(test::run_csx("triage --fail-on high " + demo, t.path().string()).exit_code == 1);
    CHECK(test::run_csx("triage --fail-on critical " + demo, t.path().string()).exit_code == 0);
    CHECK(test::run_csx("triage --fail-on bogus " + demo, t.path().string()).exit_code == 2);
    CHECK(std::filesystem::is_empty(t.path()));
    // A database that does not exist is an error, not an empty result.
    auto r = test::run_csx("triage --db nothing-here.sqlite", t.path().string());
    CHECK(r.exit_code == 5);
    CHECK(r.err.find("does not exist") != std::string::npos);
}

TEST_CASE("a --tenant the data does not hold is a usage error naming the tenants, never 0 findings",
          "[golden]") {
    const std::string root = test::source_path("");
    for (const std::string cmd : {"triage", "fix", "verify"}) {
        CAPTURE(cmd);
        // Loose files name their tenant from the data (contoso.com), not the folder.
        const auto r = test::run_csx(
            cmd + " --tenant contoso corpus/demo/contoso/csexport-ad-export-errors.xml", root);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("no tenant 'contoso' in the data (tenants: contoso.com)") !=
              std::string::npos);
        CHECK(r.out.find("0 finding") == std::string::npos);
    }
    // Case does not matter, as for every name csx compares.
    CHECK(test::run_csx("triage --tenant CONTOSO corpus/demo", root).exit_code == 0);
}
