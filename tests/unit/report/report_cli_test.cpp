// csx report end to end: the checked-in examples are what csx produces, the report carries what
// an escalation needs, --redact leaves no original value (searched independently of the
// redactor, from the data itself), and the HTML renders in headless Chromium.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "store/db.hpp"
#include "store/schema.hpp"
#include "store/statement.hpp"
#include "test_support.hpp"
#include "util/sha256.hpp"

using namespace csx;

namespace {

constexpr const char* kEpoch = "1764000000";  // as reports/examples/regenerate uses

test::run_result report(const std::string& args) {
    ::setenv("SOURCE_DATE_EPOCH", kEpoch, 1);
    auto r = test::run_csx("report " + args, test::source_path(""));
    ::unsetenv("SOURCE_DATE_EPOCH");
    return r;
}

std::string lower(std::string s) {
    for (auto& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80);
}

// `value` occurs in `text` as a whole word (case-insensitive), outside OU= and DC= values.
bool occurs(const std::string& text, const std::string& value) {
    const std::string hay = lower(text), needle = lower(value);
    for (auto pos = hay.find(needle); pos != std::string::npos; pos = hay.find(needle, pos + 1)) {
        if (pos > 0 && word_char(hay[pos - 1]) && word_char(needle.front())) continue;
        const auto end = pos + needle.size();
        if (end < hay.size() && word_char(hay[end]) && word_char(needle.back())) continue;
        if (pos >= 3 &&
            (hay.compare(pos - 3, 3, "ou=") == 0 || hay.compare(pos - 3, 3, "dc=") == 0))
            continue;
        return true;
    }
    return false;
}

// Every personal value the test corpus holds, read straight from an ingest of it: names and
// accounts of every object, the local parts of every address, every CN of a person's DN.
std::set<std::string> originals(const std::string& tenant, const std::vector<std::string>& dirs) {
    auto d = store::db::open(":memory:", store::open_mode::memory);
    store::migrate(d);
    test::ingest_paths(d, dirs);
    std::set<std::string> out;
    auto add = [&](std::string v) {
        if (auto colon = v.find(':'); colon != std::string::npos && colon < 6)
            v.erase(0, colon + 1);
        if (auto at = v.find('@'); at != std::string::npos) v = v.substr(0, at) + "@";
        if (v.size() >= 2) out.insert(v);
    };
    for (const auto& row : test::rows(
             d,
             "SELECT a.value FROM v_cs_object AS o JOIN v_object_attr AS a USING (object_id) "
             "WHERE o.tenant = '" +
                 tenant +
                 "' AND o.object_type IN ('user', 'contact') "
                 "AND lower(a.attribute) IN ('displayname', 'givenname', 'sn', 'samaccountname', "
                 "'userprincipalname', 'mail', 'proxyaddresses') AND a.value IS NOT NULL"))
        add(row[0]);
    for (const auto& row : test::rows(
             d, "SELECT substr(dn, 4, instr(dn, ',') - 4) FROM v_cs_object WHERE tenant = '" +
                    tenant + "' AND object_type IN ('user', 'contact') AND dn LIKE 'CN=%,%'"))
        add(row[0]);
    for (const auto& row :
         test::rows(d,
                    "SELECT coalesce(o.display_name, ''), coalesce(o.user_principal_name, '') FROM "
                    "cloud_object AS o JOIN v_file AS f USING (file_id) WHERE f.tenant = '" +
                        tenant + "'")) {
        add(row[0]);
        add(row[1]);
    }
    for (const auto& row : test::rows(d,
                                      "SELECT login_user FROM connector JOIN v_file AS f USING "
                                      "(file_id) WHERE f.tenant = '" +
                                          tenant + "' AND login_user IS NOT NULL"))
        add(row[0]);
    return out;
}

void same_as_example(const std::string& args, const std::string& example) {
    const auto r = report(args);
    INFO(args << "\n" << r.err);
    REQUIRE(r.exit_code == 0);
    test::check_golden(r.out, "reports/examples/" + example);
}

}  // namespace

