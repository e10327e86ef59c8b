#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace csx;
using test::rows;
using test::scalar_int;
using test::scalar_text;

TEST_CASE("connector configuration: identity, account, partitions, parameters",
          "[ingest][config]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(d, {test::source_path("corpus/demo/contoso/config-export")});
    REQUIRE(s.files.size() == 2);  // the AD connector and the Entra connector
    for (const auto& f : s.files)
        CHECK(f.tenant == "config-export");  // a configuration export folder is one tenant
    CHECK(rows(d,
               "SELECT ma_id, name, category, kind, coalesce(forest_name, ''), "
               "coalesce(login_user, ''), coalesce(login_domain, ''), coalesce(aad_user_name, '') "
               "FROM connector ORDER BY name") ==
          std::vector<std::vector<std::string>>{
              {"{AE4DB4CC-B16B-4EB2-ACF5-837CA84E4D7D}", "contoso.com", "AD", "ad", "contoso.com",
               "MSOL_0123456789ab", "CONTOSO", ""},
              {"{B891884F-051E-4A83-95AF-2544101C9083}", "contoso.onmicrosoft.com - AAD",
               "Extensible2", "aad", "", "", "",
               "Sync_CON-SYNC01_5e6f7a8b9c0d@contoso.onmicrosoft.com"}});
    CHECK(rows(d, "SELECT name, selected FROM connector_partition ORDER BY name") ==
          std::vector<std::vector<std::string>>{{"DC=contoso,DC=com", "1"}, {"default", "1"}});
    CHECK(scalar_int(d, "SELECT count(*) FROM connector_parameter") == 6);
    CHECK(scalar_text(d,
                      "SELECT coalesce(value, 'NULL') || '|' || encrypted FROM connector_parameter "
                      "WHERE name = 'password'") == "NULL|1");
    CHECK(scalar_text(d,
                      "SELECT coalesce(value, 'NULL') || '|' || encrypted FROM connector_parameter "
                      "WHERE name = 'Password'") == "NULL|1");
}

TEST_CASE("a saved-ma-configuration export is read as the connector configuration inside it",
          "[ingest][config]") {
    // What "Export Management Agent" writes (MIM and Entra Connect alike): <ma-data> inside a
    // wrapper, the metaverse part after it. MV.xml beside it is skipped with what it is.
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(d,
                                {test::source_path("corpus/minimal/saved-ma-configuration-ad.xml"),
                                 test::source_path("corpus/minimal/MV.xml")},
                                {"northwind"});
    REQUIRE(s.files.size() == 2);
    const auto& ma = s.files[0].path.find("MV.xml") == std::string::npos ? s.files[0] : s.files[1];
    const auto& mv = &ma == &s.files[0] ? s.files[1] : s.files[0];
    CHECK(ma.status == ingest::file_status::ingested);
    CHECK(ma.kind == ingest::input_kind::connector_config);
    CHECK(mv.status == ingest::file_status::skipped);
    CHECK(mv.message.find("metaverse configuration") != std::string::npos);
    CHECK(rows(d,
               "SELECT ma_id, name, kind, forest_name, login_user, login_domain, version FROM "
               "connector") ==
          std::vector<std::vector<std::string>>{{"{5C2B7A10-8E3F-4D21-9A6B-0C1D2E3F4A5B}",
                                                 "northwind.example", "ad", "northwind.example",
                                                 "MSOL_4f3e2d1c0b9a", "NORTHWIND", "42"}});
    CHECK(rows(d,
               "SELECT name, selected, is_domain, last_dc, inclusions, exclusions FROM "
               "connector_partition") ==
          std::vector<std::vector<std::string>>{
              {"DC=northwind,DC=example", "1", "1", "NWDC01.northwind.example",
               "[\"OU=Staff,DC=northwind,DC=example\",\"OU=Admins,DC=northwind,DC=example\"]",
               "[\"CN=Users,DC=northwind,DC=example\"]"}});
    // The account reaches the remediation like any configuration's.
    CHECK(scalar_text(d, "SELECT principal FROM v_connector_account") ==
          "NORTHWIND\\MSOL_4f3e2d1c0b9a");
}
