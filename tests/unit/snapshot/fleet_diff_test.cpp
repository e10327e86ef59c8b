// csx fleet and csx diff end to end: two ingests of one tenant a day apart (corpus/history),
// snapshots taken by ingest, change counted between them, --since, --rules, formats.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "store/db.hpp"
#include "store/statement.hpp"
#include "test_support.hpp"

using namespace csx;
using test::jq;

namespace {

// SOURCE_DATE_EPOCH makes ingest and snapshot times fixed (util/time.hpp).
constexpr const char* kDay1 = "1764000000";  // 2025-11-24 16:00:00 UTC
constexpr const char* kDay2 = "1764090000";  // 2025-11-25 17:00:00 UTC

test::run_result at(const char* epoch, const std::string& args, const std::string& cwd) {
    ::setenv("SOURCE_DATE_EPOCH", epoch, 1);
    auto r = test::run_csx(args, cwd);
    ::unsetenv("SOURCE_DATE_EPOCH");
    return r;
}

struct two_days {
    test::temp_dir dir;
    std::string db = test::shell_quote(dir.file("fleet.sqlite"));
    two_days() {
        auto r1 = at(kDay1, "ingest -q --db " + db + " corpus/demo", test::source_path(""));
        REQUIRE(r1.exit_code == 0);
        auto r2 = at(kDay2, "ingest --db " + db + " --tenant contoso corpus/history/contoso-day2",
                     test::source_path(""));
        INFO(r2.err);
        REQUIRE(r2.exit_code == 0);
        CHECK(r2.out.find("triage snapshot of 1 tenant(s)") != std::string::npos);
    }
    test::run_result csx(const std::string& args) {
        return test::run_csx(args + " --db " + db, dir.path().string());
    }
    std::int64_t snapshots() {
        auto d = store::db::open(dir.file("fleet.sqlite"), store::open_mode::read_only);
        return test::scalar_int(d, "SELECT count(*) FROM snapshot");
    }
};

}  // namespace

TEST_CASE("fleet: one row per tenant, most urgent first, change since the previous ingest",
          "[fleet]") {
    two_days t;
    CHECK(t.snapshots() == 3);  // contoso day 1 and day 2, fabrikam day 1

    auto r = t.csx("fleet --format json");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string& j = r.out;
    CHECK(jq(j, "$.tenants[1]") != "<null>");
    CHECK(jq(j, "$.tenants[2]") == "<null>");
    // fabrikam (worst high) before contoso (worst medium on day 2: the high finding is resolved)
    CHECK(jq(j, "$.tenants[0].tenant") == "fabrikam");
    CHECK(jq(j, "$.tenants[0].findings") == "18");
    CHECK(jq(j, "$.tenants[0].by_severity.high") == "2");
    CHECK(jq(j, "$.tenants[0].change") == "<null>");  // one snapshot only: nothing to compare
    CHECK(jq(j, "$.tenants[1].tenant") == "contoso");
    CHECK(jq(j, "$.tenants[1].worst") == "medium");
    CHECK(jq(j, "$.tenants[1].findings") == "2");
    CHECK(jq(j, "$.tenants[1].rules") == R"(["constraint-violation","duplicate-attribute"])");
    CHECK(jq(j, "$.tenants[1].oldest_first_occurred") == "2026-03-02 11:02:16.000");
    CHECK(jq(j, "$.tenants[1].total_retries") == "4413");  // 4410 + 3
    CHECK(jq(j, "$.tenants[1].last_ingest") == "2025-11-25 17:00:00");
    CHECK(jq(j, "$.tenants[1].change.new") == "1");
    CHECK(jq(j, "$.tenants[1].change.resolved") == "1");
    CHECK(jq(j, "$.tenants[1].change.still_open") == "1");
    CHECK(jq(j, "$.tenants[1].change.baseline_ingest") == "2025-11-24 16:00:00");
    CHECK(jq(j, "$.tenants[1].change.rules_changed") == "0");

    // Read from snapshots: a second fleet takes none.
    CHECK(t.snapshots() == 3);

    auto csv = t.csx("fleet --format csv");
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out.rfind("tenant,worst,findings,critical,high,medium,low,info,new,resolved,", 0) ==
          0);
    CHECK(csv.out.find("\r\ncontoso,medium,2,0,0,2,0,0,1,1,1,") != std::string::npos);

    auto text = t.csx("fleet");
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("+1 -1 =1") != std::string::npos);
    auto md = t.csx("fleet --format md");
    CHECK(md.out.find("| contoso | complete | medium | 0 | 0 | 2 | 0 | 0 | 0 | +1 -1 =1 |") !=
          std::string::npos);
}