TEST_CASE("report: the checked-in examples are what csx writes (reports/examples/regenerate)",
          "[report][golden]") {
    for (const char* t : {"contoso", "fabrikam"}) {
        const std::string tenant(t);
        same_as_example("--tenant " + tenant + " corpus/demo", tenant + ".md");
        same_as_example("--tenant " + tenant + " --format html corpus/demo", tenant + ".html");
    }
    same_as_example("--tenant contoso --redact corpus/demo", "contoso-redacted.md");
    same_as_example("--tenant contoso --redact --format html corpus/demo", "contoso-redacted.html");
    // The screenshot is a PNG of a sensible size (its pixels depend on the fonts installed).
    const std::string png = test::read_file(test::source_path("reports/examples/contoso.png"));
    REQUIRE(png.size() > 24);
    CHECK(png.substr(0, 8) == "\x89PNG\r\n\x1a\n");
    auto be32 = [&](std::size_t at) {
        return (static_cast<unsigned>(static_cast<unsigned char>(png[at])) << 24) |
               (static_cast<unsigned>(static_cast<unsigned char>(png[at + 1])) << 16) |
               (static_cast<unsigned>(static_cast<unsigned char>(png[at + 2])) << 8) |
               static_cast<unsigned>(static_cast<unsigned char>(png[at + 3]));
    };
    CHECK(be32(16) >= 800);   // width
    CHECK(be32(20) >= 1500);  // height
}

TEST_CASE("report: summary, evidence with file and line, timeline, commands, appendix",
          "[report]") {
    const auto r = report("--tenant CONTOSO corpus/demo");  // tenant names are case-insensitive
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string& md = r.out;
    CHECK(md.find("# Entra Connect synchronization: escalation report for contoso") == 0);
    CHECK(md.find("**2 problems open: 1 high, 1 medium.**") != std::string::npos);
    CHECK(md.find("- Failing since: 2025-05-07 08:14:02.113") != std::string::npos);
    CHECK(
        md.find("- How sure: 1 confirmed by the data; 1 classified from the error code and text") !=
        std::string::npos);
    // Evidence: the error block as the file writes it, with its file and lines; the failing
    // value re-serialised (and said to be); the Graph error item as the file writes it, with
    // the time csx read.
    CHECK(md.find("corpus/demo/contoso/csexport-ad-export-errors.xml:11, lines 11\u201319 as the "
                  "file writes them:\n\n```xml\n <export-errordetail first-occurred=") !=
          std::string::npos);
    CHECK(md.find("corpus/demo/contoso/csexport-ad-export-errors.xml:5, re-serialised from the "
                  "database") != std::string::npos);
    CHECK(md.find("corpus/demo/contoso/run-history-ad-export.xml:20, lines 20\u201330 as the file "
                  "writes them:") != std::string::npos);
    CHECK(md.find("corpus/demo/contoso/graph-provisioning-errors.json:10, as the file writes it:"
                  "\n\n```json\n        {\n          \"category\": \"PropertyConflict\",\n"
                  "          \"occurredDateTime\": \"2026-03-02T11:02:16Z\",") !=
          std::string::npos);
    CHECK(md.find("- occurredDateTime as csx reads it (UTC, milliseconds): 2026-03-02 "
                  "11:02:16.000") != std::string::npos);
    CHECK(md.find("<error-code>0x2098</error-code>") != std::string::npos);
    CHECK(md.find("<attr name=\"msDS-KeyCredentialLink\" operation=\"update\">") !=
          std::string::npos);
    // Timeline: the run and the finding's first and latest failure.
    CHECK(md.find("| 2026-06-16 09:30:40.120 | 48210 | contoso.com | Export | export | "
                  "completed-export-errors | 0 | 1 |") != std::string::npos);
    CHECK(md.find("| 2026-06-16 09:30:41.877 | latest failure, after 17702 retries |") !=
          std::string::npos);
    // The exact command, its verification, the risk and rollback.
    CHECK(md.find("dsacls ('\\\\'+$pdc+'\\CN=AdminSDHolder,CN=System,DC=contoso,DC=com') /G "
                  "'CONTOSO\\MSOL_0123456789ab:WP;msDS-KeyCredentialLink'") != std::string::npos);
    CHECK(md.find("**Verification**") != std::string::npos);
    CHECK(md.find("**Risk:**") != std::string::npos);
    CHECK(md.find("**Rollback** (not part of `csx fix`") != std::string::npos);
    CHECK(md.find("RemoveAccessRuleSpecific") != std::string::npos);
    // Appendix: every file with its SHA-256, computed here independently.
    for (const char* f : {"csexport-ad-export-errors.xml", "csexport-aad-export-errors.xml",
                          "graph-provisioning-errors.json", "run-history-ad-export.xml"}) {
        sha256 h;
        h.update(test::read_file(test::source_path(std::string("corpus/demo/contoso/") + f)));
        CHECK(md.find("| corpus/demo/contoso/" + std::string(f) + " |") != std::string::npos);
        CHECK(md.find("`" + h.hex_digest() + "` | 2025-11-24 16:00:00 | complete |") !=
              std::string::npos);
    }

    const auto html = report("--tenant contoso --format html --shell powershell corpus/demo");
    REQUIRE(html.exit_code == 0);
    CHECK(html.out.find("<svg xmlns=\"http://www.w3.org/2000/svg\"") != std::string::npos);
    CHECK(html.out.find(
              "dsacls (&#39;\\\\&#39;+$pdc+&#39;\\CN=AdminSDHolder,CN=System,DC=contoso,"
              "DC=com&#39;) /G &#39;CONTOSO\\MSOL_0123456789ab:WP;msDS-KeyCredentialLink&#39;") !=
          std::string::npos);
    // Self-contained: no script, no external asset.
    CHECK(html.out.find("<script") == std::string::npos);
    CHECK(html.out.find("src=") == std::string::npos);
    CHECK(html.out.find("http://") == html.out.find("http://www.w3.org/2000/svg"));
    CHECK(html.out.find("https://") == std::string::npos);
}

