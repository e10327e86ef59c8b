// dsacls output: the reader's layout rules, and ingest into acl / acl_entry.
#include <catch2/catch.hpp>

#include "ingest/dsacls_reader.hpp"
#include "ingest/sniff.hpp"
#include "test_support.hpp"

using namespace csx;

namespace {

struct recorded final : ingest::dsacls_events {
    std::vector<ingest::acl_head> heads;
    std::vector<std::vector<ingest::acl_ace>> aces;
    void acl_begin(const ingest::acl_head&) override { aces.emplace_back(); }
    void ace(const ingest::acl_ace& a) override { aces.back().push_back(a); }
    void acl_end(const ingest::acl_head& h) override { heads.push_back(h); }
};

recorded read(const std::string& text, std::size_t piece = 0) {
    recorded r;
    ingest::dsacls_reader reader(r);
    if (piece == 0) {
        reader.feed(text);
    } else {
        for (std::size_t i = 0; i < text.size(); i += piece)
            reader.feed(std::string_view(text).substr(i, piece));
    }
    reader.finish();
    return r;
}

// An ACE's first line as dsacls lays it out: the right at column 38, or wrapped onto the next
// line when the principal does not leave room for it.
std::string pad(const std::string& left, const std::string& right) {
    if (left.size() >= 37) return left + "\r\n" + std::string(38, ' ') + right;
    std::string s = left;
    s.resize(38, ' ');
    return s + right;
}
const std::string kIndent(38, ' ');

// A protected object with a wrapped principal, the PERMISSONS typo, an inherited ACE, an
// extended right, a Deny, and an inheritable section.
const std::string kSample =
    "C:\\>dsacls \"CN=Dana Admin,OU=IT,DC=contoso,DC=com\"\r\n"
    "Owner: CONTOSO\\Domain Admins\r\n"
    "Group: CONTOSO\\Domain Users\r\n"
    "\r\n"
    "Access list:\r\n"
    "{This object is protected from inheriting permissions from the parent}\r\n"
    "\r\n" +
    pad("Allow CONTOSO\\MSOL_0123456789ab", "SPECIAL ACCESS for msDS-KeyCredentialLink") + "\r\n" +
    kIndent + "WRITE PROPERTY\r\n" + kIndent + "READ PROPERTY\r\n" +
    "Allow CONTOSO\\Exchange Windows Permissions\r\n" + kIndent +
    "SPECIAL ACCESS for pwdLastSet   <Inherited from parent>\r\n" + kIndent + "WRITE PROPERTY\r\n" +
    pad("Allow NT AUTHORITY\\Authenticated Users", "SPECIAL ACCESS") + "\r\n" + kIndent +
    "READ PERMISSONS\r\n" + kIndent + "LIST CONTENTS\r\n" +
    pad("Allow CONTOSO\\Helpdesk", "Reset Password   <Inherited from parent>") + "\r\n" +
    pad("Deny CONTOSO\\Temps", "SPECIAL ACCESS for mail") + "\r\n" + kIndent +
    "WRITE PROPERTY\r\n" + pad("Allow NT AUTHORITY\\SYSTEM", "FULL CONTROL") +
    "\r\n"
    "\r\n"
    "Permissions inherited to subobjects are:\r\n"
    "Inherited to all subobjects\r\n" +
    pad("Allow CONTOSO\\Auditors", "SPECIAL ACCESS") + "\r\n" + kIndent + "READ PROPERTY\r\n" +
    "Inherited to user\r\n" +
    pad("Allow CONTOSO\\MSOL_0123456789ab", "SPECIAL ACCESS for pwdLastSet") + "\r\n" + kIndent +
    "WRITE PROPERTY\r\n"
    "The command completed successfully\r\n";

}  // namespace

