// The real public files in ../shared/real (see its README): three FIM run histories in UTF-16
// (PoShMon, MIT) and Microsoft's Contoso configuration export (AADConnectConfigDocumenter, MIT).
#include <catch2/catch.hpp>

#include "text/text_decoder.hpp"
#include "test_support.hpp"

using namespace csx;
using test::rows;
using test::scalar_int;
using test::scalar_text;

TEST_CASE("real run histories and Contoso configuration ingest with the values their README names",
          "[ingest][real]") {
    if (!test::shared_available())
        return test::skip("../shared/real is not next to the checkout: real files not read");
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(
        d, {test::shared_path("real/poshmon"), test::shared_path("real/aadconnect-config-contoso")},
        {"real"});
    int ingested = 0;
    for (const auto& f : s.files) {
        CAPTURE(f.path, f.message);
        if (f.path.ends_with("MV.xml")) {
            CHECK(f.status == ingest::file_status::skipped);
            CHECK(f.message.rfind("the metaverse configuration (MV.xml", 0) == 0);
        } else {
            CHECK(f.status == ingest::file_status::ingested);
            ++ingested;
        }
    }
    CHECK(ingested == 5);
    CHECK(scalar_int(d,
                     "SELECT count(*) FROM source_file WHERE kind = 'run-history' AND encoding = "
                     "'utf-16le'") == 3);

    // run-history-01: stopped-connectivity, failed-search, cd-error 8453; step 2 listed before
    // step 1.
    CHECK(
        rows(d,
             "SELECT ma_id, ma_name, run_profile, security_id FROM run WHERE run_number = 1879") ==
        std::vector<std::vector<std::string>>{{"{85098734-66BC-4938-8122-C5F585F463D0}",
                                               "MOSSAD-company", "DS_DELTAIMPORT",
                                               "domain\\serviceacc"}});
    CHECK(rows(d,
               "SELECT s.step_number, s.step_result, coalesce(s.connection_result,''), s.partition "
               "FROM run_step s "
               "JOIN run r USING (run_id) WHERE r.run_number = 1879 ORDER BY s.line") ==
          std::vector<std::vector<std::string>>{
              {"2", "stopped-connectivity", "failed-search", "DC=ab,DC=company,DC=com"},
              {"1", "success", "success", "DC=za,DC=company,DC=com"}});
    CHECK(rows(d,
               "SELECT error_code, error_literal, server_error_detail FROM connection_incident "
               "WHERE error_code IS NOT NULL") ==
          std::vector<std::vector<std::string>>{
              {"8453", "Replication access was denied.",
               "00002105: LdapErr: DSID-adcv, comment: Error processing control, data 0, v1db1"}});
    CHECK(
        scalar_text(
            d,
            "SELECT connection_server FROM run_step WHERE step_result = 'stopped-connectivity'") ==
        "DC01.ab.company.com:389");
    CHECK(rows(d,
               "SELECT name, value FROM step_counter c JOIN run_step s USING (step_id) JOIN run r "
               "USING (run_id) "
               "WHERE r.run_number = 1879 AND s.step_number = 1 AND c.name IN "
               "('stage-add','stage-update','stage-rename') "
               "ORDER BY name") == std::vector<std::vector<std::string>>{{"stage-add", "3"},
                                                                         {"stage-rename", "2"},
                                                                         {"stage-update", "27"}});

    // run-history-02: two apply-rules steps, success; outbound-flow counters for MOSS-UserProfile.
    CHECK(rows(d,
               "SELECT step_type, step_result FROM run_step JOIN run USING (run_id) WHERE "
               "run_number = 1882 ORDER BY run_step.line") ==
          std::vector<std::vector<std::string>>{{"apply-rules", "success"},
                                                {"apply-rules", "success"}});
    CHECK(scalar_int(d,
                     "SELECT sum(value) FROM step_counter WHERE grp = 'outbound-flow' AND ma = "
                     "'MOSS-UserProfile' "
                     "AND name = 'provisioned-add-flow'") == 3);
    CHECK(scalar_int(d,
                     "SELECT sum(value) FROM step_counter WHERE grp = 'outbound-flow' AND ma = "
                     "'MOSS-UserProfile' "
                     "AND name = 'connector-flow'") == 23);

    // run-history-03: the ma-extension-error export error.
    CHECK(rows(d,
               "SELECT e.error_type, e.error_code_raw, e.error_code, e.retry_count, "
               "e.first_occurred, e.cs_guid, e.dn "
               "FROM sync_error e JOIN run_step s USING (step_id) JOIN run r USING (run_id) WHERE "
               "r.run_number = 2590") ==
          std::vector<std::vector<std::string>>{{"ma-extension-error", "0x80230703", "2149779203",
                                                 "77", "2016-09-26 12:02:16.987",
                                                 "{12345678-DF83-E611-8CE8-00505689546C}",
                                                 "MVID=67d2da90-0c2a-e411-a2e8-0050568e45d6"}});
    CHECK(scalar_text(
              d, "SELECT error_literal FROM sync_error WHERE error_type = 'ma-extension-error'")
              .find("Invalid URL") != std::string::npos);
    // ... and as the file writes it: its lines (the first one also holds the list's start tag),
    // decoded from UTF-16, entities and hard-wrapped lines as written.
    {
        std::string decoded;
        text::text_decoder dec(text::encoding::utf16le);
        REQUIRE(dec.decode(test::read_file(test::shared_path(
                               "real/poshmon/run-history-03-completed-export-errors.xml")),
                           decoded));
        const auto r = rows(d,
                            "SELECT line, source_line, source_text, source_cut IS NULL FROM "
                            "sync_error WHERE error_type = 'ma-extension-error'");
        REQUIRE(r.size() == 1);
        const std::int64_t first = std::stoll(r[0][1]);
        std::size_t begin = 0;
        for (std::int64_t l = 1; l < first; ++l)
            begin = decoded.find('\n', begin) + 1;
        const std::string& text = r[0][2];
        CHECK(r[0][0] == r[0][1]);
        CHECK(r[0][3] == "1");
        CHECK(decoded.compare(begin, text.size(), text) == 0);
        CHECK(decoded[begin + text.size()] == '\n');
        CHECK(text.find("<synchronization-errors><export-error cs-guid=") != std::string::npos);
        CHECK(text.ends_with("</export-error>"));
        CHECK(text.find("&lt;") != std::string::npos);
    }
    CHECK(rows(d,
               "SELECT name, value FROM step_counter c JOIN run_step USING (step_id) JOIN run r "
               "USING (run_id) "
               "WHERE r.run_number = 2590 AND c.name IN "
               "('export-add','export-update','export-failure') ORDER BY name") ==
          std::vector<std::vector<std::string>>{
              {"export-add", "3"}, {"export-failure", "1"}, {"export-update", "23"}});

    // Contoso configuration: the AD connector account and the Entra connector's UserName.
    CHECK(rows(d,
               "SELECT ma_id, name, category, kind, forest_name, login_user, login_domain, version "
               "FROM connector "
               "WHERE kind = 'ad'") ==
          std::vector<std::vector<std::string>>{{"{AE4DB4CC-B16B-4EB2-ACF5-837CA84E4D7D}",
                                                 "contoso.com", "AD", "ad", "contoso.com",
                                                 "MSOL_d1edb676ca03", "contoso.com", "682"}});
    CHECK(scalar_text(d, "SELECT creation_time FROM connector WHERE kind = 'ad'") ==
          "2016-04-26 11:40:09.106");
    CHECK(
        rows(d, "SELECT ma_id, name, category, aad_user_name FROM connector WHERE kind = 'aad'") ==
        std::vector<std::vector<std::string>>{
            {"{B891884F-051E-4A83-95AF-2544101C9083}", "contoso.onmicrosoft.com - AAD",
             "Extensible2", "Sync_CONTOSO-SYNC01_e3c03195e061@contoso.onmicrosoft.com"}});
    CHECK(rows(d,
               "SELECT p.name, p.selected, p.is_domain, p.inclusions FROM connector_partition p "
               "JOIN connector c "
               "USING (connector_row) WHERE c.kind = 'ad'") ==
          std::vector<std::vector<std::string>>{
              {"DC=contoso,DC=com", "1", "1", "[\"OU=CORP,DC=contoso,DC=com\"]"}});
    CHECK(scalar_int(d,
                     "SELECT count(*) FROM connector_parameter WHERE name = 'Password' AND value "
                     "IS NULL AND encrypted = 1") == 1);
}