TEST_CASE("report: --redact leaves none of the data's names, accounts or addresses", "[report]") {
    struct tenant_case {
        std::string tenant;
        std::vector<std::string> dirs;
        std::string args;
    };
    const std::vector<tenant_case> cases = {
        {"contoso", {test::source_path("corpus/demo")}, "corpus/demo"},
        {"fabrikam", {test::source_path("corpus/demo")}, "corpus/demo"},
        {"tailspin", {test::source_path("corpus/redaction")}, "corpus/redaction"}};
    for (const auto& c : cases) {
        const auto values = originals(c.tenant, c.dirs);
        INFO(c.tenant);
        REQUIRE(values.size() >= 4);
        for (const char* format : {"md", "html"}) {
            const auto plain =
                report("--tenant " + c.tenant + " --format " + format + " " + c.args);
            const auto red =
                report("--tenant " + c.tenant + " --redact --format " + format + " " + c.args);
            INFO(format << "\n" << red.err);
            REQUIRE(plain.exit_code == 0);
            REQUIRE(red.exit_code == 0);
            int in_plain = 0;
            for (const auto& v : values) {
                // HTML escapes the apostrophe: search for that spelling too.
                std::string escaped;
                for (char ch : v)
                    escaped += ch == '\'' ? std::string("&#39;") : std::string(1, ch);
                in_plain += occurs(plain.out, v) || occurs(plain.out, escaped);
                CHECK_FALSE(occurs(red.out, v));
                CHECK_FALSE(occurs(red.out, escaped));
            }
            CHECK(in_plain >= 3);  // the search finds them when they are there
            // What stays readable: structure, codes, commands' shape.
            CHECK(red.out.find("DC=" + c.tenant.substr(0, 4)) != std::string::npos);
            CHECK(red.out.find("dsacls") != std::string::npos);
        }
    }
    // The same name in other Unicode spellings, and base64 that decodes to it (tailspin's
    // Zoë Ünal): none reaches the redacted report, and the plain report does carry them.
    const auto tail_plain = report("--tenant tailspin corpus/redaction");
    const auto tail_red = report("--tenant tailspin --redact corpus/redaction");
    REQUIRE(tail_red.exit_code == 0);
    for (const char* v : {"ZOË ÜNAL", "Zoe\u0308 U\u0308nal", "Ünal, Zoë", "Zoë\u00a0Ünal",
                          "\uff3a\uff4f\u00eb Ünal", "Wm/DqyDDnG5hbCwgU2FsZXMgZGVzaw=="}) {
        CAPTURE(v);
        CHECK(tail_plain.out.find(v) != std::string::npos);
        CHECK(tail_red.out.find(v) == std::string::npos);
    }
    CHECK(tail_red.out.find("[manager: person-1; person-1; person-1; person-1; person-1]") !=
          std::string::npos);
    CHECK(tail_red.out.find("[base64 text withheld]") != std::string::npos);

    const auto md = report("--tenant contoso --redact corpus/demo");
    CHECK(md.out.find("CN=person-1,OU=IT,DC=contoso,DC=com") != std::string::npos);
    CHECK(md.out.find("CONTOSO\\account-1:WP;msDS-KeyCredentialLink") != std::string::npos);
    CHECK(md.out.find("-512 (Domain Admins, ") != std::string::npos);  // well-known: stays
    CHECK(md.out.find("smtp:mailbox-1@contoso.com") != std::string::npos);
}

