// Data quality in every answer (issue 14, item 3): triage in its four formats, fleet, diff and
// the report state per tenant what was read, what was lost and what was never there; a tenant
// whose files gave nothing says so, with its own state and exit code, instead of "0 findings".
//
// The fleet layout built here: dumps/<tenant>/ with
//   contoso                                the demo tenant, whole
//   damaged-only                           one csexport cut before its first object
//   only-notes                             a text note and a binary file, nothing csx reads
//   a-tenant-name-well-over-24-characters  the demo tenant plus a cut Graph export and a note
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "report/data_quality.hpp"
#include "store/db.hpp"
#include "store/statement.hpp"
#include "test_support.hpp"

using namespace csx;
using test::jq;
namespace fs = std::filesystem;

namespace {

constexpr const char* kLong = "a-tenant-name-well-over-24-characters";

bool has(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

struct fleet_layout {
    test::temp_dir dir;
    fs::path dumps = dir.path() / "dumps";
    fleet_layout() {
        const auto copy_demo = [&](const std::string& tenant) {
            fs::create_directories(dumps / tenant);
            fs::copy(test::source_path("corpus/demo/contoso"), dumps / tenant,
                     fs::copy_options::recursive);
        };
        copy_demo("contoso");
        copy_demo(kLong);
        fs::copy_file(test::source_path("corpus/hostile/truncated-graph.json"),
                      dumps / kLong / "graph-cut.json");
        test::write_file((dumps / kLong / "notes.txt").string(), "ask for the run history\n");
        fs::create_directories(dumps / "damaged-only");
        fs::copy_file(test::source_path("corpus/hostile/truncated-csexport.xml"),
                      dumps / "damaged-only" / "csexport-ad.xml");
        fs::create_directories(dumps / "only-notes");
        test::write_file((dumps / "only-notes" / "notes.txt").string(),
                         "remember to ask for the csexport\n");
        fs::copy_file(test::source_path("corpus/hostile/binary-garbage.bin"),
                      dumps / "only-notes" / "screenshot.bin");
    }
    test::run_result csx(const std::string& args) {
        return test::run_csx(args, dir.path().string());
    }
};

}  // namespace

TEST_CASE("data quality: a tenant whose only file is damaged has no usable data, not 0 findings",
          "[data-quality]") {
    fleet_layout f;
    auto text = f.csx("triage --tenant damaged-only dumps");
    CHECK(text.exit_code == 3);  // one-shot: the ingest found a damaged file
    CHECK(has(text.out, "csx triage: damaged-only - NO USABLE DATA"));
    CHECK_FALSE(has(text.out, "0 finding(s)"));
    CHECK(has(text.out, "csexport-ad.xml:33:79: damaged: the file ends inside <value>"));
    CHECK(has(text.out, "(kept the 0 records before the damage)"));
    CHECK(has(text.out, "absent:     csexport of an AD connector"));

    auto json = f.csx("triage --tenant damaged-only --format json dumps");
    CHECK(jq(json.out, "$.summary.findings") == "0");
    CHECK(jq(json.out, "$.summary.data_state") == "no-usable-data");
    CHECK(jq(json.out, "$.data.state") == "no-usable-data");
    CHECK(jq(json.out, "$.data.tenants[0].tenant") == "damaged-only");
    CHECK(jq(json.out, "$.data.tenants[0].problems[0].status") == "partial");
    CHECK(jq(json.out, "$.data.tenants[0].problems[0].line") == "33");
    CHECK(jq(json.out, "$.data.tenants[0].problems[0].records_kept") == "0");
    CHECK(jq(json.out, "$.data.tenants[1]") == "<null>");

    // CSV: no finding rows, but a row that says why.
    auto csv = f.csx("triage --tenant damaged-only --format csv dumps");
    const auto eol = csv.out.find("\r\n");
    REQUIRE(eol != std::string::npos);
    CHECK(has(csv.out.substr(0, eol), ",rollback,data_state"));
    const std::string row = csv.out.substr(eol + 2);
    CHECK(row.rfind(",,,damaged-only,", 0) == 0);
    CHECK(has(row, "csexport-ad.xml,33,"));
    CHECK(has(row, ",no-usable-data,"));
    CHECK(row.find("\r\n") == row.size() - 2);  // that one row only

    auto md = f.csx("triage --tenant damaged-only --format md dumps");
    CHECK(has(md.out, "**No usable data**"));
    CHECK(has(md.out, "## Data read"));

    // A fix script that fixes nothing says why, not only "nothing to fix".
    auto fix = f.csx("fix --tenant damaged-only dumps");
    CHECK(has(fix.out, "REM Data read for damaged-only: NO USABLE DATA"));
    CHECK(has(fix.out, "REM   dumps/damaged-only/csexport-ad.xml:33:79: damaged:"));
    CHECK_FALSE(has(f.csx("fix --tenant contoso dumps").out, "Data read for"));

    // --fail-on: no finding reached the threshold, and nothing was looked at -> 8.
    CHECK(f.csx("triage --tenant damaged-only --fail-on high dumps").exit_code == 8);
    // contoso alone is complete: the one-shot ingest's damage (3, another tenant's file) stands.
    CHECK(f.csx("triage --tenant contoso --fail-on critical dumps").exit_code == 3);
    // A finding at the threshold still says 1, whatever else is in the data.
    CHECK(f.csx("triage --fail-on high dumps").exit_code == 1);
    CHECK(f.csx("triage --fail-on critical dumps").exit_code == 8);
}

TEST_CASE("data quality: skipped files are listed with their reason, and alone are no data",
          "[data-quality]") {
    fleet_layout f;
    auto text = f.csx("triage --tenant only-notes dumps");
    INFO(text.out);
    CHECK(has(text.out, "only-notes - NO USABLE DATA"));
    CHECK(has(text.out, "not read:   dumps/only-notes/notes.txt: text that is no csx input kind"));
    CHECK(has(text.out, "screenshot.bin: a binary file"));

    // Beside usable data, a skipped note does not lower the state, a cut file does.
    auto json = f.csx("triage --format json --tenant " + std::string(kLong) + " dumps");
    CHECK(jq(json.out, "$.data.tenants[0].state") == "partial");
    CHECK(jq(json.out, "$.data.tenants[0].problems[0].status") == "partial");
    CHECK(jq(json.out, "$.data.tenants[0].problems[0].records_kept") == "1");
    CHECK(jq(json.out, "$.data.tenants[0].problems[1].status") == "skipped");
    auto contoso = f.csx("triage --format json --tenant contoso dumps");
    CHECK(jq(contoso.out, "$.data.tenants[0].state") == "complete");
    CHECK(jq(contoso.out, "$.data.tenants[0].problems[0]") == "<null>");
}

TEST_CASE("data quality: coverage names the connectors, their evidence, and what is absent",
          "[data-quality]") {
    fleet_layout f;
    auto json = f.csx("triage --format json --tenant contoso dumps");
    const std::string t = "$.data.tenants[0]";
    CHECK(jq(json.out, t + ".connectors[0].name") == "contoso.com");
    CHECK(jq(json.out, t + ".connectors[0].kind") == "AD");
    CHECK(jq(json.out, t + ".connectors[0].evidence") ==
          R"(["configuration","csexport","run history"])");
    CHECK(jq(json.out, t + ".connectors[1].kind") == "Entra ID");
    CHECK(jq(json.out, t + ".kinds.\"run history\"") == "1");
    CHECK(jq(json.out, t + ".absent") == R"x(["AD permissions (dsacls)"])x");

    // In the library: the same model the outputs print.
    auto d = test::fresh_db(f.dir.file("c.sqlite"));
    test::ingest_paths(d, {(f.dumps / "contoso").string()});
    const auto q = report::read_data_quality(d, "");
    REQUIRE(q.size() == 1);
    CHECK(q[0].state == report::data_state::complete);
    CHECK(q[0].files == 7);
    CHECK(report::kinds_summary(q[0]).rfind("1 csexport of an AD connector, ", 0) == 0);
}

TEST_CASE("data quality: a skipped path read later is no longer listed", "[data-quality]") {
    test::temp_dir dir;
    fs::create_directories(dir.path() / "t1");
    const std::string file = (dir.path() / "t1" / "graph.json").string();
    test::write_file(file, "{\"note\": \"not a Graph export\"}");
    auto d = test::fresh_db(dir.file("p.sqlite"));
    test::ingest_paths(d, {(dir.path() / "t1").string()});
    CHECK(test::scalar_int(d, "SELECT count(*) FROM input_problem") == 1);
    CHECK(report::read_data_quality(d, "t1").at(0).state == report::data_state::no_usable_data);
    test::write_file(
        file,
        test::read_file(test::source_path("corpus/demo/contoso/graph-provisioning-errors.json")));
    test::ingest_paths(d, {(dir.path() / "t1").string()});
    CHECK(test::scalar_int(d, "SELECT count(*) FROM input_problem") == 0);
    const auto q = report::read_data_quality(d, "t1");
    CHECK(q.at(0).state == report::data_state::complete);
    CHECK(q.at(0).problems.empty());
}

TEST_CASE("data quality in fleet, diff and report, fleet columns fit their content",
          "[data-quality][fleet]") {
    fleet_layout f;
    REQUIRE(f.csx("ingest -q --db f.sqlite dumps").exit_code == 3);

    auto text = f.csx("fleet --db f.sqlite");
    INFO(text.out);
    REQUIRE(text.exit_code == 0);
    std::vector<std::string> lines;
    {
        std::istringstream in(text.out);
        for (std::string l; std::getline(in, l);)
            lines.push_back(l);
    }
    REQUIRE(lines.size() >= 7);
    CHECK(lines[0] == "csx fleet: 4 tenant(s)");
    const std::string& head = lines[2];
    REQUIRE(head.rfind("TENANT ", 0) == 0);
    // Every column starts where its header does, whatever the tenant name's length.
    const auto data_col = head.find("DATA");
    const auto worst_col = head.find("WORST");
    CHECK(data_col == std::string(kLong).size() + 1);
    for (std::size_t i = 3; i < 7; ++i) {
        CHECK(lines[i].size() > worst_col);
        CHECK(lines[i][data_col - 1] == ' ');
        CHECK(lines[i][data_col] != ' ');
        CHECK(lines[i][worst_col - 1] == ' ');
        CHECK(lines[i][worst_col] != ' ');
    }
    // No usable data first (alphabetical among them), then the usual order.
    CHECK(lines[3].rfind("damaged-only ", 0) == 0);
    CHECK(has(lines[3], " no-usable-data NO DATA "));
    CHECK(lines[4].rfind("only-notes ", 0) == 0);
    CHECK(has(text.out, "no usable data (take these files again):"));
    CHECK(
        has(text.out, "  only-notes: dumps/only-notes/notes.txt: text that is no csx input kind"));
    CHECK(has(text.out, " partial "));

    auto json = f.csx("fleet --db f.sqlite --format json");
    CHECK(jq(json.out, "$.tenants[0].tenant") == "damaged-only");
    CHECK(jq(json.out, "$.tenants[0].data_state") == "no-usable-data");
    CHECK(jq(json.out, "$.tenants[1].tenant") == "only-notes");
    CHECK(jq(json.out, "$.tenants[1].last_ingest") == "<null>");
    CHECK(jq(json.out, "$.tenants[1].data.problems[1].status") == "skipped");
    auto csv = f.csx("fleet --db f.sqlite --format csv");
    CHECK(has(csv.out, "\r\ndamaged-only,no-usable-data,0,"));
    CHECK(has(csv.out, ",data_state,data_problems,will_fail\r\n"));
    auto md = f.csx("fleet --db f.sqlite --format md");
    CHECK(has(md.out, "| damaged-only | no-usable-data | **NO DATA** |"));

    auto diff = f.csx("diff --db f.sqlite --tenant " + std::string(kLong));
    CHECK(
        has(diff.out, "data read: partial: 8 files read, 10 records kept, 1 damaged, 1 skipped\n"));
    CHECK(has(diff.out, "  lost: dumps/" + std::string(kLong) + "/graph-cut.json:4:91: damaged:"));
    auto diff_json = f.csx("diff --db f.sqlite --format json --tenant damaged-only");
    CHECK(jq(diff_json.out, "$.data.state") == "no-usable-data");

    auto report = f.csx("report --db f.sqlite --tenant damaged-only");
    CHECK(has(report.out, "**No usable data: not one file gave a record"));
    CHECK(has(report.out, "## Data read"));
    auto partial = f.csx("report --db f.sqlite --tenant " + std::string(kLong));
    CHECK(has(partial.out, "- Lost: dumps/" + std::string(kLong) + "/graph-cut.json:4:91"));
    CHECK(has(partial.out, "- Not read: dumps/" + std::string(kLong) + "/notes.txt"));
}

TEST_CASE("data quality: an archive damaged before its first member is read is listed as lost",
          "[data-quality][archive]") {
    test::temp_dir dir;
    fs::create_directories(dir.path() / "dumps" / "t");
    const std::string zip = test::read_file(test::source_path("corpus/archives/bundle-nested.zip"));
    test::write_file((dir.path() / "dumps" / "t" / "cut.zip").string(), zip.substr(0, 1500));
    auto r = test::run_csx("triage --format json dumps", dir.path().string());
    CHECK(r.exit_code == 3);
    CHECK(jq(r.out, "$.data.tenants[0].tenant") == "t");
    CHECK(jq(r.out, "$.data.tenants[0].state") == "no-usable-data");
    CHECK(jq(r.out, "$.data.tenants[0].problems[0].status") == "damaged");
    CHECK(jq(r.out, "$.data.tenants[0].problems[0].file") ==
          "dumps/t/cut.zip!/fabrikam/csexport-every-element.xml");
}

TEST_CASE("data quality: what was said of an archive as a whole goes when it is read again",
          "[data-quality][archive]") {
    test::temp_dir dir;
    fs::create_directories(dir.path() / "t");
    const std::string path = (dir.path() / "t" / "bundle.zip").string();
    // First an empty zip (only its end-of-central-directory record), as a failed copy leaves.
    test::write_file(path, std::string("PK\x05\x06", 4) + std::string(18, '\0'));
    auto d = test::fresh_db(dir.file("a.sqlite"));
    test::ingest_paths(d, {(dir.path() / "t").string()});
    const std::string about_zip =
        "SELECT count(*) FROM input_problem WHERE path = " + test::shell_quote(path);
    CHECK(test::scalar_int(d, about_zip) == 1);
    // Then the whole bundle, at the same path.
    test::write_file(path, test::read_file(test::source_path("corpus/archives/bundle-nested.zip")));
    test::ingest_paths(d, {(dir.path() / "t").string()});
    CHECK(test::scalar_int(d, about_zip) == 0);
    // A folder holding only an archive is the archive's tenant (README "Tenants").
    const auto q = report::read_data_quality(d, "");
    REQUIRE(q.size() == 1);
    CHECK(q[0].tenant == "bundle");
    CHECK(q[0].state != report::data_state::no_usable_data);
}
