#include <catch2/catch.hpp>

#include "ingest/sniff.hpp"
#include "test_support.hpp"

using namespace csx::ingest;

namespace {
std::string utf16le(const std::string& ascii, bool bom) {
    std::string out = bom ? std::string("\xff\xfe", 2) : std::string();
    for (char c : ascii) {
        out += c;
        out += '\0';
    }
    return out;
}
}  // namespace

TEST_CASE("sniff recognises each kind by content, not name", "[ingest][sniff]") {
    CHECK(sniff("<?xml version=\"1.0\"?>\n<cs-objects><cs-object/>", false).kind ==
          input_kind::csexport);
    CHECK(sniff("<!-- c -->\n<cs-object cs-dn=\"x\">", false).kind == input_kind::csexport);
    CHECK(sniff("<run-history><run-details>", false).kind == input_kind::run_history);
    CHECK(sniff("<ma-data>\n <format-version>1</format-version>", false).kind ==
          input_kind::connector_config);
    CHECK(sniff("<Objs Version=\"1.1.0.1\" "
                "xmlns=\"http://schemas.microsoft.com/powershell/2004/04\"><Obj><TN><T>"
                "Microsoft.IdentityManagement.PowerShell.ObjectModel.RunStepResult</T>",
                false)
              .kind == input_kind::clixml_runstep);
    CHECK(sniff("{\"value\":[{\"onPremisesProvisioningErrors\":[]}]}", true).kind ==
          input_kind::graph_json);
    CHECK(sniff("[ {\"onPremisesProvisioningErrors\": []} ]", true).kind == input_kind::graph_json);
}

TEST_CASE("sniff explains what an unknown file looks like", "[ingest][sniff]") {
    CHECK(sniff("", true).reason == "the file is empty");
    CHECK(sniff("PK\x03\x04rest", true).reason.find("ZIP") != std::string::npos);
}

TEST_CASE("sniff recognises archives by their magic bytes, not their names", "[ingest][sniff]") {
    CHECK(sniff("PK\x03\x04rest", true).archive == archive_format::zip);
    CHECK(sniff(std::string_view("PK\x05\x06\0\0", 6), true).archive == archive_format::zip);
    CHECK(sniff("\x1f\x8b\x08", true).archive == archive_format::gzip);
    std::string tar(512, '\0');
    tar.replace(0, 5, "a.xml");
    tar.replace(257, 6, std::string("ustar\0", 6));
    CHECK(sniff(tar, true).archive == archive_format::tar);
    CHECK(sniff(tar, true).kind == input_kind::unknown);
    CHECK(sniff("<cs-objects>", true).archive == archive_format::none);
    CHECK(archive_format_of("PK") == archive_format::none);  // too short to tell
    // The metaverse configuration, in the shape Export-ADSyncServerConfiguration writes
    // (GlobalSettings/MV.xml: <saved-mv-configuration><mv-data>...) or bare.
    for (const char* mv : {"<saved-mv-configuration server='x'><mv-data>", "<mv-data>"})
        CHECK(sniff(mv, true).reason.rfind("the metaverse configuration (MV.xml", 0) == 0);
    CHECK(sniff("{\"a\":1}", true).reason.find("onPremisesProvisioningErrors") !=
          std::string::npos);
    CHECK(sniff("<Objs><Obj><TN><T>System.String</T>", true).reason.find("CLIXML") !=
          std::string::npos);
    CHECK(sniff("\"ConnectorName\",\"RunProfileName\"", true).reason.find("RunStep") !=
          std::string::npos);
    CHECK(sniff(std::string("\x01\x02\0\0binary", 10), true).kind == input_kind::unknown);
}

TEST_CASE("sniff takes a Graph response by its @odata.context", "[ingest][sniff]") {
    // The first object's long value pushes onPremisesProvisioningErrors out of the sample.
    const std::string page =
        "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users(id,"
        "displayName,onPremisesProvisioningErrors)\",\"value\":[{\"id\":\"1\",\"displayName\":\"" +
        std::string(70000, 'x');
    CHECK(sniff(page, false).kind == input_kind::graph_json);
    const auto other = sniff("{\"value\":[{\"id\":\"" + std::string(70000, 'x'), false);
    CHECK(other.kind == input_kind::unknown);
    CHECK(other.reason ==
          "JSON without onPremisesProvisioningErrors in its first 64 KiB (not a Graph "
          "provisioning-error export)");
}

TEST_CASE("sniff says what a text that is no input kind was taken for", "[ingest][sniff]") {
    // The ACE lines of a dsacls output, as quoted in a ticket: no access list to read.
    const auto aces = sniff(
        csx::test::read_file(csx::test::source_path("corpus/minimal/dsacls-excerpt-aces-only.txt")),
        true);
    CHECK(aces.kind == input_kind::unknown);
    CHECK(aces.reason.rfind("dsacls-like text without an access list", 0) == 0);
    // With the header lines it is an input kind.
    CHECK(sniff("Owner: CONTOSO\\Domain Admins\nGroup: CONTOSO\\Domain Admins\n\nAccess list:\n",
                true)
              .kind == input_kind::dsacls);
    const auto fragment = sniff(
        csx::test::read_file(csx::test::source_path("corpus/minimal/graph-fragment.txt")), true);
    CHECK(fragment.reason.rfind("a fragment of a Graph export", 0) == 0);
    CHECK(
        sniff("\"id\": \"42\",\n\"displayName\": \"x\"", true).reason.rfind("a JSON fragment", 0) ==
        0);
    CHECK(
        sniff("**********************\nWindows PowerShell transcript start\nStart time: 1\n", true)
            .reason.rfind("a PowerShell transcript", 0) == 0);
    CHECK(sniff("DistinguishedName,Enabled,SamAccountName\nCN=a,True,a\n", true)
              .reason.rfind("CSV text (first line: DistinguishedName,Enabled,SamAccountName)", 0) ==
          0);
    CHECK(sniff("remember to ask for the csexport\n", true).reason ==
          "text that is no csx input kind (not dsacls output, LDIF, XML or JSON)");
}

TEST_CASE("sniff detects encodings from BOMs and bytes", "[ingest][sniff]") {
    CHECK(sniff("\xef\xbb\xbf<cs-objects>", true).encoding == text_encoding::utf8_bom);
    auto le =
        sniff(utf16le("<?xml version=\"1.0\" encoding=\"utf-16\"?><run-history>", true), true);
    CHECK(le.encoding == text_encoding::utf16le);
    CHECK(le.kind == input_kind::run_history);
    CHECK(sniff(utf16le("<cs-objects>", false), true).encoding == text_encoding::utf16le);
    std::string be = "\xfe\xff";
    for (char c : std::string("<ma-data>")) {
        be += '\0';
        be += c;
    }
    CHECK(sniff(be, true).kind == input_kind::connector_config);
    CHECK(sniff("<cs-objects><v>caf\xe9</v>", true).encoding == text_encoding::windows1252);
    CHECK(sniff("<cs-objects><v>caf\xc3\xa9</v>", true).encoding == text_encoding::utf8);
}

TEST_CASE("sniff flags UTF-8 bytes under a UTF-16 declaration", "[ingest][sniff]") {
    auto r = sniff("<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<run-history>", true);
    CHECK(r.kind == input_kind::run_history);
    CHECK(r.declaration_mismatch);
}

TEST_CASE("sniff still classifies a file whose DOCTYPE the parser will refuse", "[ingest][sniff]") {
    CHECK(sniff("<!DOCTYPE cs-objects [ <!ENTITY a \"b\"> ]>\n<cs-objects>", true).kind ==
          input_kind::csexport);
}
