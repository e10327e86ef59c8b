#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace csx;
using test::rows;
using test::scalar_int;
using test::scalar_text;

TEST_CASE("run history: several runs, out-of-order steps, every error list and counter group",
          "[ingest][runhistory]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(d, {test::source_path("corpus/minimal/run-history-two-runs.xml")},
                                {"fabrikam"});
    REQUIRE(s.files.at(0).status == ingest::file_status::ingested);
    CHECK(s.files[0].records == 2);

    CHECK(rows(d,
               "SELECT run_number, run_profile, security_id, ma_id FROM run ORDER BY run_number") ==
          std::vector<std::vector<std::string>>{
              {"101", "Delta Import Delta Sync", "FABRIKAM\\svc-adsync",
               "{CCCCCCCC-0000-4000-8000-000000000004}"},
              {"102", "Export", "FABRIKAM\\svc-adsync", "{CCCCCCCC-0000-4000-8000-000000000004}"}});
    // Step 2 came first in the file; numbers are kept as written.
    CHECK(
        rows(d,
             "SELECT step_number, step_type, coalesce(step_subtype,''), step_result FROM run_step "
             "JOIN run USING (run_id) WHERE run_number = 101 ORDER BY run_step.line") ==
        std::vector<std::vector<std::string>>{
            {"2", "apply-rules", "apply-pending", "completed-sync-errors"},
            {"1", "delta-import", "to-cs", "completed-discovery-errors"}});
    // The documented number= alias.
    CHECK(
        scalar_int(
            d, "SELECT step_number FROM run_step JOIN run USING (run_id) WHERE run_number = 102") ==
        1);
    CHECK(scalar_text(d, "SELECT connection_server FROM run_step WHERE step_type = 'export'") ==
          "dc1.fabrikam.example:389");

    CHECK(
        rows(d,
             "SELECT direction, error_type, coalesce(dn,''), coalesce(cs_guid,''), "
             "coalesce(algorithm_step,'') "
             "FROM sync_error ORDER BY line") ==
        std::vector<std::vector<std::string>>{
            {"import", "extension-dll-exception", "CN=Doe\\, Jane,OU=Sales,DC=fabrikam,DC=example",
             "{11111111-2222-4333-8444-555555555555}", "import-flow"},
            {"retry", "flow-multi-values-to-single-value", "Jane Doe",
             "{BBBBBBBB-0000-4000-8000-000000000002}", "export-flow"},
            {"discovery", "duplicate-anchor", "CN=Dup,OU=Sales,DC=fabrikam,DC=example", "", ""},
            {"export", "permission-issue", "CN=Doe\\, Jane,OU=Sales,DC=fabrikam,DC=example",
             "{11111111-2222-4333-8444-555555555555}", ""}});
    CHECK(scalar_text(d, "SELECT parent_dn FROM sync_error WHERE direction = 'export'") ==
          "OU=Sales,DC=fabrikam,DC=example");
    CHECK(scalar_int(d, "SELECT error_code FROM sync_error WHERE direction = 'export'") == 8344);
    CHECK(scalar_text(d, "SELECT detail_xml FROM sync_error WHERE direction = 'discovery'")
              .find("<anchor") != std::string::npos);

    CHECK(rows(d,
               "SELECT grp, ma, name, value, coalesce(detail,'') FROM step_counter ORDER BY grp, "
               "name") ==
          std::vector<std::vector<std::string>>{
              {"discovery", "", "filtered-objects", "4", ""},
              {"export", "", "export-failure", "1", "1"},
              {"export", "", "export-update", "4", "1"},
              {"outbound-flow", "fabrikam.onmicrosoft.com - AAD", "connector-flow", "5", "1"},
              {"outbound-flow", "fabrikam.onmicrosoft.com - AAD", "provisioned-add-flow", "2", "1"},
              {"staging", "", "stage-add", "1", "1"},
              {"staging", "", "stage-failure", "1", "1"},
              {"staging", "", "stage-no-change", "10", "0"}});
    CHECK(scalar_int(d, "SELECT export_failures FROM v_run_step WHERE step_type = 'export'") == 1);
    CHECK(scalar_int(d, "SELECT exports FROM v_run_step WHERE step_type = 'export'") == 4);
    CHECK(scalar_text(d, "SELECT connector_kind FROM v_run_step LIMIT 1") == "ad");
    CHECK(scalar_text(d, "SELECT description FROM run_step WHERE step_type = 'export'")
              .starts_with("<step-description><step-type type=\"export\">"));
}

TEST_CASE("run history: a single run-details root is accepted", "[ingest][runhistory]") {
    test::temp_dir t;
    const std::string f = t.file("one.xml");
    test::write_file(
        f,
        "<run-details><ma-name>x.example</ma-name><run-number>5</run-number>"
        "<step-details "
        "step-number=\"1\"><step-result>success</step-result></step-details></run-details>");
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(d, {f});
    CHECK(s.files.at(0).status == ingest::file_status::ingested);
    CHECK(s.files[0].tenant == "x.example");
    CHECK(scalar_text(d, "SELECT step_result FROM run_step") == "success");
}