TEST_CASE("dsacls reader: owner, protection, every ACE shape, inheritable section",
          "[ingest][dsacls]") {
    // Whole, and fed in 7-byte pieces (lines split anywhere): the same result.
    for (std::size_t piece : {std::size_t{0}, std::size_t{7}}) {
        CAPTURE(piece);
        const auto r = read(kSample, piece);
        REQUIRE(r.heads.size() == 1);
        const auto& h = r.heads[0];
        CHECK(h.object_dn == "CN=Dana Admin,OU=IT,DC=contoso,DC=com");
        CHECK(h.owner == "CONTOSO\\Domain Admins");
        CHECK(h.group == "CONTOSO\\Domain Users");
        CHECK(h.is_protected);
        CHECK(h.complete);
        CHECK(h.failure.empty());
        const auto& a = r.aces[0];
        REQUIRE(a.size() == 8);

        CHECK(a[0].principal == "CONTOSO\\MSOL_0123456789ab");
        CHECK(a[0].permission == "SPECIAL ACCESS");
        CHECK(a[0].target == "msDS-KeyCredentialLink");
        CHECK(a[0].bits == std::vector<std::string>{"WRITE PROPERTY", "READ PROPERTY"});
        CHECK_FALSE(a[0].inherited);
        CHECK_FALSE(a[0].inheritable);
        CHECK(a[0].line == 8);

        // The wrapped principal: the right comes on the next line, with the inherited mark.
        CHECK(a[1].principal == "CONTOSO\\Exchange Windows Permissions");
        CHECK(a[1].target == "pwdLastSet");
        CHECK(a[1].inherited);
        CHECK(a[1].bits == std::vector<std::string>{"WRITE PROPERTY"});

        CHECK(a[2].permission == "SPECIAL ACCESS");
        CHECK(a[2].target.empty());
        CHECK(a[2].bits == std::vector<std::string>{"READ PERMISSIONS", "LIST CONTENTS"});

        CHECK(a[3].principal == "CONTOSO\\Helpdesk");
        CHECK(a[3].permission == "Reset Password");
        CHECK(a[3].inherited);

        CHECK_FALSE(a[4].allow);
        CHECK(a[4].principal == "CONTOSO\\Temps");
        CHECK(a[4].target == "mail");

        CHECK(a[5].permission == "FULL CONTROL");
        CHECK(a[5].bits.empty());

        CHECK(a[6].inheritable);
        CHECK(a[6].applies_to == "all subobjects");
        CHECK(a[7].inheritable);
        CHECK(a[7].applies_to == "user");
        CHECK(a[7].target == "pwdLastSet");
    }
}

TEST_CASE("dsacls command lines name the object, other lines do not", "[ingest][dsacls]") {
    using ingest::dsacls_command_dn;
    CHECK(dsacls_command_dn("C:\\Windows\\system32>dsacls \"CN=A,DC=x,DC=y\"") == "CN=A,DC=x,DC=y");
    CHECK(dsacls_command_dn("PS C:\\> dsacls 'CN=O''Brien\\, Sean,DC=x'") ==
          "CN=O'Brien\\, Sean,DC=x");
    CHECK(dsacls_command_dn("PS> dsacls.exe \"\\\\DC01:389\\CN=A,DC=x\" /A") == "CN=A,DC=x");
    CHECK(dsacls_command_dn("\"C:\\Windows\\System32\\dsacls.exe\" CN=A,DC=x") == "CN=A,DC=x");
    CHECK(dsacls_command_dn("dsacls CN=A,DC=x /G \"X\\y:WP;mail\"") == "CN=A,DC=x");
    CHECK_FALSE(dsacls_command_dn("dsacls /?"));
    CHECK_FALSE(dsacls_command_dn("Allow CONTOSO\\dsacls-admins        FULL CONTROL"));
    CHECK_FALSE(dsacls_command_dn("Owner: CONTOSO\\Domain Admins"));
    CHECK_FALSE(dsacls_command_dn("mydsacls \"CN=A,DC=x\""));
}

