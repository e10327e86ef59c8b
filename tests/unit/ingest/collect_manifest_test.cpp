// What `csx collect` bundles hold beyond the kinds csx already read: the manifest.json
// (provenance, what the collection could not do, the connectors and the AD connector account)
// and Get-ADSyncRunProfileResult -RunStepDetails | Export-Clixml (runs with their steps).
#include <catch2/catch.hpp>

#include "report/data_quality.hpp"
#include "test_support.hpp"

using namespace csx;
using test::rows;
using test::scalar_int;
using test::scalar_text;

TEST_CASE("collect manifest: provenance, steps, connectors and the AD connector account",
          "[ingest][collect]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(d, {test::source_path("corpus/minimal/collect-manifest.json")},
                                {"contoso"});
    REQUIRE(s.files.size() == 1);
    CHECK(s.files[0].status == ingest::file_status::ingested);
    CHECK(s.files[0].kind == ingest::input_kind::collect_manifest);
    CHECK(ingest::to_string(s.files[0].kind) == "collect-manifest");
    CHECK(s.files[0].records == 12);
    CHECK(s.files[0].message.find("csx collect 0.1.0 on CONTOSO-SYNC01") != std::string::npos);
    CHECK(rows(d,
               "SELECT format, csx_version, powershell_version, adsync_version, server, "
               "collected_at, json_extract(options, '$.days'), install_bin FROM collect_run") ==
          std::vector<std::vector<std::string>>{
              {"1", "0.1.0", "5.1.17763.6414", "2.4.18.0", "CONTOSO-SYNC01",
               "2026-06-16 09:45:12.345", "7", "C:\\Program Files\\Microsoft Azure AD Sync\\Bin"}});
    CHECK(scalar_int(d, "SELECT count(*) FROM collect_item") == 12);
    CHECK(rows(d, "SELECT path, status FROM collect_item WHERE status <> 'ok' ORDER BY ord") ==
          std::vector<std::vector<std::string>>{{"config", "failed"},
                                                {"evidence/object-002.xml", "failed"},
                                                {"evidence/dsacls-object-002.txt", "skipped"}});
    CHECK(scalar_text(d, "SELECT command FROM collect_item WHERE path LIKE 'csexport/01-%'") ==
          "csexport.exe \"contoso.com\" \"csexport/01-contoso.com-errors.xml\" /f:e");

    // Get-ADSyncConnector's list: names, kinds, ids as configurations write them, the account.
    CHECK(rows(d,
               "SELECT name, kind, ma_id, coalesce(login_user, ''), coalesce(login_domain, '') "
               "FROM v_connector ORDER BY name") ==
          std::vector<std::vector<std::string>>{
              {"contoso.com", "ad", "{AE4DB4CC-B16B-4EB2-ACF5-837CA84E4D7D}", "MSOL_0123456789ab",
               "CONTOSO"},
              {"contoso.onmicrosoft.com - AAD", "aad", "{B891884F-051E-4A83-95AF-2544101C9083}", "",
               ""}});
    CHECK(rows(d, "SELECT principal, principal_source FROM v_connector_account") ==
          std::vector<std::vector<std::string>>{
              {"CONTOSO\\MSOL_0123456789ab",
               "forest-login-user / forest-login-domain of Get-ADSyncConnector in the csx collect "
               "manifest"}});
    CHECK(scalar_text(d, "SELECT name FROM connector_partition") == "DC=contoso,DC=com");

    // The data read: a manifest alone is no data, and what the collection could not read is
    // listed as such.
    const auto q = report::read_data_quality(d, "contoso");
    REQUIRE(q.size() == 1);
    CHECK(q[0].state == report::data_state::no_usable_data);
    std::vector<std::string> lost;
    for (const auto& p : q[0].problems)
        if (p.status == "not-collected") lost.push_back(report::problem_summary(p));
    REQUIRE(lost.size() == 3);
    CHECK(lost[0].find("collect-manifest.json") == std::string::npos);
    CHECK(
        lost[0].ends_with("/config: collection could not read server configuration: Access to "
                          "the path 'C:\\Windows\\TEMP\\csx-collect-CONTOSO-SYNC01-20260616-"
                          "094500\\files\\config' is denied. (Get-ADSyncServerConfiguration "
                          "-Path \"config\")"));
    CHECK(lost[2].find("(skipped): the DN holds a double quote") != std::string::npos);
    CHECK(report::state_summary(q[0]).find("3 not collected") != std::string::npos);
}

TEST_CASE("collect manifest: the configuration export wins over the connector list",
          "[ingest][collect]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    // One ingest holding both: the configuration has partitions, filters and rules.
    test::ingest_paths(d,
                       {test::source_path("corpus/minimal/collect-manifest.json"),
                        test::source_path("corpus/demo/contoso/config-export")},
                       {"contoso"});
    CHECK(rows(d,
               "SELECT c.name, f.kind FROM v_connector_config AS c JOIN source_file AS f "
               "USING (file_id) ORDER BY c.name") ==
          std::vector<std::vector<std::string>>{
              {"contoso.com", "connector-config"},
              {"contoso.onmicrosoft.com - AAD", "connector-config"}});
    const auto q = report::read_data_quality(d, "contoso");
    REQUIRE(q.size() == 1);
    for (const auto& c : q[0].connectors)
        CHECK(c.evidence == std::vector<std::string>{"configuration"});
}

