// Pre-flight predictions end to end: the synthetic corpus/preflight fixtures through triage (four
// formats and the two flags), --fail-on and fleet. A prediction is never listed among the errors
// that happened, says it is one in every format, and the clean/excluded dump yields none.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "store/db.hpp"
#include "test_support.hpp"

using namespace csx;

namespace {

const char* const kRules[] = {"preflight-duplicate-address", "preflight-invalid-characters",
                              "preflight-length", "preflight-nonroutable-upn",
                              "preflight-large-object"};

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1))
        ++n;
    return n;
}

}  // namespace

TEST_CASE("a full dump with every defect yields each prediction under its own heading",
          "[cli][preflight]") {
    const auto r = test::run_csx("triage corpus/preflight/northwind", test::source_path(""));
    REQUIRE(r.exit_code == 0);
    CAPTURE(r.out);
    // Nothing has failed: no finding, every prediction under the pre-flight heading.
    CHECK(r.out.find("- 0 finding(s); ") != std::string::npos);
    const auto heading = r.out.find("\npre-flight - ");
    REQUIRE(heading != std::string::npos);
    CHECK(r.out.find("evidence: none, a prediction") != std::string::npos);
    for (const char* id : kRules) {
        CAPTURE(id);
        const auto at = r.out.find(std::string("] ") + id);
        REQUIRE(at != std::string::npos);
        CHECK(at > heading);
    }
    CHECK(count_of(r.out, "(PREDICTED, evidence: none)") == count_of(r.out, "] preflight-"));
    // Each defect of the fixture, by the value at fault (generate.py).
    for (const char* v : {"ann@northwind.com", "bad space@northwind.com", ".dotnick", "par(en)",
                          "65 characters before the @", "northwind.local", "fabrikam.com",
                          "userCertificate has 16 values", "thumbnailPhoto has 102401 bytes"}) {
        CAPTURE(v);
        CHECK(r.out.find(v) != std::string::npos);
    }
    // Near misses and exclusions stay out.
    for (const char* v :
         {"o'brien@northwind.com' holds", "64 characters before", "Cert Fits", "Just Fits",
          "eu.northwind.com", "krbtgt", "MSOL_0123456789ab", "SystemMailbox", "WKS01",
          "CNF:", "CN=Critical", "Filtered Out", "Ann Other"}) {
        CAPTURE(v);
        CHECK(r.out.find(v) == std::string::npos);
    }
}

TEST_CASE("the clean and excluded dump yields no prediction", "[cli][preflight]") {
    const auto r =
        test::run_csx("triage --format json corpus/preflight/clean", test::source_path(""));
    REQUIRE(r.exit_code == 0);
    CHECK(test::jq(r.out, "$.summary.preflight") == "0");
    CHECK(test::jq(r.out, "$.preflight") == "[]");
}

TEST_CASE("triage flags preflight-only and no-preflight choose the rules, and exclude each other",
          "[cli][preflight]") {
    test::temp_dir t;
    const std::string db = "--db " + test::shell_quote(t.file("d.sqlite"));
    REQUIRE(
        test::run_csx("ingest -q " + db + " corpus/demo corpus/preflight", test::source_path(""))
            .exit_code == 0);
    const auto only = test::run_csx("triage --preflight-only --format csv " + db);
    REQUIRE(only.exit_code == 0);
    const auto none = test::run_csx("triage --no-preflight --format csv " + db);
    REQUIRE(none.exit_code == 0);
    const auto all = test::run_csx("triage --format csv " + db);
    REQUIRE(all.exit_code == 0);
    std::size_t predicted = 0, open = 0;
    for (const auto& row : test::parse_csv(only.out)) {
        if (row.empty() || row[0] == "rule" || row[0].empty()) continue;
        CHECK(row[0].rfind("preflight-", 0) == 0);
        CHECK(row[2] == "none");        // evidence
        CHECK(row[18] == "predicted");  // state
        ++predicted;
    }
    for (const auto& row : test::parse_csv(none.out)) {
        if (row.empty() || row[0] == "rule" || row[0].empty()) continue;
        CHECK(row[0].rfind("preflight-", 0) != 0);
        ++open;
    }
    CHECK(predicted > 0);
    CHECK(open > 0);
    // Every row of the full run, predictions after the errors that happened.
    bool seen_prediction = false;
    std::size_t rows = 0;
    for (const auto& row : test::parse_csv(all.out)) {
        if (row.empty() || row[0] == "rule" || row[0].empty()) continue;
        ++rows;
        const bool p = row[0].rfind("preflight-", 0) == 0;
        if (seen_prediction) CHECK(p);
        seen_prediction = seen_prediction || p;
    }
    CHECK(rows == predicted + open);
    const auto both = test::run_csx("triage --preflight-only --no-preflight " + db);
    CHECK(both.exit_code == 2);
}

