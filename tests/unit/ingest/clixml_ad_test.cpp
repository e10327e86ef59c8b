// ActiveDirectory module objects saved with Export-Clixml: ingest into ad_principal / ad_link,
// Get-ADPrincipalGroupMembership with and without --object, damage, sniffing.
#include <catch2/catch.hpp>

#include "ingest/sniff.hpp"
#include "sid_samples.hpp"
#include "test_support.hpp"

using namespace csx;
using test::rows;
using test::scalar_int;
using test::scalar_text;
using rows_t = std::vector<std::vector<std::string>>;

namespace {

const std::string kHead =
    "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\n";

std::string sid_obj(const std::string& name, const std::string& sid, int ref) {
    return "<Obj N=\"" + name + "\" RefId=\"" + std::to_string(ref) + "\"><TN RefId=\"s" +
           std::to_string(ref) +
           "\"><T>Deserialized.System.Security.Principal.SecurityIdentifier</T></TN><ToString>" +
           sid + "</ToString></Obj>\n";
}

std::string fabrikam(std::uint32_t rid) {
    return test::string_sid(5, test::fabrikam_rid(rid));
}

}  // namespace

TEST_CASE("sniffing tells ActiveDirectory CLIXML from RunStep CLIXML and other CLIXML",
          "[clixml-ad][sniff]") {
    using ingest::input_kind;
    CHECK(ingest::sniff(kHead + "<Obj RefId=\"0\"><TN RefId=\"0\"><T>Deserialized.Microsoft."
                                "ActiveDirectory.Management.ADUser</T>",
                        false)
              .kind == input_kind::clixml_ad);
    CHECK(ingest::sniff(kHead + "<Obj RefId=\"0\"><TN RefId=\"0\"><T>Microsoft.ActiveDirectory."
                                "Management.ADGroup</T>",
                        false)
              .kind == input_kind::clixml_ad);
    CHECK(ingest::sniff(kHead + "<Obj><TN><T>Microsoft.IdentityManagement.PowerShell."
                                "ObjectModel.RunStepResult</T>",
                        false)
              .kind == input_kind::clixml_runstep);
    const auto other = ingest::sniff(kHead + "<Obj><TN><T>System.Diagnostics.Process</T>", true);
    CHECK(other.kind == input_kind::unknown);
    CHECK(other.reason.find("RunStepResult") != std::string::npos);
    CHECK(other.reason.find("Get-ADUser") != std::string::npos);
    CHECK(ingest::to_string(input_kind::clixml_ad) == "clixml-ad");
    CHECK(ingest::to_string(input_kind::ldif) == "ldif");
}

TEST_CASE("Get-ADUser | Export-Clixml (UTF-16LE): SID, adminCount Nil, MemberOf, protection",
          "[clixml-ad]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(d, {test::source_path("corpus/minimal/get-aduser.clixml.xml")});
    REQUIRE(s.files.size() == 1);
    const auto& f = s.files[0];
    CAPTURE(f.message);
    CHECK(f.status == ingest::file_status::ingested);
    CHECK(f.kind == ingest::input_kind::clixml_ad);
    CHECK(f.encoding == ingest::text_encoding::utf16le);
    CHECK(f.records == 1);
    CHECK(f.tenant == "fabrikam.example");
    CHECK(f.message.empty());
    CHECK(rows(d,
               "SELECT line, dn, object_class, sid, domain_sid, rid, sam_account_name, "
               "admin_count, admin_count_known, primary_group_id, is_critical, member_of_listed, "
               "token_groups_listed, acl_protected, source FROM ad_principal") ==
          rows_t{{"2", "CN=Lee Ops,OU=Admins,DC=fabrikam,DC=example", "user", fabrikam(1107),
                  test::string_sid(5, test::kFabrikamDomain), "1107", "lee.ops", "NULL", "1", "513",
                  "NULL", "1", "0", "1", "clixml"}});
    // MemberOf, then PrimaryGroup (a direct group memberOf leaves out).
    CHECK(rows(d, "SELECT kind, value, value_key, line FROM ad_link ORDER BY line") ==
          rows_t{{"member-of", "CN=Backup Operators,CN=Builtin,DC=fabrikam,DC=example",
                  "CN=BACKUP OPERATORS,CN=BUILTIN,DC=FABRIKAM,DC=EXAMPLE", "25"},
                 {"member-of", "CN=Op\xc3\xa9rateurs\\, niveau 1,OU=Groups,DC=fabrikam,DC=example",
                  // Keyed as the views key DNs: upper(replace(dn, ', ', ',')), escaped comma too.
                  "CN=OP\xc3\xa9RATEURS\\,NIVEAU 1,OU=GROUPS,DC=FABRIKAM,DC=EXAMPLE", "26"},
                 {"member-of", "CN=Domain Users,CN=Users,DC=fabrikam,DC=example",
                  "CN=DOMAIN USERS,CN=USERS,DC=FABRIKAM,DC=EXAMPLE", "63"}});
}