TEST_CASE(
    "report: a Graph error is shown as the file writes it, its object by what the file "
    "gives, its category once",
    "[report]") {
    // A minified page: an object with only its id, one with only mail, one with neither.
    const std::string file = "corpus/minimal/graph-nameless-minified.json";
    const std::string raw = test::read_file(test::source_path(file));
    for (const char* format : {"md", "html"}) {
        const auto r = report(std::string("--format ") + format + " " + file);
        INFO(format << "\n" << r.err);
        REQUIRE(r.exit_code == 0);
        const bool html = std::string_view(format) == "html";
        const std::string q = html ? "&quot;" : "\"";
        // The file's own item: @odata.type, the offset and the seven digits, the \u escape.
        CHECK(r.out.find("{" + q + "@odata.type" + q + ":" + q +
                         "#microsoft.graph.onPremisesProvisioningError" + q + "," + q + "category" +
                         q + ":" + q + "PropertyConflict" + q + "," + q + "occurredDateTime" + q +
                         ":" + q + "2026-04-01T10:11:12.1234567+02:00" + q) != std::string::npos);
        CHECK(r.out.find("m\\u00fcller@fabrikam.example") != std::string::npos);
        CHECK(r.out.find("value as csx reads it (JSON escapes decoded): müller@fabrikam.example") !=
              std::string::npos);
        CHECK(r.out.find("re-serialised from the database") == std::string::npos);
        // Names: the Graph id, the mail, the place in the file; never "Entra ID" or empty.
        CHECK(r.out.find("onPremisesProvisioningErrors of 0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9 "
                         "(Graph user)") != std::string::npos);
        CHECK(r.out.find("onPremisesProvisioningErrors of partner@northwind.example (Graph "
                         "orgContact)") != std::string::npos);
        CHECK(r.out.find("Graph object " + std::string(html ? "#" : "\\#") + "3 of " + file +
                         " (line 1)") != std::string::npos);
        CHECK(r.out.find("of  (") == std::string::npos);
        CHECK(r.out.find("(Graph )") == std::string::npos);
        CHECK(r.out.find("Entra ID (Graph) (") == std::string::npos);
        // The category once.
        CHECK(r.out.find("PropertyConflict: ProxyAddresses smtp:desk@fabrikam.example") !=
              std::string::npos);
        CHECK(r.out.find("UnknownFutureCategory: Mail müller@fabrikam.example") !=
              std::string::npos);
        CHECK(r.out.find("PropertyConflict: PropertyConflict") == std::string::npos);
        CHECK(r.out.find("UnknownFutureCategory: UnknownFutureCategory") == std::string::npos);
    }
    // Redacted: an item holding a JSON escape could hide a value from the redactor, so that one
    // is re-serialised (and says so); the others stay the file's text.
    const auto red = report("--redact " + file);
    REQUIRE(red.exit_code == 0);
    CHECK(red.out.find("\\u00fc") == std::string::npos);
    CHECK(red.out.find("üller") == std::string::npos);
    CHECK(red.out.find("re-serialised from the database") != std::string::npos);
    CHECK(red.out.find("\"occurredDateTime\":\"2026-04-01T10:11:12.1234567+02:00\"") !=
          std::string::npos);
    CHECK(raw.find("\"occurredDateTime\":\"2026-04-01T10:11:12.1234567+02:00\"") !=
          std::string::npos);
}

