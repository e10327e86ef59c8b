// csexport ingest: every element of the documented shape, the samples' real-world shape,
// encodings, and the facts derived per file.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "ingest/cs_object_sink.hpp"
#include "ingest/csexport_handler.hpp"
#include "test_support.hpp"

using namespace csx;
using test::rows;
using test::scalar_int;
using test::scalar_text;

TEST_CASE("csexport: every documented element reaches the database", "[ingest][csexport]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(d, {test::source_path("corpus/minimal/csexport-every-element.xml")},
                                {"fabrikam"});
    REQUIRE(s.files.size() == 1);
    CHECK(s.files[0].status == ingest::file_status::ingested);

    CHECK(scalar_text(d, "SELECT cs_dn FROM cs_object") ==
          "CN=Doe\\, Jane,OU=Sales,DC=fabrikam,DC=example");
    CHECK(scalar_text(d, "SELECT parent_dn FROM cs_object") == "OU=Sales,DC=fabrikam,DC=example");
    CHECK(scalar_int(d, "SELECT line FROM cs_object") == 6);
    CHECK(scalar_text(d,
                      "SELECT ma_name || '|' || connector_state || '|' || connector || '|' || "
                      "transient FROM cs_object") == "fabrikam.example|normal|1|0");
    CHECK(
        scalar_text(
            d,
            "SELECT json_extract(state, '$.\"sequencers/current/batch-number\"') FROM cs_object") ==
        "42");
    CHECK(scalar_text(d, "SELECT json_extract(state, '$.\"seen-by-import\"') FROM cs_object") ==
          "1");

    // Four deltas, five holograms.
    CHECK(
        scalar_text(
            d, "SELECT group_concat(section_id) FROM (SELECT section_id FROM delta ORDER BY 1)") ==
        "1,2,3,4");
    CHECK(
        scalar_text(
            d,
            "SELECT group_concat(section_id) FROM (SELECT section_id FROM hologram ORDER BY 1)") ==
        "5,6,7,8,9");
    // Delta values with per-value operations, dn-value anchors, encodings and a value-less delete.
    CHECK(rows(d,
               "SELECT n.name, attr_op, coalesce(value_op,''), coalesce(value,'NULL'), "
               "coalesce(encoding,''), "
               "coalesce(anchor,'') FROM delta_value JOIN attr_name n USING (name_id) WHERE "
               "section_id = 1 "
               "ORDER BY attr_ord, value_ord") ==
          std::vector<std::vector<std::string>>{
              {"manager", "add", "add", "CN=Roe\\, Richard,OU=Sales,DC=fabrikam,DC=example", "",
               "EBESExQVFhcYGRobHB0eHw=="},
              {"msExchSafeSendersHash", "replace", "add", "3q2+7w==", "base64", ""},
              {"proxyAddresses", "update", "add", "smtp:jane.doe@fabrikam.example", "", ""},
              {"proxyAddresses", "update", "delete", "smtp:jdoe@old.fabrikam.example", "", ""},
              {"info", "delete", "", "NULL", "", ""}});
    CHECK(scalar_text(d, "SELECT objectclasses FROM delta WHERE section_id = 1") ==
          "[\"top\",\"user\"]");
    CHECK(scalar_text(d, "SELECT anchor FROM delta WHERE section_id = 1") ==
          "AAECAwQFBgcICQoLDA0ODw==");
    // Hologram: indexed values as rows, the rest packed; quotes and markup survive.
    CHECK(
        scalar_text(
            d,
            "SELECT json_extract(attrs, '$.description[0]') FROM hologram WHERE section_id = 5") ==
        "Quote \" and <angle> & ampersand");
    CHECK(scalar_int(d,
                     "SELECT json_array_length(attrs, '$.userCertificate') FROM hologram WHERE "
                     "section_id = 5") == 2);
    CHECK(scalar_text(d,
                      "SELECT json_extract(attrs, '$.\"userCertificate;encoding\"') FROM hologram "
                      "WHERE section_id = 5") == "[\"base64\",\"base64\"]");
    CHECK(scalar_text(d, "SELECT parent_anchor FROM hologram WHERE section_id = 5") ==
          "ICEiIyQlJicoKSorLC0uLw==");
    CHECK(scalar_int(d,
                     "SELECT count(*) FROM attr_value JOIN attr_name USING (name_id) WHERE name = "
                     "'proxyAddresses' "
                     "AND section_id = 5") == 2);
    CHECK(scalar_text(d, "SELECT value FROM v_object_attr WHERE attribute = 'memberOf'") ==
          "CN=Sales,OU=Groups,DC=fabrikam,DC=example");
    // v_object_attr shows every value of every section.
    CHECK(scalar_int(d, "SELECT count(*) FROM v_object_attr") ==
          scalar_int(
              d,
              "SELECT (SELECT count(*) FROM attr_value) + (SELECT count(*) FROM delta_value) + "
              "(SELECT sum(json_array_length(value)) FROM hologram, json_each(hologram.attrs) "
              " WHERE type = 'array')"));

    // Errors: the documented export-error shape and an import error with its details.
    CHECK(rows(d,
               "SELECT direction, error_type, retry_count, first_occurred, date_occurred, "
               "coalesce(error_code,''), "
               "coalesce(algorithm_step,'') FROM sync_error ORDER BY direction") ==
          std::vector<std::vector<std::string>>{
              {"export", "permission-issue", "7", "2026-01-11 09:30:00.000",
               "2026-01-12 11:00:00.250", "8344", ""},
              {"import", "extension-dll-exception", "3", "2026-01-10 10:00:00.000",
               "2026-01-12 10:00:00.500", "", "import-flow"}});
    CHECK(scalar_text(d, "SELECT detail_xml FROM sync_error WHERE direction = 'import'")
              .find("<extension-name>Fabrikam.Flow.dll") != std::string::npos);
    // Lineage in both forms and the unmodelled element kept verbatim.
    CHECK(scalar_int(d, "SELECT count(*) FROM mv_link") == 2);
    CHECK(scalar_text(d, "SELECT mv_guid FROM mv_link WHERE lineage_type = 'join-rules'") ==
          "{BBBBBBBB-0000-4000-8000-000000000002}");
    CHECK(scalar_text(d, "SELECT ma_guid FROM mv_link WHERE lineage_type = 'projection-rules'") ==
          "{CCCCCCCC-0000-4000-8000-000000000004}");
    CHECK(scalar_text(d, "SELECT xml FROM extra_element") ==
          "<future-element kind=\"unknown\">csx keeps <b>this</b> verbatim</future-element>");
    CHECK(scalar_text(d, "SELECT path FROM extra_element") ==
          "cs-objects/cs-object/future-element");
    // The file knows its connector from the objects' ma-name.
    CHECK(scalar_text(d, "SELECT connector_kind || '|' || connector_hint FROM source_file") ==
          "ad|fabrikam.example");
}

