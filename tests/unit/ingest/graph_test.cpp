#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace csx;
using test::rows;
using test::scalar_int;
using test::scalar_text;

TEST_CASE("Graph JSON: a value page with an object that has no errors", "[ingest][graph]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(
        d, {test::source_path("corpus/demo/contoso/graph-provisioning-errors.json")});
    CHECK(s.files.at(0).tenant == "contoso.com");
    CHECK(rows(d,
               "SELECT display_name, user_principal_name, object_type, line FROM cloud_object "
               "ORDER BY line") ==
          std::vector<std::vector<std::string>>{{"Lee Clerk", "lee@contoso.com", "user", "4"},
                                                {"Sales Desk", "sales@contoso.com", "user", "18"}});
    CHECK(rows(d, "SELECT category, occurred, property, value, line FROM provisioning_error") ==
          std::vector<std::vector<std::string>>{{"PropertyConflict", "2026-03-02 11:02:16.000",
                                                 "ProxyAddress", "smtp:sales@contoso.com", "10"}});
    CHECK(
        scalar_text(d, "SELECT immutable_id FROM cloud_object WHERE display_name = 'Sales Desk'") ==
        "q83vASNFZ4mrze8BI0VniQ==");
}

TEST_CASE("Graph JSON: a bare array with UTF-8 BOM, escapes, types and nested properties",
          "[ingest][graph]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    test::ingest_paths(d, {test::source_path("corpus/minimal/graph-bare-array-utf8bom.json")},
                       {"fabrikam"});
    CHECK(scalar_text(d, "SELECT display_name FROM cloud_object WHERE object_type = 'group'") ==
          "Sales \"EMEA\" équipe");
    CHECK(scalar_text(d, "SELECT proxy_addresses FROM cloud_object WHERE object_type = 'group'") ==
          "[\"SMTP:sales-emea@fabrikam.example\",\"smtp:ventes@fabrikam.example\"]");
    CHECK(scalar_text(d, "SELECT properties FROM cloud_object WHERE object_type = 'group'") ==
          "{\"securityEnabled\":false,\"groupTypes\":[\"Unified\"],\"extra\":{\"nested\":[1,2,{"
          "\"deep\":null}]}}");
    CHECK(scalar_int(d, "SELECT count(*) FROM provisioning_error") == 2);
    CHECK(scalar_text(
              d, "SELECT object_type FROM cloud_object WHERE mail = 'ventes@fabrikam.example'") ==
          "orgContact");
    // The address view finds both holders of the conflicting value.
    CHECK(scalar_int(
              d, "SELECT count(*) FROM v_address WHERE address = 'ventes@fabrikam.example'") == 2);
}

TEST_CASE("Graph JSON: UTF-16LE page (PowerShell Out-File)", "[ingest][graph]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(d, {test::source_path("corpus/minimal/graph-page-utf16le.json")});
    CHECK(s.files.at(0).encoding == ingest::text_encoding::utf16le);
    CHECK(scalar_text(d, "SELECT display_name FROM cloud_object") == "Ünal Öz");
    CHECK(scalar_text(d, "SELECT property FROM provisioning_error") == "UserPrincipalName");
}