TEST_CASE("Get-ADPrincipalGroupMembership: the groups, tied to --object when given",
          "[clixml-ad]") {
    test::temp_dir t;
    const std::string file = test::source_path("corpus/minimal/get-adprincipalgroupmembership.xml");
    const rows_t groups = {
        {"2", "CN=Domain Users,CN=Users,DC=fabrikam,DC=example", "group", fabrikam(513), "513",
         "Domain Users", "0"},
        {"16", "CN=Backup Operators,CN=Builtin,DC=fabrikam,DC=example", "group", "S-1-5-32-551",
         "NULL", "Backup Operators", "0"},
        {"30", "CN=Op\xc3\xa9rateurs\\, niveau 1,OU=Groups,DC=fabrikam,DC=example", "group",
         fabrikam(1130), "1130", "Ops_x1", "0"}};
    const std::string q =
        "SELECT line, dn, coalesce(object_class, 'NULL'), coalesce(sid, 'NULL'), "
        "coalesce(rid, 'NULL'), coalesce(sam_account_name, 'NULL'), member_of_listed "
        "FROM ad_principal ORDER BY principal_id";

    SECTION("without --object: the groups only, and a note saying how to tie them") {
        auto d = test::fresh_db(t.file("db.sqlite"));
        auto s = test::ingest_paths(d, {file});
        REQUIRE(s.files.size() == 1);
        const auto& f = s.files[0];
        CHECK(f.status == ingest::file_status::ingested);
        CHECK(f.kind == ingest::input_kind::clixml_ad);
        CHECK(f.encoding == ingest::text_encoding::utf8);
        CHECK(f.records == 3);
        CHECK(f.message.find("Get-ADPrincipalGroupMembership output names no member: ingest with "
                             "--object DN to tie the groups to it") != std::string::npos);
        CHECK(rows(d, q) == groups);
        CHECK(scalar_int(d, "SELECT count(*) FROM ad_link") == 0);
    }
    SECTION("with --object: one more principal whose direct groups they are") {
        auto d = test::fresh_db(t.file("db.sqlite"));
        ingest::ingest_options o;
        o.object_dn = "CN=Lee Ops,OU=Admins,DC=fabrikam,DC=example";
        auto s = test::ingest_paths(d, {file}, o);
        REQUIRE(s.files.size() == 1);
        CHECK(s.files[0].status == ingest::file_status::ingested);
        CHECK(s.files[0].records == 4);
        CHECK(s.files[0].message.find("read as the Get-ADPrincipalGroupMembership output of "
                                      "CN=Lee Ops") != std::string::npos);
        auto expected = groups;
        expected.push_back({"2", "CN=Lee Ops,OU=Admins,DC=fabrikam,DC=example", "NULL", "NULL",
                            "NULL", "NULL", "1"});
        CHECK(rows(d, q) == expected);
        CHECK(rows(d,
                   "SELECT p.dn, l.kind, l.value, l.line FROM ad_link AS l "
                   "JOIN ad_principal AS p USING (principal_id) ORDER BY l.line") ==
              rows_t{{o.object_dn, "member-of", "CN=Domain Users,CN=Users,DC=fabrikam,DC=example",
                      "2"},
                     {o.object_dn, "member-of",
                      "CN=Backup Operators,CN=Builtin,DC=fabrikam,DC=example", "16"},
                     {o.object_dn, "member-of",
                      "CN=Op\xc3\xa9rateurs\\, niveau 1,OU=Groups,DC=fabrikam,DC=example", "30"}});
    }
}