TEST_CASE("JSON and Markdown keep predictions apart and say they are predictions",
          "[cli][preflight]") {
    const auto j =
        test::run_csx("triage --format json corpus/preflight/northwind", test::source_path(""));
    REQUIRE(j.exit_code == 0);
    CHECK(test::jq(j.out, "$.summary.findings") == "0");
    CHECK(test::jq(j.out, "$.findings") == "[]");
    CHECK(std::stoi(test::jq(j.out, "$.summary.preflight")) >= 10);
    CHECK(test::jq(j.out, "$.preflight[0].evidence") == "none");
    CHECK(test::jq(j.out, "$.preflight[0].state") == "predicted");
    CHECK(test::jq(j.out, "$.preflight[0].category") == "preflight");
    const auto m =
        test::run_csx("triage --format md corpus/preflight/northwind", test::source_path(""));
    REQUIRE(m.exit_code == 0);
    CHECK(m.out.find("0 finding(s).") != std::string::npos);
    CHECK(m.out.find("## Pre-flight: ") != std::string::npos);
    CHECK(m.out.find("### preflight-duplicate-address") != std::string::npos);
    CHECK(m.out.find("Evidence: none") != std::string::npos);
}

TEST_CASE("triage fail-on ignores predictions: nothing has failed yet", "[cli][preflight]") {
    const auto r =
        test::run_csx("triage --fail-on low corpus/preflight/northwind", test::source_path(""));
    CHECK(r.exit_code == 0);
}

TEST_CASE("the report lists predictions in their own section, not among the problems",
          "[cli][preflight]") {
    const auto r = test::run_csx("report --tenant northwind corpus/preflight/northwind",
                                 test::source_path(""));
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("## Pre-flight: ") != std::string::npos);
    CHECK(r.out.find("No open problem found") != std::string::npos);
    CHECK(r.out.find("preflight-large-object") != std::string::npos);
}

TEST_CASE("csx fleet counts predictions as 'will fail', apart from the open findings",
          "[cli][preflight][fleet]") {
    test::temp_dir t;
    const std::string db = "--db " + test::shell_quote(t.file("d.sqlite"));
    REQUIRE(test::run_csx("ingest -q " + db + " corpus/preflight/northwind corpus/preflight/clean",
                          test::source_path(""))
                .exit_code == 0);
    const auto text = test::run_csx("fleet " + db);
    REQUIRE(text.exit_code == 0);
    CAPTURE(text.out);
    CHECK(text.out.find("WILL FAIL") != std::string::npos);
    const auto j = test::run_csx("fleet --format json " + db);
    REQUIRE(j.exit_code == 0);
    std::set<std::string> seen;
    for (int i = 0; i < 2; ++i) {
        const std::string at = "$.tenants[" + std::to_string(i) + "]";
        const std::string tenant = test::jq(j.out, at + ".tenant");
        seen.insert(tenant);
        CAPTURE(tenant);
        CHECK(test::jq(j.out, at + ".findings") == "0");
        CHECK(test::jq(j.out, at + ".worst") == "<null>");
        if (tenant == "northwind")
            CHECK(std::stoi(test::jq(j.out, at + ".will_fail")) >= 10);
        else
            CHECK(test::jq(j.out, at + ".will_fail") == "0");
    }
    CHECK(seen == std::set<std::string>{"clean", "northwind"});
    const auto csv = test::run_csx("fleet --format csv " + db);
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out.find(",will_fail\r\n") != std::string::npos);
}

TEST_CASE("a Graph domains export is read as the tenant's domains", "[ingest][preflight]") {
    test::temp_dir t;
    const std::string db = "--db " + test::shell_quote(t.file("d.sqlite"));
    const auto r = test::run_csx(
        "ingest " + db + " --tenant northwind corpus/preflight/northwind/domains.json",
        test::source_path(""));
    REQUIRE(r.exit_code == 0);
    auto d = test::fresh_db(t.file("d.sqlite"));
    CHECK(
        test::rows(d,
                   "SELECT domain, is_verified, is_default, is_initial FROM v_tenant_domain "
                   "ORDER BY domain") ==
        std::vector<std::vector<std::string>>{{"fabrikam.com", "0", "0", "0"},
                                              {"northwind.com", "1", "1", "0"},
                                              {"northwindtraders.onmicrosoft.com", "1", "0", "1"}});
    CHECK(test::scalar_int(d, "SELECT count(*) FROM cloud_object") == 0);
}

TEST_CASE("dumps read before value shapes and duplicate keys existed give the same predictions",
          "[cli][preflight]") {
    // A database upgraded to schema 16 holds its earlier objects as shape 0 (never screened) and
    // no duplicate keys for its dumps: every screen keeps shape 0, and the next `csx ingest`
    // (with no files: the documented upgrade) derives the keys.
    test::temp_dir t;
    const std::string db = t.file("db.sqlite");
    REQUIRE(
        test::run_csx("ingest -q --db " + db + " corpus/preflight/northwind", test::source_path(""))
            .exit_code == 0);
    const std::string triage = "triage --db " + db + " --preflight-only --format csv";
    const auto before = test::run_csx(triage);
    REQUIRE(before.exit_code == 0);
    REQUIRE(count_of(before.out, "preflight-duplicate-address,") > 0);
    {
        auto d = store::db::open(db, store::open_mode::read_write);
        d.exec("UPDATE cs_object_value SET shape_id = 0");
        d.exec("DELETE FROM duplicate_key");
        d.exec("DELETE FROM preflight_derived");
    }
    // Without the keys the duplicates are not found: the derived table is what the rule reads.
    CHECK(count_of(test::run_csx(triage).out, "preflight-duplicate-address,") == 0);
    REQUIRE(test::run_csx("ingest -q --db " + db).exit_code == 0);
    const auto after = test::run_csx(triage);
    REQUIRE(after.exit_code == 0);
    CHECK(after.out == before.out);
}