TEST_CASE("csexport: the real-world export-status shape and hex codes", "[ingest][csexport]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    test::ingest_paths(d,
                       {test::source_path("corpus/demo/contoso/csexport-ad-export-errors.xml"),
                        test::source_path("corpus/demo/contoso/csexport-aad-export-errors.xml")},
                       {"contoso"});
    CHECK(scalar_int(d, "SELECT count(*) FROM cs_object") == 3);
    CHECK(
        rows(d,
             "SELECT error_code_raw, error_code, retry_count, server_error_detail FROM sync_error "
             "WHERE error_type = 'permission-issue'") ==
        std::vector<std::vector<std::string>>{
            {"0x2098", "8344", "17702",
             "00002098: SecErr: DSID-03150F94, problem 4003 (INSUFF_ACCESS_RIGHTS), data 0"}});
    CHECK(
        scalar_text(
            d,
            "SELECT error_name FROM sync_error WHERE error_type = 'AttributeValueMustBeUnique'") ==
        "AttributeValueMustBeUnique");
    CHECK(
        scalar_text(d, "SELECT extra_error_details FROM sync_error WHERE error_name IS NOT NULL") ==
        "Conflicting object: sales@contoso.com (userPrincipalName)");
    CHECK(scalar_text(d, "SELECT attributes FROM v_export_error WHERE error_code = 8344") ==
          "[\"msDS-KeyCredentialLink\"]");
    CHECK(scalar_text(d,
                      "SELECT group_concat(connector_kind) FROM (SELECT connector_kind FROM "
                      "source_file ORDER BY path)") == "aad,ad");
    // Line numbers point into the dump.
    CHECK(scalar_int(d, "SELECT line FROM cs_object WHERE cs_dn LIKE 'CN=Lee Clerk%'") == 37);
    CHECK(scalar_int(d, "SELECT line FROM sync_error WHERE error_code = 8344") == 11);
}

