// LDIF as ldifde writes it: the reader's layout rules, ingest into ad_principal / ad_link, damage.
#include <catch2/catch.hpp>

#include "ingest/directory_writer.hpp"
#include "ingest/ldif_reader.hpp"
#include "ingest/sniff.hpp"
#include "sid_samples.hpp"
#include "store/db.hpp"
#include "store/statement.hpp"
#include "test_support.hpp"

using namespace csx;
using test::rows;
using test::scalar_int;
using test::scalar_text;
using rows_t = std::vector<std::vector<std::string>>;

namespace {

struct recorded final : ingest::ldif_events {
    struct entry {
        std::string dn;
        bool dn_base64 = false;
        std::int64_t line = 0;
        std::vector<std::tuple<std::string, std::string, bool, bool, std::int64_t>> values;
        bool ended = false;
    };
    std::vector<entry> entries;
    void entry_begin(std::string_view dn, bool base64, std::int64_t line) override {
        entries.push_back({std::string(dn), base64, line, {}, false});
    }
    void value(const ingest::ldif_value& v) override {
        entries.back().values.emplace_back(std::string(v.attr), std::string(v.value), v.base64,
                                           v.valid, v.line);
    }
    void entry_end() override { entries.back().ended = true; }
};

struct read_result {
    recorded ev;
    bool ok = false;
    std::optional<ingest::damage> failure;
};

read_result read(const std::string& text, std::size_t piece = 0) {
    read_result r;
    ingest::ldif_reader reader(r.ev);
    bool ok = true;
    if (piece == 0) {
        ok = reader.feed(text);
    } else {
        for (std::size_t i = 0; i < text.size() && ok; i += piece)
            ok = reader.feed(std::string_view(text).substr(i, piece));
    }
    r.ok = ok && reader.finish();
    r.failure = reader.failure();
    return r;
}

std::string sid_b64(const std::vector<std::uint32_t>& subs, std::uint64_t authority = 5) {
    return test::base64_encode(test::binary_sid(authority, subs));
}

// Two entries as ldifde writes them (CRLF, a leading blank line, a blank line after each).
std::string two_entries() {
    return "\r\n"
           "dn: CN=Ann,OU=IT,DC=contoso,DC=com\r\n"
           "changetype: add\r\n"
           "objectClass: user\r\n"
           "objectSid:: " +
           sid_b64(test::fabrikam_rid(1201)) +
           "\r\n"
           "\r\n"
           "dn: CN=Bob,OU=IT,DC=contoso,DC=com\r\n"
           "changetype: add\r\n"
           "objectClass: user\r\n"
           "memberOf: CN=Domain Admins,CN=Users,DC=contoso,DC=com\r\n"
           "memberOf: CN=Helpdesk,OU=Groups,DC=contoso,DC=com\r\n"
           "sAMAccountName: bob\r\n"
           "\r\n";
}

std::string utf16le(const std::string& ascii) {
    std::string out = "\xff\xfe";
    for (char c : ascii) {
        out += c;
        out += '\0';
    }
    return out;
}

}  // namespace

TEST_CASE("LDIF reader: entries, base64, continuations, comments, options", "[ldif]") {
    const std::string text =
        "# exported by ldifde\r\n"
        "#  a wrapped\r\n"
        " comment\r\n"
        "version: 1\r\n"
        "\r\n"
        "dn:: Q049UmVuw6llLERDPXg=\r\n"  // CN=Renée,DC=x in UTF-8
        "changetype: add\r\n"
        "description: first part\r\n"
        "  and the rest\r\n"  // one space removed: " and the rest" continues the value
        "member;range=0-1499: CN=A,DC=x\r\n"
        "# a comment inside the entry\r\n"
        "objectSid:: AQUAAAAAAA\r\n"
        " UVAAAA\r\n"
        "objectSid:: not base64!\r\n"
        "url:< file:///tmp/x\r\n"
        "\r\n"
        "\r\n"
        "dn: CN=Second,DC=x\r\n"
        "cn:Second\r\n"  // no space after the colon
        "\r\n";
    for (std::size_t piece : {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{7}}) {
        CAPTURE(piece);
        const auto r = read(text, piece);
        REQUIRE(r.ok);
        REQUIRE(r.ev.entries.size() == 2);
        const auto& e = r.ev.entries[0];
        CHECK(e.dn ==
              "CN=Ren\xc3\xa9"
              "e,DC=x");
        CHECK(e.dn_base64);
        CHECK(e.line == 6);
        CHECK(e.ended);
        REQUIRE(e.values.size() == 6);
        CHECK(e.values[0] == std::make_tuple(std::string("changetype"), std::string("add"), false,
                                             true, std::int64_t{7}));
        CHECK(e.values[1] == std::make_tuple(std::string("description"),
                                             std::string("first part and the rest"), false, true,
                                             std::int64_t{8}));
        CHECK(e.values[2] == std::make_tuple(std::string("member;range=0-1499"),
                                             std::string("CN=A,DC=x"), false, true,
                                             std::int64_t{10}));
        // The wrapped base64 is joined before decoding: 12 bytes of a SID header.
        CHECK(std::get<0>(e.values[3]) == "objectSid");
        CHECK(std::get<1>(e.values[3]) == std::string("\x01\x05\0\0\0\0\0\x05\x15\0\0\0", 12));
        CHECK(std::get<4>(e.values[3]) == 12);
        // Not base64: reported as such, not damage.
        CHECK_FALSE(std::get<3>(e.values[4]));
        CHECK(std::get<1>(e.values[4]) == "not base64!");
        CHECK(std::get<1>(e.values[5]) == "file:///tmp/x");
        const auto& s = r.ev.entries[1];
        CHECK(s.dn == "CN=Second,DC=x");
        CHECK(s.line == 18);
        CHECK(std::get<1>(s.values.at(0)) == "Second");
    }
}