TEST_CASE("Get-ADGroup -Properties member, adminCount 1, empty MemberOf, tokenGroups",
          "[clixml-ad]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    const std::string f = t.file("groups.xml");
    const std::string group_tn =
        "<TN RefId=\"0\"><T>Deserialized.Microsoft.ActiveDirectory.Management.ADGroup</T>"
        "<T>Deserialized.Microsoft.ActiveDirectory.Management.ADPrincipal</T></TN>\n";
    const std::string lst_tn =
        "<TN RefId=\"1\"><T>Deserialized.Microsoft.ActiveDirectory.Management."
        "ADPropertyValueCollection</T></TN>";
    test::write_file(
        f,
        kHead +                                                            // 1
            "<Obj RefId=\"0\">\n" +                                        // 2
            group_tn +                                                     // 3
            "<ToString>CN=Tier0,OU=Groups,DC=contoso,DC=com</ToString>\n"  // 4
            "<Props>\n"                                                    // 5
            "<I32 N=\"AdminCount\">1</I32>\n"                              // 6
            "<B N=\"IsCriticalSystemObject\">false</B>\n"                  // 7
            "<Obj N=\"Members\" RefId=\"1\">" +
            lst_tn +  // 8
            "<LST>\n"
            "<S>CN=Ann,OU=IT,DC=contoso,DC=com</S>\n"                                 // 9
            "<S>CN=Ren_x00E9_e,OU=IT,DC=contoso,DC=com</S>\n"                         // 10
            "</LST></Obj>\n"                                                          // 11
            "<Obj N=\"member\" RefId=\"2\"><TNRef RefId=\"1\" /><LST>\n"              // 12
            "<S>CN=Ann,OU=IT,DC=contoso,DC=com</S>\n"                                 // 13
            "</LST></Obj>\n"                                                          // 14
            "<Obj N=\"memberof\" RefId=\"3\"><TNRef RefId=\"1\" /><LST /></Obj>\n" +  // 15
            sid_obj("objectSid", "S-1-5-21-1-2-3-1500", 4) +                          // 16
            "</Props></Obj>\n"                                                        // 17
            "<Obj RefId=\"5\">\n"                                                     // 18
            "<TN RefId=\"2\"><T>Deserialized.Microsoft.ActiveDirectory.Management.ADUser</T></TN>\n"
            "<Props>\n"                                                        // 20
            "<S N=\"distinguishedName\">CN=Ann,OU=IT,DC=contoso,DC=com</S>\n"  // 21
            "<Obj N=\"TokenGroups\" RefId=\"6\"><TNRef RefId=\"1\" /><LST>\n"  // 22
            "<Obj RefId=\"7\"><TNRef RefId=\"s4\" /><ToString>S-1-5-21-1-2-3-1500</ToString>"
            "</Obj>\n"                         // 23
            "<S>S-1-5-32-544</S>\n"            // 24
            "<S>not a SID</S>\n"               // 25
            "</LST></Obj>\n"                   // 26
            "<Ref N=\"SID\" RefId=\"4\" />\n"  // 27
            // A collection written as a <Ref> is not read (and not taken as empty).
            "<Ref N=\"MemberOf\" RefId=\"3\" />\n"  // 28
            "</Props></Obj>\n"                      // 28
            "<Obj RefId=\"8\"><TN RefId=\"3\"><T>System.String</T></TN><ToString>x</ToString>"
            "</Obj>\n"
            "</Objs>\n");
    auto s = test::ingest_paths(d, {f}, {"contoso"});
    REQUIRE(s.files.size() == 1);
    CAPTURE(s.files[0].message);
    CHECK(s.files[0].status == ingest::file_status::ingested);
    CHECK(s.files[0].records == 2);  // the System.String is no AD object
    CHECK(s.files[0].message.empty());
    CHECK(rows(d,
               "SELECT line, dn, coalesce(object_class, 'NULL'), coalesce(sid, 'NULL'), "
               "coalesce(admin_count, 'NULL'), admin_count_known, coalesce(is_critical, 'NULL'), "
               "member_of_listed, token_groups_listed FROM ad_principal ORDER BY line") ==
          rows_t{{"2", "CN=Tier0,OU=Groups,DC=contoso,DC=com", "group", "S-1-5-21-1-2-3-1500", "1",
                  "1", "0", "1", "0"},
                 // The user's SID is a <Ref> to the group's SID object (a contrived file: the
                 // point is that Ref is followed).
                 {"18", "CN=Ann,OU=IT,DC=contoso,DC=com", "user", "S-1-5-21-1-2-3-1500", "NULL",
                  "0", "NULL", "0", "0"}});  // "not a SID" in tokenGroups: the list proves no absence
    CHECK(rows(d, "SELECT kind, value, line FROM ad_link ORDER BY line") ==
          rows_t{{"member", "CN=Ann,OU=IT,DC=contoso,DC=com", "9"},
                 {"member",
                  "CN=Ren\xc3\xa9"
                  "e,OU=IT,DC=contoso,DC=com",
                  "10"},
                 {"token-group", "S-1-5-21-1-2-3-1500", "23"},
                 {"token-group", "S-1-5-32-544", "24"}});
}