TEST_CASE("diff: new, resolved and still open for one tenant", "[fleet]") {
    two_days t;
    auto r = t.csx("diff --tenant CONTOSO --format json");  // tenant names are case-insensitive
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(jq(r.out, "$.tenant") == "contoso");
    CHECK(jq(r.out, "$.baseline.ingest") == "2025-11-24 16:00:00");
    CHECK(jq(r.out, "$.current.ingest") == "2025-11-25 17:00:00");
    CHECK(jq(r.out, "$.new[0].rule") == "constraint-violation");
    CHECK(jq(r.out, "$.new[0].object_dn") == "CN=Lee Clerk,OU=Staff,DC=contoso,DC=com");
    CHECK(jq(r.out, "$.new[1]") == "<null>");
    CHECK(jq(r.out, "$.resolved[0].rule") == "adminsdholder-writeback-denied");
    CHECK(jq(r.out, "$.resolved[0].object_dn") == "CN=Dana Admin,OU=IT,DC=contoso,DC=com");
    CHECK(jq(r.out, "$.resolved[1]") == "<null>");
    CHECK(jq(r.out, "$.still_open[0].rule") == "duplicate-attribute");
    CHECK(jq(r.out, "$.still_open[1]") == "<null>");

    // The run history of day 1 still holds Dana's 8344, but day 2's full dump holds her without
    // an error: the old run's error is superseded, not reported as unclassified.
    auto tri = t.csx("triage --tenant contoso --format csv");
    CHECK(tri.out.find("unclassified-error") == std::string::npos);
    CHECK(tri.out.find("Dana Admin") == std::string::npos);

    // A tenant with one snapshot: everything is still open, nothing called new.
    auto fab = t.csx("diff --tenant fabrikam --format json");
    REQUIRE(fab.exit_code == 0);
    CHECK(jq(fab.out, "$.baseline") == "<null>");
    CHECK(jq(fab.out, "$.new[0]") == "<null>");
    CHECK(jq(fab.out, "$.still_open[14].rule") != "<null>");

    auto md = t.csx("diff --tenant contoso --format md");
    CHECK(md.out.find("## Resolved") != std::string::npos);
    auto csv = t.csx("diff --tenant contoso --format csv");
    CHECK(csv.out.find("contoso,resolved,adminsdholder-writeback-denied,high,") !=
          std::string::npos);

    CHECK(t.csx("diff --tenant nobody").exit_code == 2);
    CHECK(t.csx("diff").exit_code == 2);
}

TEST_CASE("fleet --since leaves out stale tenants and counts change from before DATE", "[fleet]") {
    two_days t;
    auto r = t.csx("fleet --format json --since 2025-11-25");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(jq(r.out, "$.since") == "2025-11-25 00:00:00");
    CHECK(jq(r.out, "$.tenants[0].tenant") == "contoso");
    CHECK(jq(r.out, "$.tenants[1]") == "<null>");
    CHECK(jq(r.out, "$.not_ingested_since[0]") == "fabrikam");
    CHECK(jq(r.out, "$.tenants[0].change.resolved") == "1");
    // Before any data: no baseline at all.
    auto early = t.csx("fleet --format json --since 2025-11-24T12:00");
    CHECK(jq(early.out, "$.tenants[0].change") == "<null>");
    CHECK(jq(early.out, "$.tenants[1].tenant") != "<null>");
    for (const char* bad : {"yesterday", "2025-13", "25-11-2025", "2025-11-25 7:00"})
        CHECK(t.csx(std::string("fleet --since ") + test::shell_quote(bad)).exit_code == 2);
}

TEST_CASE("fleet takes missing snapshots: after --no-snapshot, and for a changed rule catalog",
          "[fleet]") {
    test::temp_dir dir;
    const std::string db = test::shell_quote(dir.file("f.sqlite"));
    auto r =
        at(kDay1, "ingest -q --no-snapshot --db " + db + " corpus/demo", test::source_path(""));
    REQUIRE(r.exit_code == 0);
    auto d = store::db::open(dir.file("f.sqlite"), store::open_mode::read_only);
    CHECK(test::scalar_int(d, "SELECT count(*) FROM snapshot") == 0);
    auto f = test::run_csx("fleet --format json --db " + db, dir.path().string());
    REQUIRE(f.exit_code == 0);
    // Both worst "high": contoso's problem is older (2025-05-07) than fabrikam's (2026-02-10).
    CHECK(jq(f.out, "$.tenants[0].tenant") == "contoso");
    CHECK(jq(f.out, "$.tenants[1].findings") == "18");
    CHECK(test::scalar_int(d, "SELECT count(*) FROM snapshot") == 2);

    // One more rule (a copy of a built-in one under a new id): new snapshots, same data.
    const std::string rules_dir = dir.file("rules");
    std::filesystem::create_directories(rules_dir);
    std::string sql =
        test::read_file(test::source_path("analyzer/rules/entra/duplicate-attribute.sql"));
    sql.replace(sql.find("-- id: duplicate-attribute"), 26, "-- id: my-duplicate-check");
    test::write_file(rules_dir + "/my-duplicate-check.sql", sql);
    auto g =
        test::run_csx("fleet --format json --rules " + test::shell_quote(rules_dir) + " --db " + db,
                      dir.path().string());
    INFO(g.err);
    REQUIRE(g.exit_code == 0);
    CHECK(test::scalar_int(d, "SELECT count(*) FROM snapshot") == 4);
    CHECK(jq(g.out, "$.tenants[0].tenant") == "contoso");
    CHECK(jq(g.out, "$.tenants[0].findings") == "3");
    CHECK(jq(g.out, "$.tenants[0].rules") ==
          R"(["adminsdholder-writeback-denied","duplicate-attribute","my-duplicate-check"])");
}
