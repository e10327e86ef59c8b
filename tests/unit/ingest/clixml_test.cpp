#include <catch2/catch.hpp>

#include "ingest/clixml_handler.hpp"
#include "test_support.hpp"

using namespace csx;
using test::rows;
using test::scalar_int;
using test::scalar_text;

TEST_CASE("CLIXML string escapes decode to UTF-8", "[ingest][clixml]") {
    CHECK(ingest::decode_clixml_string("a_x000D__x000A_b") == "a\r\nb");
    CHECK(ingest::decode_clixml_string("_x005F_x0041_") == "_x0041_");
    CHECK(ingest::decode_clixml_string("_xD83D__xDE00_") == "\xf0\x9f\x98\x80");
    CHECK(ingest::decode_clixml_string("_x12_ plain") == "_x12_ plain");
}

TEST_CASE("CLIXML RunStep: steps, counters, and the XML fragments inside", "[ingest][clixml]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(d, {test::source_path("corpus/minimal/today-RunStep.xml")},
                                {"fabrikam"});
    REQUIRE(s.files.at(0).status == ingest::file_status::ingested);
    CHECK(s.files[0].kind == ingest::input_kind::clixml_runstep);
    CHECK(s.files[0].encoding == ingest::text_encoding::utf16le);
    CHECK(s.files[0].records == 2);

    CHECK(scalar_int(d, "SELECT count(*) FROM run") == 2);  // two RunHistoryIds
    CHECK(
        rows(
            d,
            "SELECT step_number, step_type, partition, start_date, step_result, connection_result, "
            "connection_server, coalesce(current_export_counter,''), "
            "coalesce(last_successful_export_counter,'') "
            "FROM run_step ORDER BY line") ==
        std::vector<std::vector<std::string>>{
            {"1", "export", "DC=fabrikam,DC=example", "2026-02-03 04:05:06.789",
             "completed-export-errors", "success", "dc2.fabrikam.example", "3", "2"},
            {"1", "delta-import", "DC=fabrikam,DC=example", "2026-02-03 04:05:06.000",
             "stopped-server-down", "failed-connection", "dc2.fabrikam.example", "", ""}});
    CHECK(scalar_int(d, "SELECT value FROM step_counter WHERE name = 'export-update'") == 12);
    CHECK(scalar_int(d, "SELECT count(*) FROM step_counter WHERE grp = 'inbound-flow'") == 2);
    // SyncErrorsXml: the export error, entity-escaped in CLIXML, with a _x000D__x000A_ line break.
    CHECK(rows(d, "SELECT error_type, error_code, retry_count, dn FROM sync_error") ==
          std::vector<std::vector<std::string>>{
              {"permission-issue", "8344", "2210",
               "CN=Admin\\, Alex,OU=Admins,DC=fabrikam,DC=example"}});
    CHECK(scalar_text(d, "SELECT error_literal FROM sync_error") ==
          "Insufficient access rights to perform the operation.\n(second line)");  // XML normalises
                                                                                   // CRLF
    // ConnectorConnectionInformationXml: the incident with its cd-error.
    CHECK(rows(d,
               "SELECT connection_result, error_code_raw, error_code, error_literal FROM "
               "connection_incident") == std::vector<std::vector<std::string>>{
                                             {"failed-connection", "0x51", "81", "Server Down"}});
}

TEST_CASE("CLIXML RunStep: a broken fragment marks the file partial and keeps the step",
          "[ingest][clixml]") {
    test::temp_dir t;
    const std::string f = t.file("x-RunStep.xml");
    test::write_file(
        f,
        "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\n"
        "<Obj RefId=\"0\"><TN "
        "RefId=\"0\"><T>Microsoft.IdentityManagement.PowerShell.ObjectModel.RunStepResult</T></"
        "TN>\n"
        "<Props><I32 N=\"StepNumber\">1</I32><S N=\"StepResult\">success</S>\n"
        "<S "
        "N=\"SyncErrorsXml\">&lt;synchronization-errors&gt;&lt;export-error&gt;</S></Props></Obj></"
        "Objs>");
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(d, {f}, {"x"});
    CHECK(s.files.at(0).status == ingest::file_status::partial);
    CHECK(s.files[0].message.find("SyncErrorsXml") != std::string::npos);
    CHECK(scalar_text(d, "SELECT step_result FROM run_step") == "success");
    CHECK(scalar_text(d, "SELECT status FROM source_file") == "partial");
}
