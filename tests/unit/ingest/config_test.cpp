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