TEST_CASE("LDIF reader: what is damage, and where", "[ldif]") {
    SECTION("a line that is not LDIF inside an entry: the entry is dropped, reading stops") {
        const auto r = read(two_entries() +
                            "dn: CN=C,DC=x\r\nobjectClass: user\r\nthis is no "
                            "attribute\r\nsAMAccountName: c\r\n\r\n");
        CHECK_FALSE(r.ok);
        REQUIRE(r.failure);
        CHECK(r.failure->line == 16);
        CHECK(r.failure->message.find("inside the entry that begins at line 14 is not LDIF: "
                                      "expected `attribute: value`") != std::string::npos);
        REQUIRE(r.ev.entries.size() == 3);
        CHECK(r.ev.entries[1].ended);
        CHECK_FALSE(r.ev.entries[2].ended);
    }
    SECTION("the file ends inside an entry (no blank line after it)") {
        const std::string all = two_entries();
        const std::string cut = all.substr(0, all.find("sAMAccountName"));
        const auto r = read(cut);
        CHECK_FALSE(r.ok);
        REQUIRE(r.failure);
        CHECK(r.failure->line == 11);  // the last line read
        CHECK(r.failure->message.find("ends inside the entry that begins at line 7") !=
              std::string::npos);
        CHECK(r.ev.entries.at(0).ended);
        CHECK_FALSE(r.ev.entries.at(1).ended);
    }
    SECTION("cut in the middle of a line") {
        const std::string all = two_entries();
        const auto r = read(all.substr(0, all.find("bob")));
        CHECK_FALSE(r.ok);
        REQUIRE(r.failure);
        CHECK(r.failure->line == 12);
    }
    SECTION("text before the first dn:") {
        const auto r = read("Connecting to \"dc1.contoso.com\"\r\n" + two_entries());
        REQUIRE(r.failure);
        CHECK(r.failure->line == 1);
        CHECK(r.failure->message.find("expected an entry's `dn:` line") != std::string::npos);
        CHECK(r.ev.entries.empty());
    }
    SECTION("an attribute outside any entry") {
        const auto r = read(two_entries() + "objectClass: user\r\n");
        REQUIRE(r.failure);
        CHECK(r.failure->line == 14);
        CHECK(r.failure->message.find("outside any entry") != std::string::npos);
        CHECK(r.ev.entries.size() == 2);
    }
    SECTION("a continuation line with nothing to continue") {
        const auto r = read("dn: CN=A,DC=x\r\n\r\n continued\r\n");
        REQUIRE(r.failure);
        CHECK(r.failure->line == 3);
        CHECK(r.failure->message.find("begins with a space") != std::string::npos);
    }
    SECTION("a DN where an attribute should be") {
        const auto r = read("dn: CN=A,DC=x\r\nCN=B,DC=x: oops\r\n\r\n");
        REQUIRE(r.failure);
        CHECK(r.failure->line == 2);
        CHECK(r.ev.entries.at(0).values.empty());
    }
    SECTION("a dn:: that is not base64") {
        const auto r = read("dn:: ???\r\n\r\n");
        REQUIRE(r.failure);
        CHECK(r.failure->message.find("not base64") != std::string::npos);
    }
    SECTION("two dn: lines in one entry") {
        const auto r = read("dn: CN=A,DC=x\r\ndn: CN=B,DC=x\r\n\r\n");
        REQUIRE(r.failure);
        CHECK(r.failure->line == 2);
        CHECK(r.failure->message.find("expected a blank line between entries") !=
              std::string::npos);
    }
    SECTION("a logical line past the bound") {
        recorded ev;
        ingest::ldif_reader reader(ev);
        REQUIRE(reader.feed("dn: CN=A,DC=x\r\ndescription: "));
        const std::string mib(1 << 20, 'a');
        bool ok = true;
        for (int i = 0; i < 16 && ok; ++i)
            ok = reader.feed(mib);
        CHECK_FALSE(ok);
        REQUIRE(reader.failure());
        CHECK(reader.failure()->line == 2);
        CHECK(reader.failure()->message.find("longer than 16 MiB") != std::string::npos);
    }
    SECTION("a white-space-only line after a blank line is one more blank line") {
        const auto r = read("dn: CN=A,DC=x\r\n\r\n \r\ndn: CN=B,DC=x\r\n\r\n");
        CHECK(r.ok);
        CHECK(r.ev.entries.size() == 2);
    }
}