TEST_CASE(
    "report: a csexport error is shown as the file writes it, redacted, one holding a character "
    "reference is re-serialised",
    "[report]") {
    test::temp_dir t;
    const std::string block =
        " <export-errordetail first-occurred=\"2026-05-07 08:14:02.113\" "
        "date-occurred=\"2026-06-16 09:30:41.877\" retry-count=\"12\" "
        "error-type=\"permission-issue\">\r\n"
        "  <export-status>\r\n"
        "   <cd-error>\r\n"
        "    <error-code>0x2098</error-code>\r\n"
        "    <error-literal>Insufficient access rights to perform the "
        "operation.</error-literal>\r\n"
        "    <server-error-detail>00002098: SecErr: DSID-03150F94, problem 4003 "
        "(INSUFF_ACCESS_RIGHTS), data 0 on CN=Zo&#xEB; Unal</server-error-detail>\r\n"
        "   </cd-error>\r\n"
        "  </export-status>\r\n"
        " </export-errordetail>";
    std::filesystem::create_directories(t.file("tailspin"));
    test::write_file(
        t.file("tailspin/csexport.xml"),
        test::utf16("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<cs-objects>\r\n"
                    "<cs-object cs-dn=\"CN=Zo&#xEB; Unal,OU=IT,DC=tailspin,DC=example\" "
                    "id=\"{A}\" object-type=\"user\">\r\n" +
                    block + "\r\n</cs-object>\r\n</cs-objects>\r\n"));
    std::string shown = block;  // CRLF shown as a line break
    for (auto p = shown.find("\r\n"); p != std::string::npos; p = shown.find("\r\n", p))
        shown.erase(p, 1);
    const std::string dir = test::shell_quote(t.file("tailspin"));
    const auto md = report("--tenant tailspin " + dir);
    INFO(md.err);
    REQUIRE(md.exit_code == 0);
    CHECK(md.out.find("csexport.xml:4, lines 4\u201312 as the file writes them:\n\n```xml\n" +
                      shown +
                      "\n```\n\n- error-code 0x2098 as csx reads it: 8344\n- line ends: CRLF in "
                      "the file, shown as line breaks\n") != std::string::npos);
    const auto html = report("--tenant tailspin --format html " + dir);
    REQUIRE(html.exit_code == 0);
    CHECK(html.out.find("lines 4\u201312 as the file writes them:</p>") != std::string::npos);
    CHECK(html.out.find("data 0 on CN=Zo&amp;#xEB; Unal&lt;/server-error-detail&gt;") !=
          std::string::npos);
    // Redacted: the reference would hide the name from the redactor: re-serialised instead.
    const auto red = report("--tenant tailspin --redact " + dir);
    REQUIRE(red.exit_code == 0);
    CHECK(red.out.find("&#xEB;") == std::string::npos);
    CHECK(red.out.find("Zo\u00eb") == std::string::npos);
    CHECK(red.out.find("csexport.xml:4, re-serialised from the database") != std::string::npos);
}

TEST_CASE("report: options, tenants and output file", "[report]") {
    CHECK(report("--tenant nobody corpus/demo").exit_code == 2);
    CHECK(report("corpus/demo").exit_code == 2);  // two tenants: which one?
    CHECK(report("--format pdf --tenant contoso corpus/demo").exit_code == 2);
    const auto one = report("corpus/redaction");  // one tenant: no --tenant needed
    CHECK(one.exit_code == 0);
    CHECK(one.out.find("escalation report for tailspin") != std::string::npos);

    test::temp_dir dir;
    const std::string out = dir.file("r.html");
    const auto r = report("--tenant contoso corpus/demo -o " + test::shell_quote(out));
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(test::read_file(out).rfind("<!DOCTYPE html>", 0) == 0);  // format from the extension
    CHECK_FALSE(std::filesystem::exists(out + ".csx-tmp"));
    CHECK(report("--tenant contoso corpus/demo -o /nonexistent/dir/r.md").exit_code == 4);
}