TEST_CASE("ActiveDirectory CLIXML damage: truncation keeps earlier objects, nothing AD is said",
          "[clixml-ad]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    const std::string whole =
        test::read_file(test::source_path("corpus/minimal/get-adprincipalgroupmembership.xml"));
    SECTION("cut inside the third group") {
        const std::string f = t.file("cut.xml");
        test::write_file(f, whole.substr(0, whole.find("<S N=\"SamAccountName\">Ops")));
        ingest::ingest_options o;
        o.object_dn = "CN=Lee Ops,OU=Admins,DC=fabrikam,DC=example";
        auto s = test::ingest_paths(d, {f}, o);
        REQUIRE(s.files.size() == 1);
        CHECK(s.files[0].status == ingest::file_status::partial);
        CHECK(s.files[0].records == 2);
        CHECK(s.files[0].message.find("the file ends inside <Props> opened at line 33") !=
              std::string::npos);
        // An incomplete list is not tied to the member: it would claim too few groups.
        CHECK(scalar_int(d, "SELECT count(*) FROM ad_principal WHERE member_of_listed = 1") == 0);
        CHECK(scalar_int(d, "SELECT count(*) FROM ad_principal") == 2);
    }
    SECTION("CLIXML of something else read as clixml-ad") {
        ingest::ingest_options o;
        o.tenant = "x";
        o.kind = ingest::input_kind::clixml_ad;
        auto s = test::ingest_paths(d, {test::source_path("corpus/minimal/today-RunStep.xml")}, o);
        REQUIRE(s.files.size() == 1);
        CHECK(s.files[0].status == ingest::file_status::partial);
        CHECK(s.files[0].records == 0);
        CHECK(s.files[0].message.find("no ActiveDirectory module objects found") !=
              std::string::npos);
    }
    SECTION("an AD object without any DN is skipped and said") {
        const std::string f = t.file("nodn.xml");
        test::write_file(f, kHead +
                                "<Obj RefId=\"0\"><TN RefId=\"0\"><T>Microsoft.ActiveDirectory."
                                "Management.ADUser</T></TN>\n<Props><S N=\"SamAccountName\">x</S>"
                                "</Props></Obj>\n</Objs>\n");
        auto s = test::ingest_paths(d, {f}, {"x"});
        CHECK(s.files.at(0).status == ingest::file_status::partial);
        CHECK(s.files[0].records == 0);
        CHECK(s.files[0].message.find("neither a DistinguishedName nor a DN") != std::string::npos);
        CHECK(scalar_text(d, "SELECT status FROM source_file") == "partial");
    }
}
