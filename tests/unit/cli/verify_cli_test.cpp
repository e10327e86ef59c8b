// End to end, through the csx binary: the before/after case of corpus/verify. The engineer
// ingests the demo tenant, then the dsacls outputs taken after the grant on AdminSDHolder, then
// those taken after SDProp with a fresh export-errors dump and the next Export run. csx verify
// says what is missing at each stage (golden files in corpus/expected), and triage stops
// listing the finding once it is resolved (unless --all).
#include <catch2/catch.hpp>

#include "store/db.hpp"
#include "store/statement.hpp"
#include "test_support.hpp"

using namespace csx;

TEST_CASE("verify, end to end: demo -> granted on AdminSDHolder -> SDProp, fresh dump",
          "[verify][golden]") {
    test::temp_dir t;
    const std::string db = "--db " + test::shell_quote(t.file("v.sqlite"));
    const std::string root = test::source_path("");
    auto csx = [&](const std::string& args) {
        auto r = test::run_csx(args + " " + db, root);  // relative paths: stable output
        CAPTURE(args, r.err);
        return r;
    };
    REQUIRE(csx("ingest -q corpus/demo/contoso").exit_code == 0);

    auto before = csx("verify --tenant contoso");
    CHECK(before.exit_code == 1);
    CHECK(before.out.find("[no-evidence]") != std::string::npos);

    REQUIRE(csx("ingest -q --tenant contoso corpus/verify/contoso-granted").exit_code == 0);
    auto granted = csx("verify --tenant contoso");
    CHECK(granted.exit_code == 1);
    CHECK(granted.out.find("ACE present on AdminSDHolder but not yet on CN=Dana Admin,OU=IT,"
                           "DC=contoso,DC=com — SDProp has not run: trigger it") !=
          std::string::npos);
    test::check_golden(granted.out, "corpus/expected/verify-contoso-granted.txt");
    // The dsacls output's protected flag is now part of the finding's evidence.
    CHECK(csx("triage --tenant contoso")
              .out.find(
                  "dsacls corpus/verify/contoso-granted/dsacls-dana-admin.txt:1: protected from "
                  "inheriting permissions") != std::string::npos);

    auto fixed_ingest =
        csx("ingest -q --tenant contoso --connector contoso.com corpus/verify/contoso-fixed");
    REQUIRE(fixed_ingest.exit_code == 0);
    auto fixed = csx("verify --tenant contoso");
    CHECK(fixed.exit_code == 0);
    test::check_golden(fixed.out, "corpus/expected/verify-contoso-fixed.txt");
    auto fixed_json = csx("verify --tenant contoso --format json");
    CHECK(fixed_json.exit_code == 0);

    // triage hides the resolved finding; --all shows it, resolved, with the evidence's date.
    auto open = csx("triage --tenant contoso --format json");
    auto all = csx("triage --tenant contoso --format json --all");
    auto m = store::db::open(":memory:", store::open_mode::memory);
    auto st = m.prepare(
        "SELECT (SELECT count(*) FROM json_each(?1, '$.findings') AS f "
        "        WHERE json_extract(f.value, '$.rule') = 'adminsdholder-writeback-denied'), "
        "       (SELECT json_extract(f.value, '$.state') || ' ' || json_extract(f.value, "
        "'$.resolved_at') "
        "        FROM json_each(?2, '$.findings') AS f "
        "        WHERE json_extract(f.value, '$.rule') = 'adminsdholder-writeback-denied'), "
        "       (SELECT json_extract(r.value, '$.status') FROM json_each(?3, '$.results') AS r)");
    st.bind(1, open.out);
    st.bind(2, all.out);
    st.bind(3, fixed_json.out);
    REQUIRE(st.step());
    CHECK(st.column_int64(0) == 0);
    CHECK(st.column_text(1) == "resolved 2026-06-17 10:14:55.918");
    CHECK(st.column_text(2) == "fixed");
    CHECK(csx("triage --tenant contoso --all").out.find("RESOLVED") != std::string::npos);
    // --fail-on ignores what is resolved.
    CHECK(csx("triage --tenant contoso --all --fail-on high").exit_code == 0);

    CHECK(csx("verify").exit_code == 2);  // --tenant is required
    CHECK(csx("verify --tenant contoso --format xml").exit_code == 2);
}

TEST_CASE("verify never calls an ACE missing on the strength of an edited dsacls output",
          "[verify][dsacls]") {
    // The demo's protected account, and a dsacls of it pasted with <SNIP> markers that shows no
    // grant: unproven, never missing.
    test::temp_dir t;
    const std::string root = test::source_path("");
    const std::string db = "--db " + test::shell_quote(t.file("e.sqlite"));
    REQUIRE(test::run_csx("ingest -q " + db + " corpus/demo/contoso", root).exit_code == 0);
    CHECK(test::run_csx(
              "ingest -q --tenant contoso " + db + " corpus/minimal/dsacls-edited-snip.txt", root)
              .exit_code == 3);
    const auto r = test::run_csx("verify --tenant contoso " + db, root);
    CAPTURE(r.out, r.err);
    CHECK(r.out.find("[unproven]") != std::string::npos);
    CHECK(r.out.find("[missing]") == std::string::npos);
    CHECK(r.out.find("absence is not proven") != std::string::npos);
}
