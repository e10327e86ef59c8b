// The csx binary end to end: exit codes, messages, the database a new user gets.
#include <catch2/catch.hpp>

#include "store/db.hpp"
#include "test_support.hpp"

using namespace csx;
using test::run_csx;
using test::shell_quote;

TEST_CASE("csx ingest of the bundled corpus demo populates a database", "[cli]") {
    test::temp_dir t;
    const std::string db = t.file("csx.sqlite");
    auto r = run_csx("ingest --db " + shell_quote(db) + " " +
                     shell_quote(test::source_path("corpus/demo")));
    CAPTURE(r.out, r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("16 ingested, 0 partial") != std::string::npos);
    auto d = store::db::open(db, store::open_mode::read_only);
    CHECK(test::scalar_int(d, "SELECT count(*) FROM v_export_error") == 20);
    CHECK(test::scalar_text(
              d,
              "SELECT group_concat(DISTINCT tenant) FROM (SELECT tenant FROM v_file ORDER BY 1)") ==
          "contoso,fabrikam");

    // Second time: nothing changes, and it says so.
    auto again = run_csx("ingest --db " + shell_quote(db) + " " +
                         shell_quote(test::source_path("corpus/demo")));
    CHECK(again.exit_code == 0);
    CHECK(again.out.find("16 unchanged") != std::string::npos);
}

TEST_CASE("csx ingest exit codes say what went wrong", "[cli]") {
    test::temp_dir t;
    const std::string db = shell_quote(t.file("csx.sqlite"));
    auto damaged =
        run_csx("ingest --db " + db + " " + shell_quote(test::source_path("corpus/hostile")));
    CHECK(damaged.exit_code == 3);
    CHECK(damaged.err.find("malformed-csexport.xml:7:") != std::string::npos);
    // A zip is read in place: its member is ingested under the archive's name.
    CHECK(damaged.out.find("dumps-zipped-by-hand.zip!/csexport.xml") != std::string::npos);

    auto missing = run_csx("ingest --db " + db + " " + shell_quote(t.file("no-such-dump.xml")));
    CHECK(missing.exit_code == 4);
    CHECK(missing.err.find("no such file or folder") != std::string::npos);

    CHECK(run_csx("ingest --no-such-option").exit_code == 2);
    CHECK(run_csx("no-such-command").exit_code == 2);
    CHECK(run_csx("").exit_code == 2);
    auto dberr = run_csx("ingest --db " + shell_quote(t.file("missing-dir/x.sqlite")) + " " +
                         shell_quote(test::source_path("corpus/demo")));
    CHECK(dberr.exit_code == 5);
    CHECK(dberr.err.find("database") != std::string::npos);
}

TEST_CASE("csx ingest --quiet prints nothing for clean files and no progress when not a terminal",
          "[cli]") {
    test::temp_dir t;
    auto r = run_csx("ingest -q --db " + shell_quote(t.file("csx.sqlite")) + " " +
                     shell_quote(test::source_path("corpus/demo")));
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(r.err.empty());
    auto loud = run_csx("ingest --db " + shell_quote(t.file("csx2.sqlite")) + " " +
                        shell_quote(test::source_path("corpus/demo")));
    CHECK(loud.err.find("MB/s") == std::string::npos);  // stderr is a file here
}

TEST_CASE("csx --help and --version", "[cli]") {
    CHECK(run_csx("--help").out.find("ingest") != std::string::npos);
    CHECK(run_csx("ingest --help").out.find("--tenant") != std::string::npos);
    CHECK(run_csx("--version").out.starts_with("csx "));
}