TEST_CASE("sniffing recognises LDIF by its first dn: line", "[ldif][sniff]") {
    using ingest::input_kind;
    using ingest::sniff;
    CHECK(sniff(two_entries(), true).kind == input_kind::ldif);
    CHECK(sniff("# ldifde\r\n#  wrapped\r\n comment\r\nversion: 1\r\n\r\nDN:: Q049QQ==\r\n", true)
              .kind == input_kind::ldif);
    CHECK(sniff("dn:CN=A,DC=x\n", true).kind == input_kind::ldif);
    auto u = sniff(utf16le(two_entries()), true);
    CHECK(u.kind == input_kind::ldif);
    CHECK(u.encoding == ingest::text_encoding::utf16le);
    // Content decides, never the name; and text that merely mentions dn: is not LDIF.
    CHECK(sniff("version: 1\r\nobjectClass: user\r\n", true).kind == input_kind::unknown);
    CHECK(sniff("dnsHostName: dc1\r\n", true).kind == input_kind::unknown);
    CHECK(sniff("notes\r\ndn: CN=A,DC=x\r\n", true).kind == input_kind::unknown);
    CHECK(sniff(" dn: CN=A\r\n", true).kind == input_kind::ldif);  // leading white space skipped
}

TEST_CASE("ldifde -p base with tokenGroups (windows-1252): one user, every field", "[ldif]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s =
        test::ingest_paths(d, {test::source_path("corpus/minimal/ldifde-base-tokengroups.ldf")});
    REQUIRE(s.files.size() == 1);
    const auto& f = s.files[0];
    CAPTURE(f.message);
    CHECK(f.status == ingest::file_status::ingested);
    CHECK(f.kind == ingest::input_kind::ldif);
    CHECK(f.encoding == ingest::text_encoding::windows1252);
    CHECK(f.records == 1);
    CHECK(f.tenant == "fabrikam.example");  // from the first DN
    CHECK(f.message.empty());

    const std::string user = test::string_sid(5, test::fabrikam_rid(1104));
    const std::string domain = test::string_sid(5, test::kFabrikamDomain);
    CHECK(rows(d,
               "SELECT line, dn, dn_key, object_class, sid, domain_sid, rid, sam_account_name, "
               "admin_count, admin_count_known, primary_group_id, is_critical, member_of_listed, "
               "token_groups_listed, acl_protected, source FROM ad_principal") ==
          rows_t{{"2",
                  "CN=Ren\xc3\xa9"
                  "e M\xc3\xbcller,OU=Tier0,OU=Admins,DC=fabrikam,DC=example",
                  "CN=REN\xc3\xa9"
                  "E M\xc3\xbcLLER,OU=TIER0,OU=ADMINS,DC=FABRIKAM,DC=EXAMPLE",
                  "user", user, domain, "1104", "rmuller", "1", "1", "513", "NULL", "1", "1",
                  "NULL", "ldif"}});
    CHECK(rows(d, "SELECT kind, value, value_key, line FROM ad_link ORDER BY line") ==
          rows_t{{"member-of", "CN=Tier0 Operators,OU=Groups,DC=fabrikam,DC=example",
                  "CN=TIER0 OPERATORS,OU=GROUPS,DC=FABRIKAM,DC=EXAMPLE", "10"},
                 {"member-of", "CN=Domain Admins,CN=Users,DC=fabrikam,DC=example",
                  "CN=DOMAIN ADMINS,CN=USERS,DC=FABRIKAM,DC=EXAMPLE", "11"},
                 {"token-group", test::string_sid(5, test::fabrikam_rid(513)),
                  test::string_sid(5, test::fabrikam_rid(513)), "18"},
                 {"token-group", test::string_sid(5, test::fabrikam_rid(512)),
                  test::string_sid(5, test::fabrikam_rid(512)), "19"},
                 {"token-group", "S-1-5-32-544", "S-1-5-32-544", "20"},
                 {"token-group", "S-1-5-32-545", "S-1-5-32-545", "21"},
                 {"token-group", test::string_sid(5, test::fabrikam_rid(1120)),
                  test::string_sid(5, test::fabrikam_rid(1120)), "22"}});
    CHECK(scalar_text(d, "SELECT kind FROM source_file") == "ldif");
}