TEST_CASE("csexport: UTF-16LE, windows-1252 and a lying declaration decode to the same text",
          "[ingest][csexport]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(
        d,
        {test::source_path("corpus/minimal/csexport-utf16le.xml"),
         test::source_path("corpus/minimal/csexport-windows1252.xml"),
         test::source_path("corpus/minimal/csexport-declared-utf16-but-utf8.xml")},
        {"fabrikam"});
    for (const auto& f : s.files)
        CHECK(f.status == ingest::file_status::ingested);
    CHECK(scalar_text(d, "SELECT encoding FROM source_file WHERE path LIKE '%utf16le%'") ==
          "utf-16le");
    CHECK(scalar_text(d, "SELECT encoding FROM source_file WHERE path LIKE '%1252%'") ==
          "windows-1252");
    CHECK(scalar_text(d,
                      "SELECT json_extract(attrs, '$.displayName[0]') FROM hologram JOIN cs_object "
                      "USING (object_id) "
                      "WHERE cs_dn LIKE 'CN=Zo%'") == "Zoë Øster 日本");
    CHECK(scalar_text(d,
                      "SELECT json_extract(attrs, '$.displayName[0]') FROM hologram JOIN cs_object "
                      "USING (object_id) "
                      "WHERE cs_dn LIKE 'CN=Ren%'") == "René Ærø – €5");
    CHECK(scalar_text(d,
                      "SELECT json_extract(attrs, '$.displayName[0]') FROM hologram JOIN cs_object "
                      "USING (object_id) "
                      "WHERE cs_dn LIKE 'CN=Mismatch%'") == "Mismatch Ünïcode");
}

TEST_CASE("csexport: a repeated section is kept verbatim, not merged or lost",
          "[ingest][csexport]") {
    test::temp_dir t;
    const std::string f = t.file("dup.xml");
    test::write_file(
        f,
        "<cs-objects><cs-object cs-dn=\"CN=a,DC=x\" id=\"{1}\" object-type=\"user\">"
        "<synchronized-hologram><entry><attr "
        "name=\"displayName\"><value>one</value></attr></entry></synchronized-hologram>"
        "<synchronized-hologram><entry><attr "
        "name=\"displayName\"><value>two</value></attr></entry></synchronized-hologram>"
        "</cs-object></cs-objects>");
    auto d = test::fresh_db(t.file("db.sqlite"));
    test::ingest_paths(d, {f}, {"x"});
    CHECK(scalar_text(d, "SELECT json_extract(attrs, '$.displayName[0]') FROM hologram") == "one");
    CHECK(scalar_text(d, "SELECT xml FROM extra_element").find("two") != std::string::npos);
}

TEST_CASE("csexport: objects stream, a large file keeps every object", "[ingest][csexport]") {
    test::temp_dir t;
    const std::string f = t.file("many.xml");
    std::string xml = "<cs-objects>\n";
    for (int i = 0; i < 3000; ++i) {
        xml += "<cs-object cs-dn=\"CN=u" + std::to_string(i) +
               ",OU=Bulk,DC=big,DC=example\" id=\"{" + std::to_string(i) +
               "}\" object-type=\"user\"><synchronized-hologram><entry><attr "
               "name=\"proxyAddresses\" multivalued=\"true\">"
               "<value>SMTP:u" +
               std::to_string(i) + "@big.example</value><value>smtp:alias" + std::to_string(i) +
               "@big.example</value></attr><attr name=\"description\"><value>" +
               std::string(200, 'x') +
               "</value></attr></entry></synchronized-hologram></cs-object>\n";
    }
    xml += "</cs-objects>\n";
    test::write_file(f, xml);
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(d, {f});
    REQUIRE(s.files.size() == 1);
    CHECK(s.files[0].records == 3000);
    CHECK(s.files[0].tenant == "big.example");  // inferred from the DNs
    CHECK(scalar_int(d, "SELECT count(*) FROM attr_value") == 6000);
    CHECK(scalar_int(d, "SELECT max(object_id) - min(object_id) + 1 FROM cs_object") == 3000);
    CHECK(scalar_int(d, "SELECT line FROM cs_object WHERE cs_dn LIKE 'CN=u2999,%'") == 3001);
}

namespace {

// The error blocks as the file below writes them (without their last line end).
const std::string kExportBlock =
    " <export-errordetail first-occurred=\"2025-05-07 08:14:02.113\" "
    "date-occurred=\"2026-06-16 09:30:41.877\" retry-count=\"3\" "
    "error-type=\"permission-issue\">\r\n"
    "  <export-status>\r\n"
    "   <cd-error>\r\n"
    "    <error-code>0x2098</error-code>\r\n"
    "    <error-literal>Insufficient access rights &amp; more \xE2\x82\xAC</error-literal>\r\n"
    "   </cd-error>\r\n"
    "  </export-status>\r\n"
    " </export-errordetail>";
const std::string kImportBlock =
    " <import-errordetail date-occurred=\"2026-06-16 09:30:41.877\" "
    "error-type=\"x\"><import-status>"
    "<algorithm-step>join</algorithm-step></import-status></import-errordetail>";

// A cs-object whose export error spans lines (4-11), then one whose import error is one line
// (14).
const std::string kErrorsDoc =
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n"
    "<cs-objects>\r\n"
    "<cs-object cs-dn=\"CN=Zo\xC3\xAB \xC3\x9Cnal,OU=IT,DC=contoso,DC=com\" id=\"{1}\" "
    "object-type=\"user\">\r\n" +
    kExportBlock +
    "\r\n</cs-object>\r\n"
    "<cs-object cs-dn=\"CN=B,DC=contoso,DC=com\" id=\"{2}\" object-type=\"user\">\r\n" +
    kImportBlock + "\r\n</cs-object>\r\n</cs-objects>\r\n";

// Collects each error's source text as the handler hands records over.
struct source_sink final : ingest::cs_object_sink {
    ingest::cs_object_record rec;
    std::vector<std::string> sources;
    ingest::cs_object_record& next_record() override {
        rec.clear();
        return rec;
    }
    void submit() override {
        for (const auto& e : rec.errors)
            sources.push_back(e.has_source ? fmt::format("{}:{}", e.source_line, rec.str(e.source))
                                           : std::string("(none)"));
    }
};

}  // namespace