TEST_CASE("dsacls reader: several outputs, no command line, failure, truncation",
          "[ingest][dsacls]") {
    SECTION("two outputs in one transcript, the second without its command line") {
        const std::string text =
            "PS C:\\> dsacls 'CN=A,DC=x'\nOwner: X\\a\nGroup: X\\a\nAccess list:\n" +
            pad("Allow X\\u", "FULL CONTROL") +
            "\nThe command completed successfully\n"
            "Owner: X\\b\nGroup: X\\b\nAccess list:\n" +
            pad("Allow X\\v", "FULL CONTROL") + "\nThe command completed successfully\n";
        const auto r = read(text);
        REQUIRE(r.heads.size() == 2);
        CHECK(r.heads[0].object_dn == "CN=A,DC=x");
        CHECK(r.heads[1].object_dn.empty());
        CHECK(r.heads[1].owner == "X\\b");
        CHECK(r.aces[1].at(0).principal == "X\\v");
    }
    SECTION("a failed run records what dsacls said") {
        const auto r = read(
            "C:\\>dsacls \"CN=Nobody,DC=x\"\nError: The object does not exist.\n"
            "The command failed to complete successfully.\n");
        REQUIRE(r.heads.size() == 1);
        CHECK_FALSE(r.heads[0].complete);
        CHECK(r.heads[0].failure ==
              "Error: The object does not exist. The command failed to complete successfully.");
    }
    SECTION("an output cut short is incomplete") {
        recorded ev;
        ingest::dsacls_reader reader(ev);
        reader.feed("C:\\>dsacls \"CN=A,DC=x\"\nOwner: X\\a\nAccess list:\n" +
                    pad("Allow X\\u", "SPECIAL ACCESS for mail") + "\n" + kIndent + "WRITE PRO");
        reader.finish();
        REQUIRE(ev.heads.size() == 1);
        CHECK_FALSE(ev.heads[0].complete);
        CHECK(reader.incomplete_at() == 1);
        REQUIRE(ev.aces[0].size() == 1);
        CHECK(ev.aces[0][0].bits == std::vector<std::string>{"WRITE PRO"});
    }
}

TEST_CASE("sniffing tells dsacls output from other text", "[ingest][dsacls][sniff]") {
    CHECK(ingest::sniff(kSample, true).kind == ingest::input_kind::dsacls);
    CHECK(ingest::sniff("Owner: X\\a\nGroup: X\\a\n", true).kind == ingest::input_kind::dsacls);
    CHECK(ingest::sniff("just some notes\nOwner: me\n", true).kind == ingest::input_kind::unknown);
}

TEST_CASE("dsacls files ingest: UTF-8 from cmd and UTF-16LE from PowerShell, --object",
          "[ingest][dsacls]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    const std::string bare = t.file("bare.txt");
    // No command line: the DN comes from --object.
    test::write_file(bare, kSample.substr(kSample.find("Owner:")));
    ingest::ingest_options o;
    o.tenant = "contoso";
    o.object_dn = "CN=From Option,DC=contoso,DC=com";
    auto s = test::ingest_paths(
        d,
        {test::source_path("corpus/verify/contoso-granted/dsacls-adminsdholder.txt"),
         test::source_path("corpus/verify/contoso-granted/dsacls-dana-admin.txt"), bare},
        o);
    REQUIRE(s.files.size() == 3);
    for (const auto& f : s.files) {
        CAPTURE(f.path, f.message);
        CHECK(f.status == ingest::file_status::ingested);
        CHECK(f.kind == ingest::input_kind::dsacls);
        CHECK(f.records == 1);
    }
    for (const auto& f : s.files)
        CHECK(f.encoding == (f.path.ends_with("dana-admin.txt") ? ingest::text_encoding::utf16le
                                                                : ingest::text_encoding::utf8));
    CHECK(test::rows(d, "SELECT object_dn, dn_source, protected, complete FROM acl ORDER BY 1") ==
          std::vector<std::vector<std::string>>{
              {"CN=AdminSDHolder,CN=System,DC=contoso,DC=com", "file", "1", "1"},
              {"CN=Dana Admin,OU=IT,DC=contoso,DC=com", "file", "1", "1"},
              {"CN=From Option,DC=contoso,DC=com", "option", "1", "1"}});
    // The grant on AdminSDHolder, as written, this object only.
    CHECK(test::rows(d,
                     "SELECT scope, access, permission, target, bits, inherited, writes "
                     "FROM v_acl_entry WHERE principal = 'CONTOSO\\MSOL_0123456789ab' "
                     "AND object_dn LIKE 'CN=AdminSDHolder,%'") ==
          std::vector<std::vector<std::string>>{{"object", "allow", "SPECIAL ACCESS",
                                                 "msDS-KeyCredentialLink", "[\"WRITE PROPERTY\"]",
                                                 "0", "1"}});
    // Dana Admin before SDProp has run: no ACE of the connector account.
    CHECK(test::scalar_int(d,
                           "SELECT count(*) FROM v_acl_entry WHERE object_dn LIKE 'CN=Dana%' "
                           "AND principal LIKE '%MSOL%'") == 0);
    CHECK(test::scalar_int(d, "SELECT count(*) FROM acl_entry WHERE bits LIKE '%PERMISSONS%'") ==
          0);
}

