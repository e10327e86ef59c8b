// dsacls output saved from cmd in the console's OEM code page, or as ANSI: each file is read in
// the page that makes its names right (corpus/minimal/dsacls-*), and --codepage overrides.
#include <catch2/catch.hpp>

#include "ingest/ingester.hpp"
#include "test_support.hpp"
#include "text/encoding.hpp"

using namespace csx;

namespace {

struct case_ {
    const char* file;
    const char* encoding;
    const char* dn;
};

}  // namespace

TEST_CASE("dsacls output in cp850, cp437 or windows-1252 ingests to the right UTF-8 DN",
          "[ingest][dsacls]") {
    const case_ cases[] = {
        {"corpus/minimal/dsacls-cmd-cp850.txt", "cp850",
         "CN=J\xC3\xBCrgen Gro\xC3\x9F,OU=Zo\xC3\xAB M\xC3\xBCller Team,OU=IT,DC=contoso,DC=com"},
        {"corpus/minimal/dsacls-cmd-cp850-danish.txt", "cp850",
         "CN=S\xC3\xB8ren \xC3\x98rsted,OU=J\xC3\xBCrgen Gro\xC3\x9F Team,OU=IT,DC=contoso,"
         "DC=com"},
        // 437 has the same bytes as 850 for all its letters: read right, named cp850.
        {"corpus/minimal/dsacls-cmd-cp437.txt", "cp850",
         "CN=Ana N\xC3\xBA\xC3\xB1"
         "ez,OU=J\xC3\xBCrgen Gro\xC3\x9F Team,OU=IT,DC=contoso,DC=com"},
        {"corpus/minimal/dsacls-ansi-windows1252.txt", "windows-1252",
         "CN=J\xC3\xBCrgen Gro\xC3\x9F,OU=Zo\xC3\xAB M\xC3\xBCller Team,OU=IT,DC=contoso,DC=com"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.file);
        test::temp_dir t;
        auto d = test::fresh_db(t.file("db.sqlite"));
        auto s = test::ingest_paths(d, {test::source_path(c.file)}, {"contoso"});
        REQUIRE(s.files.size() == 1);
        CAPTURE(s.files[0].message);
        CHECK(s.files[0].status == ingest::file_status::ingested);
        CHECK(s.files[0].kind == ingest::input_kind::dsacls);
        CHECK(s.files[0].message.empty());  // not ambiguous
        CHECK(test::scalar_text(d, "SELECT encoding FROM source_file") == c.encoding);
        CHECK(test::scalar_text(d, "SELECT object_dn FROM acl") == c.dn);
        CHECK(test::scalar_int(d,
                               "SELECT count(*) FROM acl_entry WHERE principal LIKE "
                               "'CONTOSO\\MSOL_%' AND target = 'msDS-KeyCredentialLink'") == 1);
    }
}

TEST_CASE("a forced code page (--codepage) overrides the guess, and names what it read",
          "[ingest][dsacls]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    ingest::ingest_options o;
    o.tenant = "contoso";
    o.code_page = text::encoding::page(437);
    auto s = test::ingest_paths(d, {test::source_path("corpus/minimal/dsacls-cmd-cp437.txt")}, o);
    REQUIRE(s.files.size() == 1);
    CHECK(s.files[0].status == ingest::file_status::ingested);
    CHECK(test::scalar_text(d, "SELECT encoding FROM source_file") == "cp437");
    // Forced wrong: the windows-1252 copy read as cp850 gives the letters cmd would show.
    auto d2 = test::fresh_db(t.file("db2.sqlite"));
    o.code_page = text::encoding::page(850);
    s = test::ingest_paths(d2, {test::source_path("corpus/minimal/dsacls-ansi-windows1252.txt")},
                           o);
    CHECK(test::scalar_text(d2, "SELECT encoding FROM source_file") == "cp850");
    CHECK(test::scalar_text(d2, "SELECT object_dn FROM acl").starts_with("CN=J\xC2\xB3rgen"));
    // A page the bytes do not fit: damage at the byte, the output before it kept.
    auto d3 = test::fresh_db(t.file("db3.sqlite"));
    o.code_page = text::encoding::windows1252;
    s = test::ingest_paths(d3, {test::source_path("corpus/minimal/dsacls-cmd-cp850.txt")}, o);
    REQUIRE(s.files.size() == 1);
    CHECK(s.files[0].status == ingest::file_status::partial);
    CHECK(s.files[0].message.find("byte 0x81 at byte offset 27 is no character in windows-1252") !=
          std::string::npos);
}

TEST_CASE("an ambiguous dsacls code page is read, and the file's note says how to force it",
          "[ingest][dsacls]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    const std::string p = t.file("gross.txt");
    test::write_file(p,
                     "C:\\>dsacls \"CN=Gro\xE1,DC=contoso,DC=com\"\r\n"
                     "Owner: CONTOSO\\Domain Admins\r\nGroup: CONTOSO\\Domain Admins\r\n\r\n"
                     "Access list:\r\nAllow NT AUTHORITY\\SYSTEM             FULL CONTROL\r\n\r\n"
                     "The command completed successfully\r\n");
    auto s = test::ingest_paths(d, {p}, {"contoso"});
    REQUIRE(s.files.size() == 1);
    CHECK(s.files[0].status == ingest::file_status::ingested);
    CHECK(test::scalar_text(d, "SELECT object_dn FROM acl") == "CN=Gro\xC3\x9F,DC=contoso,DC=com");
    CHECK(s.files[0].message.find("cp850 and windows-1252 read its names equally well") !=
          std::string::npos);
    CHECK(s.files[0].message.find("--codepage") != std::string::npos);
}

TEST_CASE("csx ingest --codepage: forced, recorded, and refused when no code page",
          "[ingest][dsacls][cli]") {
    test::temp_dir t;
    const std::string db = t.file("db.sqlite");
    auto r = test::run_csx(
        "ingest --no-snapshot --tenant contoso --codepage 437 --db " + test::shell_quote(db) + " " +
        test::shell_quote(test::source_path("corpus/minimal/dsacls-cmd-cp437.txt")));
    CAPTURE(r.out, r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("cp437") != std::string::npos);
    auto bad = test::run_csx("ingest --codepage 65001 --db " + test::shell_quote(db));
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("UTF-8 and UTF-16 are detected") != std::string::npos);
}