TEST_CASE("ldifde -u (UTF-16LE): groups, member range=, nesting, isCriticalSystemObject",
          "[ldif]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    ingest::ingest_options o;
    o.tenant = "fabrikam";
    auto s =
        test::ingest_paths(d, {test::source_path("corpus/minimal/ldifde-unicode-groups.ldf")}, o);
    REQUIRE(s.files.size() == 1);
    CAPTURE(s.files[0].message);
    CHECK(s.files[0].status == ingest::file_status::ingested);
    CHECK(s.files[0].encoding == ingest::text_encoding::utf16le);
    CHECK(s.files[0].records == 2);
    CHECK(rows(d,
               "SELECT line, dn, object_class, sid, rid, sam_account_name, admin_count, "
               "is_critical, member_of_listed, token_groups_listed FROM ad_principal ORDER BY "
               "line") == rows_t{{"2", "CN=Domain Admins,CN=Users,DC=fabrikam,DC=example", "group",
                                  test::string_sid(5, test::fabrikam_rid(512)), "512",
                                  "Domain Admins", "1", "1", "0", "0"},
                                 {"13", "CN=Tier0 Operators,OU=Groups,DC=fabrikam,DC=example",
                                  "group", test::string_sid(5, test::fabrikam_rid(1120)), "1120",
                                  "Tier0 Operators", "1", "NULL", "1", "0"}});
    CHECK(
        rows(d,
             "SELECT p.sam_account_name, l.kind, l.value, l.line FROM ad_link AS l "
             "JOIN ad_principal AS p USING (principal_id) ORDER BY l.line") ==
        rows_t{
            {"Domain Admins", "member", "CN=Tier0 Operators,OU=Groups,DC=fabrikam,DC=example", "6"},
            {"Domain Admins", "member", "CN=Administrator,CN=Users,DC=fabrikam,DC=example", "7"},
            {"Tier0 Operators", "member",
             "CN=Ren\xc3\xa9"
             "e M\xc3\xbcller,OU=Tier0,OU=Admins,DC=fabrikam,DC=example",
             "17"},
            {"Tier0 Operators", "member",
             "CN=Svc Backup,OU=Service Accounts,DC=fabrikam,DC=example", "18"},
            {"Tier0 Operators", "member-of", "CN=Domain Admins,CN=Users,DC=fabrikam,DC=example",
             "19"}});
    // The nesting joins on dn_key / value_key.
    CHECK(scalar_text(d,
                      "SELECT g.sam_account_name FROM ad_link AS l "
                      "JOIN ad_principal AS g USING (principal_id) "
                      "JOIN ad_principal AS m ON m.dn_key = l.value_key "
                      "WHERE l.kind = 'member' AND m.sam_account_name = 'Tier0 Operators'") ==
          "Domain Admins");
}