TEST_CASE("a dsacls output cut short makes the file partial: kept, but proves no absence",
          "[ingest][dsacls]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    const std::string cut = t.file("cut.txt");
    test::write_file(cut, kSample.substr(0, kSample.find("Allow NT AUTHORITY\\SYSTEM")));
    auto s = test::ingest_paths(d, {cut}, {"contoso"});
    REQUIRE(s.files.size() == 1);
    CHECK(s.files[0].status == ingest::file_status::partial);
    REQUIRE(s.files[0].damage_at);
    CHECK(s.files[0].damage_at->line == 1);
    CHECK(s.files[0].message.find("ends before \"The command completed successfully\"") !=
          std::string::npos);
    CHECK(test::scalar_text(d, "SELECT complete FROM acl") == "0");
    CHECK(test::scalar_int(d, "SELECT count(*) FROM acl_entry") == 5);
}

TEST_CASE("an edited dsacls output is incomplete even when it ends successfully",
          "[ingest][dsacls]") {
    // As pasted into tickets and write-ups: lines replaced by markers. Lines may be missing, so
    // the ACL must never show an ACE absent.
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(d, {test::source_path("corpus/minimal/dsacls-edited-snip.txt")},
                                {"contoso"});
    REQUIRE(s.files.size() == 1);
    CHECK(s.files[0].status == ingest::file_status::partial);
    REQUIRE(s.files[0].damage_at);
    CHECK(s.files[0].damage_at->line == 9);
    CHECK(s.files[0].message.find("line 9: \"<SNIP>\" is not dsacls output") != std::string::npos);
    CHECK(s.files[0].message.find("never used to show an ACE absent") != std::string::npos);
    CHECK(test::scalar_text(d, "SELECT complete FROM acl") == "0");
    CHECK(test::scalar_int(d, "SELECT count(*) FROM acl_entry") == 3);  // what it does show

    const auto r = read("C:\\>dsacls \"CN=A,DC=x\"\nOwner: X\\a\nAccess list:\n" +
                        pad("Allow X\\u", "FULL CONTROL") + "\n...\n" +
                        "The command completed successfully\n");
    REQUIRE(r.heads.size() == 1);
    CHECK_FALSE(r.heads[0].complete);
    CHECK(r.heads[0].foreign_line == 5);
    CHECK(r.heads[0].foreign_text == "...");
}

TEST_CASE("ADSyncConfig's transcript names the object of the dsacls output it prints",
          "[ingest][dsacls]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(
        d, {test::source_path("corpus/minimal/adsyncconfig-transcript.txt")}, {"fabrikam"});
    REQUIRE(s.files.size() == 1);
    CHECK(s.files[0].status == ingest::file_status::ingested);
    CHECK(
        test::scalar_text(d, "SELECT object_dn || '|' || dn_source || '|' || complete FROM acl") ==
        "OU=Staff,DC=fabrikam,DC=example|file|1");
    CHECK(test::scalar_text(d, "SELECT target FROM acl_entry WHERE scope = 'inheritable'") ==
          "mS-DS-ConsistencyGuid");
}

TEST_CASE("a dsacls output that names no object is reported, not stored silently",
          "[ingest][dsacls]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    const std::string f = t.file("nodn.txt");
    test::write_file(f, "Owner: X\\a\nGroup: X\\a\nAccess list:\n" +
                            pad("Allow X\\u", "FULL CONTROL") +
                            "\nThe command completed successfully\n");
    auto s = test::ingest_paths(d, {f}, {"x"});
    REQUIRE(s.files.size() == 1);
    CHECK(s.files[0].status == ingest::file_status::partial);
    CHECK(s.files[0].message.find("does not name its object") != std::string::npos);
    CHECK(s.files[0].message.find("--object") != std::string::npos);
    // With --object the same file is complete.
    auto d2 = test::fresh_db(t.file("db2.sqlite"));
    ingest::ingest_options o;
    o.tenant = "x";
    o.object_dn = "CN=A,DC=x";
    auto s2 = test::ingest_paths(d2, {f}, o);
    CHECK(s2.files[0].status == ingest::file_status::ingested);
}