TEST_CASE("csexport: each error block is kept as the file writes it (UTF-16LE, CRLF)",
          "[ingest][csexport]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    test::write_file(t.file("errors.xml"), test::utf16(kErrorsDoc));
    test::ingest_paths(d, {t.file("errors.xml")}, {"contoso"});
    // The file's lines decoded, CRLF and the &amp; as written; the parsed columns beside them.
    CHECK(rows(d,
               "SELECT direction, line, source_line, source_text, source_cut IS NULL, "
               "coalesce(error_literal, '') FROM sync_error ORDER BY line") ==
          std::vector<std::vector<std::string>>{{"export", "4", "4", kExportBlock, "1",
                                                 "Insufficient access rights & more \xE2\x82\xAC"},
                                                {"import", "14", "14", kImportBlock, "1", ""}});
    // The handler gives the same text however the bytes arrive.
    for (std::size_t piece : {1u, 7u, 4096u}) {
        CAPTURE(piece);
        source_sink sink;
        ingest::csexport_handler h("errors.xml", {}, sink);
        const std::string bytes = test::utf16(kErrorsDoc);
        bool ok = true;
        for (std::size_t i = 0; i < bytes.size() && ok; i += piece)
            ok = h.feed(std::string_view(bytes).substr(i, piece));
        REQUIRE(ok);
        REQUIRE(h.finish());
        CHECK(sink.sources == std::vector<std::string>{"4:" + kExportBlock, "14:" + kImportBlock});
    }
}

TEST_CASE("csexport: error text from windows-1252, a huge object keeps it, a huge error not",
          "[ingest][csexport]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    std::string doc = kErrorsDoc;
    doc.replace(doc.find("UTF-16"), 6, "windows-1252");
    doc.replace(doc.find("\xC3\xAB"), 2, "\xEB");      // ë
    doc.replace(doc.find("\xC3\x9C"), 2, "\xDC");      // Ü
    doc.replace(doc.find("\xE2\x82\xAC"), 3, "\x80");  // the euro sign
    // Before the first error, 3 MB of hologram values: the lines kept do not grow with them.
    std::string holo = " <synchronized-hologram><entry dn=\"CN=A\">\r\n";
    for (int i = 0; i < 30000; ++i)
        holo += "  <attr name=\"member\" type=\"string\" multivalued=\"true\"><value>CN=Member " +
                std::to_string(i) + ",OU=Groups,DC=contoso,DC=com</value></attr>\r\n";
    holo += " </entry></synchronized-hologram>\r\n";
    doc.insert(doc.find(" <export-errordetail"), holo);
    // The second error holds more than the 1 MiB of lines csx keeps: it is stored parsed only.
    std::string detail = "<extension-error-info>\r\n";
    for (int i = 0; i < 20000; ++i)
        detail +=
            "   at Frame" + std::to_string(i) + "(Object sender, EventArgs e) in C:\\src\\x.cs\r\n";
    detail += "</extension-error-info>";
    doc.insert(doc.find("</import-errordetail>"), detail);
    test::write_file(t.file("cp1252.xml"), doc);
    auto s = test::ingest_paths(d, {t.file("cp1252.xml")}, {"contoso"});
    CHECK(s.files.at(0).encoding == ingest::text_encoding::windows1252);
    const auto r = rows(d,
                        "SELECT direction, source_text IS NULL, coalesce(source_text, ''), "
                        "coalesce(length(detail_xml), 0) > 1000000 FROM sync_error ORDER BY line");
    REQUIRE(r.size() == 2);
    CHECK(r[0] == std::vector<std::string>{"export", "0", kExportBlock, "0"});
    CHECK(r[1] == std::vector<std::string>{"import", "1", "", "1"});
}