TEST_CASE("LDIF: bad SIDs are skipped with a note, change records are not objects", "[ldif]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    const std::string f = t.file("odd.ldf");
    // A SID one byte short, a SID that is not base64, one good tokenGroups value; then a modify
    // record as an import file holds it.
    const std::string short_sid = test::binary_sid(5, test::fabrikam_rid(1301));
    test::write_file(f,
                     "dn: CN=Cy,OU=IT,DC=contoso,DC=com\n"
                     "objectSid:: " +
                         test::base64_encode(short_sid.substr(0, short_sid.size() - 1)) +
                         "\n"
                         "tokenGroups:: %%%\n"
                         "tokenGroups:: " +
                         sid_b64(test::fabrikam_rid(513)) +
                         "\n"
                         "\n"
                         "dn: CN=Domain Admins,CN=Users,DC=contoso,DC=com\n"
                         "changetype: modify\n"
                         "add: member\n"
                         "member: CN=Cy,OU=IT,DC=contoso,DC=com\n"
                         "-\n"
                         "\n");
    auto s = test::ingest_paths(d, {f});
    REQUIRE(s.files.size() == 1);
    CHECK(s.files[0].status == ingest::file_status::ingested);
    CHECK(s.files[0].records == 1);
    CHECK(s.files[0].tenant == "contoso.com");
    CHECK(s.files[0].message ==
          "2 objectSid / tokenGroups value(s) are not a SID and were skipped (the first at line "
          "2); 1 change record(s) (changetype other than add) skipped: they describe changes to "
          "make, not the objects as they are");
    CHECK(rows(d,
               "SELECT dn, coalesce(sid, 'NULL'), admin_count_known, member_of_listed, "
               "token_groups_listed FROM ad_principal") ==
          rows_t{{"CN=Cy,OU=IT,DC=contoso,DC=com", "NULL", "0", "0",
                  "0"}});  // one tokenGroups value is no SID: not a whole list
    CHECK(rows(d, "SELECT kind, value, line FROM ad_link") ==
          rows_t{{"token-group", test::string_sid(5, test::fabrikam_rid(513)), "4"}});
}

TEST_CASE("LDIF damage keeps the entries before it and says where", "[ldif]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    const std::string all = two_entries();
    SECTION("cut in the middle of an entry (UTF-16LE)") {
        const std::string f = t.file("cut.ldf");
        test::write_file(f, utf16le(all.substr(0, all.find("memberOf: CN=Helpdesk"))));
        auto s = test::ingest_paths(d, {f}, {"contoso"});
        REQUIRE(s.files.size() == 1);
        CHECK(s.files[0].status == ingest::file_status::partial);
        CHECK(s.files[0].records == 1);
        REQUIRE(s.files[0].damage_at);
        CHECK(s.files[0].damage_at->line == 10);
        CHECK(s.files[0].message.find("ends inside the entry that begins at line 7") !=
              std::string::npos);
        CHECK(rows(d, "SELECT dn, sid FROM ad_principal") ==
              rows_t{{"CN=Ann,OU=IT,DC=contoso,DC=com",
                      test::string_sid(5, test::fabrikam_rid(1201))}});
        CHECK(rows(d, "SELECT status, error_line FROM source_file") == rows_t{{"partial", "10"}});
    }
    SECTION("a garbage line inside an entry") {
        const std::string f = t.file("garbage.ldf");
        std::string text = all;
        text.insert(text.find("sAMAccountName"), "<html>oops</html>\r\n");
        test::write_file(f, text);
        auto s = test::ingest_paths(d, {f}, {"contoso"});
        REQUIRE(s.files.size() == 1);
        CHECK(s.files[0].status == ingest::file_status::partial);
        CHECK(s.files[0].records == 1);
        REQUIRE(s.files[0].damage_at);
        CHECK(s.files[0].damage_at->line == 12);
        CHECK(s.files[0].message.find("line 12 inside the entry that begins at line 7 is not "
                                      "LDIF") != std::string::npos);
        CHECK(scalar_int(d, "SELECT count(*) FROM ad_link") == 0);  // Bob's entry is dropped
    }
    SECTION("an odd number of bytes in UTF-16: cut there") {
        const std::string f = t.file("odd.ldf");
        test::write_file(f, utf16le(all) + "d");
        auto s = test::ingest_paths(d, {f}, {"contoso"});
        CHECK(s.files.at(0).status == ingest::file_status::partial);
        CHECK(s.files[0].records == 2);
    }
}

TEST_CASE("directory keys are the views' DN keys, byte for byte", "[ldif]") {
    // The views key the DNs of errors and ACLs as upper(replace(dn, ', ', ',')); a link or a
    // principal keyed any other way would silently miss its join. SQLite is the oracle here.
    auto m = store::db::open(":memory:", store::open_mode::memory);
    for (const char* dn :
         {"CN=Dana Admin,OU=IT,DC=contoso,DC=com", "cn=dana admin, ou=it, dc=contoso",
          "CN=a,  OU=two spaces", "CN=Doe\\, Jane,OU=x", "CN=x\\2c y,DC=z",
          "CN=Ren\xc3\xa9"
          "e M\xc3\xbcller,DC=x",
          "CN=trailing ,DC=x ", "CN=a;OU=b", ""}) {
        CAPTURE(dn);
        auto st = m.prepare("SELECT upper(replace(?1, ', ', ','))");
        st.bind(1, std::string(dn));
        REQUIRE(st.step());
        CHECK(ingest::directory_writer::dn_key(dn) == st.column_text(0));
    }
}
