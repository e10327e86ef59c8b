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
    REQUIRE(s.files.size() == 1);
    CHECK(s.files[0].tenant == "config-export");  // a configuration export folder is one tenant
    CHECK(rows(d,
               "SELECT ma_id, name, category, kind, forest_name, login_user, login_domain FROM "
               "connector") == std::vector<std::vector<std::string>>{
                                   {"{AE4DB4CC-B16B-4EB2-ACF5-837CA84E4D7D}", "contoso.com", "AD",
                                    "ad", "contoso.com", "MSOL_0123456789ab", "CONTOSO"}});
    CHECK(rows(d, "SELECT name, selected FROM connector_partition") ==
          std::vector<std::vector<std::string>>{{"DC=contoso,DC=com", "1"}});
    CHECK(scalar_int(d, "SELECT count(*) FROM connector_parameter") == 4);
    CHECK(scalar_text(d,
                      "SELECT coalesce(value, 'NULL') || '|' || encrypted FROM connector_parameter "
                      "WHERE name = 'password'") == "NULL|1");
}