TEST_CASE("report: the HTML renders in headless Chromium without errors", "[report][chromium]") {
    std::string browser;
    for (const char* b : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
        if (std::filesystem::exists(b)) browser = b;
    if (browser.empty()) {
        if (std::getenv("CSX_SKIP_BROWSER")) {
            return test::skip("chromium is not installed and CSX_SKIP_BROWSER is set");
        }
        FAIL("chromium is not installed (.ci/install-deps installs it; CSX_SKIP_BROWSER=1 skips)");
    }
    test::temp_dir dir;
    const std::string html = dir.file("contoso.html");
    REQUIRE(report("--tenant contoso corpus/demo -o " + test::shell_quote(html)).exit_code == 0);
    // Every host name fails to resolve: an external asset would show up as a load error.
    const std::string cmd = test::shell_quote(browser) +
                            " --headless --no-sandbox --disable-gpu --enable-logging=stderr --v=0"
                            " --host-resolver-rules='MAP * ~NOTFOUND' --dump-dom " +
                            test::shell_quote("file://" + html) + " >" +
                            test::shell_quote(dir.file("dom")) + " 2>" +
                            test::shell_quote(dir.file("log"));
    REQUIRE(std::system(cmd.c_str()) == 0);
    const std::string dom = test::read_file(dir.file("dom"));
    const std::string log = test::read_file(dir.file("log"));
    INFO(log);
    CHECK(dom.find("<section id=\"summary\">") != std::string::npos);
    CHECK(dom.find("2 problems open: 1 high, 1 medium.") != std::string::npos);
    CHECK(dom.find("dsacls ('\\\\'+$pdc+'\\CN=AdminSDHolder,CN=System,DC=contoso,DC=com') /G "
                   "'CONTOSO\\MSOL_0123456789ab:WP;msDS-KeyCredentialLink'") != std::string::npos);
    CHECK(dom.find("<svg") != std::string::npos);
    CHECK(log.find("CONSOLE") == std::string::npos);
    CHECK(log.find("Failed to load") == std::string::npos);
    CHECK(log.find("net::ERR") == std::string::npos);
}

TEST_CASE("report: once dsacls outputs are in, each permission finding shows its fix status",
          "[report][verify]") {
    test::temp_dir t;
    const std::string db = "--db " + test::shell_quote(t.file("v.sqlite"));
    const std::string root = test::source_path("");
    REQUIRE(test::run_csx("ingest -q " + db + " corpus/demo/contoso", root).exit_code == 0);
    // Without dsacls output the report has no such section (the examples stay as they are).
    CHECK(report("--tenant contoso " + db).out.find("Fix status") == std::string::npos);
    REQUIRE(
        test::run_csx("ingest -q --tenant contoso " + db + " corpus/verify/contoso-granted", root)
            .exit_code == 0);
    for (const char* format : {"md", "html"}) {
        INFO(format);
        const auto plain = report("--tenant contoso --format " + std::string(format) + " " + db);
        REQUIRE(plain.exit_code == 0);
        CHECK(plain.out.find("Fix status") != std::string::npos);
        CHECK(plain.out.find("awaiting-sdprop") != std::string::npos);
        CHECK(plain.out.find("SDProp has not run: trigger it") != std::string::npos);
        // Redacted: the status stays, the account and the person do not.
        const auto red =
            report("--tenant contoso --redact --format " + std::string(format) + " " + db);
        REQUIRE(red.exit_code == 0);
        CHECK(red.out.find("awaiting-sdprop") != std::string::npos);
        CHECK(plain.out.find("0123456789ab") != std::string::npos);  // the account's own part
        CHECK(red.out.find("0123456789ab") == std::string::npos);
        CHECK(occurs(plain.out, "Dana Admin"));
        CHECK_FALSE(occurs(red.out, "Dana Admin"));
    }
}