TEST_CASE("collect manifest: a cut or foreign manifest is damage, not a crash",
          "[ingest][collect]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    std::string text = test::read_file(test::source_path("corpus/minimal/collect-manifest.json"));
    test::write_file(t.file("cut.json"), text.substr(0, text.size() / 2));
    test::write_file(t.file("other.json"), "{\"csx_collect\": \"yes\", \"items\": []}");
    // Members of the wrong JSON type are passed over, never a failed statement.
    test::write_file(t.file("odd.json"),
                     "{\"csx_collect\": 1, \"options\": \"x\", \"items\": \"x\", "
                     "\"connectors\": [\"x\", {\"name\": 5, \"partitions\": \"DC=x\"}], "
                     "\"server\": {\"a\": 1}, \"collected_utc\": 7}");
    auto odd = test::ingest_paths(d, {t.file("odd.json")}, {"contoso"});
    REQUIRE(odd.files.size() == 1);
    CHECK(odd.files[0].status == ingest::file_status::ingested);
    CHECK(scalar_text(d, "SELECT name FROM connector") == "5");
    auto s = test::ingest_paths(d, {t.file("cut.json"), t.file("other.json")}, {"contoso"});
    REQUIRE(s.files.size() == 2);
    for (const auto& f : s.files) {
        CAPTURE(f.path, f.message);
        CHECK(f.kind == ingest::input_kind::collect_manifest);
        CHECK(f.status == ingest::file_status::partial);
        CHECK(f.records == 0);
    }
    CHECK(s.files[0].message.find("not well-formed JSON") != std::string::npos);
    CHECK(s.files[1].message.find("no integer csx_collect") != std::string::npos);
    CHECK(scalar_int(d, "SELECT count(*) FROM collect_run") == 1);  // odd.json's
}

TEST_CASE("Get-ADSyncRunProfileResult CLIXML: runs with their connector and steps",
          "[ingest][clixml][collect]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(
        d, {test::source_path("corpus/minimal/run-profile-results.clixml.xml")}, {"contoso"});
    REQUIRE(s.files.size() == 1);
    CHECK(s.files[0].status == ingest::file_status::ingested);
    CHECK(s.files[0].kind == ingest::input_kind::clixml_runstep);
    CHECK(s.files[0].encoding == ingest::text_encoding::utf16le);
    CHECK(s.files[0].records == 4);  // four RunProfileResults; their steps are inside them
    CHECK(rows(d,
               "SELECT ma_id, ma_name, run_number, run_profile, security_id, run_history_id "
               "FROM run ORDER BY CAST(run_number AS TEXT)") ==
          std::vector<std::vector<std::string>>{
              {"{AE4DB4CC-B16B-4EB2-ACF5-837CA84E4D7D}", "contoso.com", "48207", "Export",
               "NT SERVICE\\ADSync", "00000000-0000-4000-8000-000000000003"},
              {"{AE4DB4CC-B16B-4EB2-ACF5-837CA84E4D7D}", "contoso.com", "48208", "Export",
               "NT SERVICE\\ADSync", "00000000-0000-4000-8000-000000000002"},
              {"{AE4DB4CC-B16B-4EB2-ACF5-837CA84E4D7D}", "contoso.com", "48209", "Export",
               "NT SERVICE\\ADSync", "00000000-0000-4000-8000-000000000001"},
              {"{B891884F-051E-4A83-95AF-2544101C9083}", "contoso.onmicrosoft.com - AAD", "9001",
               "Delta Import", "NT SERVICE\\ADSync", "00000000-0000-4000-8000-000000000009"}});
    CHECK(rows(d,
               "SELECT ma_name, connector_kind, step_type, partition, start_date, step_result, "
               "exports, export_failures, error_count FROM v_run_step ORDER BY run_number") ==
          std::vector<std::vector<std::string>>{
              {"contoso.com", "ad", "export", "DC=contoso,DC=com", "2026-06-16 03:31:12.120",
               "completed-export-errors", "3", "1", "1"},
              {"contoso.com", "ad", "export", "DC=contoso,DC=com", "2026-06-16 04:31:12.120",
               "completed-export-errors", "3", "1", "1"},
              {"contoso.com", "ad", "export", "DC=contoso,DC=com", "2026-06-16 05:31:12.120",
               "completed-export-errors", "3", "1", "1"}});
    CHECK(rows(d, "SELECT DISTINCT error_type, error_code, dn FROM sync_error") ==
          std::vector<std::vector<std::string>>{
              {"permission-issue", "8344", "CN=Dana Admin,OU=IT,DC=contoso,DC=com"}});
}
