#include <catch2/catch.hpp>

#include "text/text_decoder.hpp"
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

TEST_CASE("Graph JSON: each error item is kept as the file writes it", "[ingest][graph]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    const std::string path = test::source_path("corpus/minimal/graph-nameless-minified.json");
    test::ingest_paths(d, {path}, {"fabrikam"});
    const std::string file = test::read_file(path);
    const auto items = rows(d, "SELECT source_text, source_cut IS NULL FROM provisioning_error");
    REQUIRE(items.size() == 3);
    for (const auto& r : items) {
        // A byte-for-byte piece of the file, from its brace to its brace, nothing cut.
        CHECK(file.find(r[0]) != std::string::npos);
        CHECK(r[0].front() == '{');
        CHECK(r[0].back() == '}');
        CHECK(r[1] == "1");
    }
    // What the parsed columns lose is there: the offset, seven fraction digits, @odata.type,
    // the \u escape.
    CHECK(items[0][0].find("\"@odata.type\":\"#microsoft.graph.onPremisesProvisioningError\"") !=
          std::string::npos);
    CHECK(items[0][0].find("2026-04-01T10:11:12.1234567+02:00") != std::string::npos);
    CHECK(items[2][0].find("m\\u00fcller@fabrikam.example") != std::string::npos);
    // Names: the Graph id, the mail, else the object's place in the file (all on line 1).
    CHECK(rows(d, "SELECT object_name, text FROM v_provisioning_error ORDER BY error_id") ==
          std::vector<std::vector<std::string>>{
              {"0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9", "ProxyAddresses smtp:desk@fabrikam.example"},
              {"partner@northwind.example", "ProxyAddresses smtp:partner@northwind.example"},
              {"Graph object #3 of " + path + " (line 1)", "Mail müller@fabrikam.example"}});
}

TEST_CASE("Graph JSON: a UTF-16 item is kept as UTF-8 text, a huge one is cut at 8 KiB",
          "[ingest][graph]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    const std::string path = test::source_path("corpus/minimal/graph-page-utf16le.json");
    test::ingest_paths(d, {path});
    std::string decoded;
    text::text_decoder dec(text::encoding::utf16le);
    REQUIRE(dec.decode(test::read_file(path), decoded));
    const std::string item = scalar_text(d, "SELECT source_text FROM provisioning_error");
    CHECK(item.starts_with("{\"category\": \"PropertyConflict\""));
    CHECK(decoded.find(item) != std::string::npos);

    const std::string big =
        "[{\"id\": \"1\", \"onPremisesProvisioningErrors\": [{\"category\": "
        "\"PropertyConflict\", \"value\": \"" +
        std::string(10000, 'x') + "\"}]}]";
    test::write_file(t.file("big.json"), big);
    test::ingest_paths(d, {t.file("big.json")}, {"big"});
    const auto cut = rows(d,
                          "SELECT length(p.source_text), p.source_cut FROM provisioning_error AS p "
                          "JOIN v_provisioning_error AS v ON v.error_id = p.rowid "
                          "WHERE v.tenant = 'big'");
    const std::size_t whole = big.find("}]}]") + 1 - big.find("{\"category\"");
    CHECK(cut == std::vector<std::vector<std::string>>{{"8192", std::to_string(whole - 8192)}});
}
