// csx verify's verdicts, one scenario each, and how newer dumps and Export steps resolve
// findings (v_resolved_error). Inputs: the demo tenants plus dsacls outputs and dumps written
// here in the documented layouts.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "remediation/verification.hpp"
#include "rules/rule_engine.hpp"
#include "rules/rule_loader.hpp"
#include "test_support.hpp"

using namespace csx;

namespace {

const std::string kDana = "CN=Dana Admin,OU=IT,DC=contoso,DC=com";
const std::string kHolder = "CN=AdminSDHolder,CN=System,DC=contoso,DC=com";
const std::string kMsol = "CONTOSO\\MSOL_0123456789ab";
const std::string kNia = "CN=Nia Ops,OU=Ops,DC=fabrikam,DC=example";
const std::string kFabMsol = "FABRIKAM\\MSOL_fab0123456cd";

std::string line(const std::string& left, const std::string& right) {
    if (left.size() >= 37) return left + "\n" + std::string(38, ' ') + right + "\n";
    std::string s = left;
    s.resize(38, ' ');
    return s + right + "\n";
}

struct ace_spec {
    std::string access = "Allow";
    std::string principal;
    std::string target;
    std::string bit = "WRITE PROPERTY";
};

// A dsacls output: `aces` in the Access list, `inheritable` under "Inherited to <cls>".
std::string dsacls(const std::string& dn, bool is_protected, const std::vector<ace_spec>& aces,
                   const std::vector<ace_spec>& inheritable = {}, const std::string& cls = "user",
                   bool complete = true) {
    std::string s = fmt::format(
        "C:\\>dsacls \"{}\"\nOwner: X\\Domain Admins\nGroup: X\\Domain "
        "Admins\n\nAccess list:\n",
        dn);
    if (is_protected)
        s += "{This object is protected from inheriting permissions from the parent}\n";
    s += line("Allow NT AUTHORITY\\SYSTEM", "FULL CONTROL");
    for (const auto& a : aces)
        s += line(a.access + " " + a.principal, "SPECIAL ACCESS for " + a.target) +
             std::string(38, ' ') + a.bit + "\n";
    if (!inheritable.empty()) {
        s += "\nPermissions inherited to subobjects are:\nInherited to " + cls + "\n";
        for (const auto& a : inheritable)
            s += line(a.access + " " + a.principal, "SPECIAL ACCESS for " + a.target) +
                 std::string(38, ' ') + a.bit + "\n";
    }
    if (complete) s += "The command completed successfully\n";
    return s;
}

struct scenario {
    test::temp_dir t;
    store::db d = test::fresh_db(t.file("db.sqlite"));
    int n = 0;

    // One ingest batch of the given files (name -> content) and corpus paths.
    void batch(const std::vector<std::pair<std::string, std::string>>& files,
               const std::vector<std::string>& corpus, const std::string& tenant,
               const std::string& connector = "") {
        std::vector<std::string> paths;
        for (const auto& c : corpus)
            paths.push_back(test::source_path(c));
        for (const auto& [name, content] : files) {
            const std::string p = t.file(fmt::format("{}-{}", ++n, name));
            test::write_file(p, content);
            paths.push_back(p);
        }
        ingest::ingest_options o;
        o.tenant = tenant;
        o.connector = connector;
        const auto s = test::ingest_paths(d, paths, o);
        for (const auto& f : s.files) {
            CAPTURE(f.path, f.message);
            REQUIRE(f.status == (f.path.find("partial") != std::string::npos
                                     ? ingest::file_status::partial
                                     : ingest::file_status::ingested));
        }
    }

    std::vector<rules::finding> findings(const std::string& tenant, bool resolved = true) {
        rules::run_options ro;
        ro.tenant = tenant;
        ro.include_resolved = resolved;
        return rules::run_rules(d, rules::load_rules(""), ro);
    }

    std::vector<remediation::verification> verify(const std::string& tenant,
                                                  const std::string& account = "") {
        return remediation::verify_findings(d, findings(tenant), {account});
    }

    // The one verification of `dn`.
    remediation::verification one(const std::string& tenant, const std::string& dn,
                                  const std::string& account = "") {
        std::vector<remediation::verification> hits;
        for (auto& v : verify(tenant, account))
            if (v.object_dn == dn) hits.push_back(v);
        REQUIRE(hits.size() == 1);
        return hits[0];
    }

    const rules::finding* finding_of(const std::string& tenant, const std::string& rule,
                                     const std::string& dn, std::vector<rules::finding>& keep) {
        keep = findings(tenant);
        for (const auto& f : keep)
            if (f.rule_id == rule && f.object_dn == dn) return &f;
        return nullptr;
    }
};

const std::vector<std::string> kContoso = {
    "corpus/demo/contoso/csexport-ad-export-errors.xml",
    "corpus/demo/contoso/csx-evidence-6a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.ldf",
    "corpus/demo/contoso/run-history-ad-export.xml",
    "corpus/demo/contoso/config-export/Connectors/"
    "Connector_{ae4db4cc-b16b-4eb2-acf5-837ca84e4d7d}.xml"};

// The demo AD dump with a different byte content (a comment), so it ingests again.
std::string contoso_dump_again() {
    std::string s = test::read_file(test::source_path(kContoso[0]));
    return s.insert(s.find("<cs-objects>"), "<!-- taken again -->\n");
}

}  // namespace

TEST_CASE("verify, AdminSDHolder: each stage of the fix gets its verdict", "[verify]") {
    scenario s;
    s.batch({}, kContoso, "contoso");
    const ace_spec grant{"Allow", kMsol, "msDS-KeyCredentialLink"};

    SECTION("nothing ingested yet: no evidence, and what to bring") {
        const auto v = s.one("contoso", kDana);
        CHECK(v.status == "no-evidence");
        CHECK(v.attribute == "msDS-KeyCredentialLink");
        CHECK(v.principal == kMsol);
        CHECK(v.next.find(kHolder) != std::string::npos);
        CHECK_FALSE(v.fixed);
    }
    SECTION("granted on AdminSDHolder, object not shown") {
        s.batch({{"holder.txt", dsacls(kHolder, true, {grant})}}, {}, "contoso");
        CHECK(s.one("contoso", kDana).status == "adminsdholder-granted");
    }
    SECTION("granted on AdminSDHolder, object still without it: SDProp has not run") {
        s.batch(
            {{"holder.txt", dsacls(kHolder, true, {grant})}, {"dana.txt", dsacls(kDana, true, {})}},
            {}, "contoso");
        const auto v = s.one("contoso", kDana);
        CHECK(v.status == "awaiting-sdprop");
        CHECK(v.summary == "ACE present on AdminSDHolder but not yet on " + kDana +
                               " — SDProp has not run: trigger it");
    }
    SECTION("the grant on AdminSDHolder is inheritable only") {
        s.batch({{"holder.txt", dsacls(kHolder, true, {}, {grant})},
                 {"dana.txt", dsacls(kDana, true, {})}},
                {}, "contoso");
        CHECK(s.one("contoso", kDana).status == "adminsdholder-inherit-only");
    }
    SECTION("complete outputs, no grant anywhere; another account's grant does not count") {
        s.batch({{"holder.txt",
                  dsacls(kHolder, true,
                         {{"Allow", "CONTOSO\\MSOL_ffffffffffff", "msDS-KeyCredentialLink"}})},
                 {"dana.txt", dsacls(kDana, true, {{"Allow", kMsol, "mail"}})}},
                {}, "contoso");
        CHECK(s.one("contoso", kDana).status == "missing");
    }
    SECTION("the object's complete output lacks it, AdminSDHolder not shown: ask for it") {
        s.batch({{"dana.txt", dsacls(kDana, true, {})}}, {}, "contoso");
        const auto v = s.one("contoso", kDana);
        CHECK(v.status == "missing");
        CHECK(v.next.find("no dsacls output of " + kHolder) != std::string::npos);
    }
    SECTION("an incomplete output proves no absence") {
        s.batch({{"dana-partial.txt", dsacls(kDana, true, {}, {}, "user", false)}}, {}, "contoso");
        CHECK(s.one("contoso", kDana).status == "unproven");
    }
    SECTION("the ACE is on the object; no dump taken since") {
        s.batch({{"dana.txt", dsacls(kDana, true, {grant})}}, {}, "contoso");
        CHECK(s.one("contoso", kDana).status == "ace-present-awaiting-sync");
    }
    SECTION("the schema display name of the attribute matches too") {
        s.batch({{"dana.txt",
                  dsacls(kDana, true,
                         {{"Allow", "CONTOSO\\msol_0123456789AB", "ms-DS-Key-Credential-Link"}})}},
                {}, "contoso");
        CHECK(s.one("contoso", kDana).status == "ace-present-awaiting-sync");
    }
    SECTION("the ACE is on the object, and a dump of the same ingest still shows the error") {
        s.batch({{"dana.txt", dsacls(kDana, true, {grant})}, {"again.xml", contoso_dump_again()}},
                {}, "contoso");
        const auto v = s.one("contoso", kDana);
        CHECK(v.status == "ace-present-error-persists");
        CHECK(v.summary.find("again.xml") != std::string::npos);
    }
    SECTION("a Deny ACE on the object wins") {
        s.batch(
            {{"dana.txt", dsacls(kDana, true, {grant, {"Deny", kMsol, "msDS-KeyCredentialLink"}})}},
            {}, "contoso");
        CHECK(s.one("contoso", kDana).status == "denied");
    }
    SECTION("the next Export step ended success: fixed, dated") {
        s.batch({{"dana.txt", dsacls(kDana, true, {grant})}},
                {"corpus/verify/contoso-fixed/run-history-ad-export.xml"}, "contoso");
        const auto v = s.one("contoso", kDana);
        CHECK(v.status == "fixed");
        CHECK(v.fixed);
        CHECK(v.summary.find("2026-06-17 10:14:55.918") != std::string::npos);
        CHECK(v.next.empty());
    }
}

TEST_CASE("verify without a known connector account says so, --account fills it", "[verify]") {
    scenario s;
    s.batch({}, {kContoso[0]}, "contoso");
    s.batch({{"dana.txt", dsacls(kDana, true, {{"Allow", kMsol, "msDS-KeyCredentialLink"}})}}, {},
            "contoso");
    CHECK(s.one("contoso", kDana).status == "unknown-account");
    CHECK(s.one("contoso", kDana, kMsol).status == "ace-present-awaiting-sync");
}

TEST_CASE("verify, OU grant: inherited from the OU, or blocked on the object", "[verify]") {
    scenario s;
    s.batch({}, {"corpus/demo/fabrikam"}, "fabrikam");
    const ace_spec grant{"Allow", kFabMsol, "msExchSafeSendersHash"};
    SECTION("the demo's dsacls output of Nia (complete, inheriting) holds no such grant") {
        CHECK(s.one("fabrikam", kNia).status == "missing");
    }
    SECTION("the OU grants it to users; the object is not shown") {
        s.batch({{"ou.txt", dsacls("OU=Ops,DC=fabrikam,DC=example", false, {}, {grant})}}, {},
                "fabrikam");
        CHECK(s.one("fabrikam", kNia).status == "ancestor-granted");
    }
    SECTION("the domain root grants it to all sub-objects, the object inherits it") {
        s.batch(
            {{"root.txt", dsacls("DC=fabrikam,DC=example", false, {}, {grant}, "all subobjects")},
             {"nia.txt", dsacls(kNia, false, {grant})}},
            {}, "fabrikam");
        CHECK(s.one("fabrikam", kNia).status == "ace-present-awaiting-sync");
    }
    SECTION("a grant inherited to another class does not count") {
        s.batch({{"ou.txt", dsacls("OU=Ops,DC=fabrikam,DC=example", false, {}, {grant}, "group")},
                 {"nia.txt", dsacls(kNia, false, {})}},
                {}, "fabrikam");
        CHECK(s.one("fabrikam", kNia).status == "missing");
    }
    SECTION("the OU grants it, but the object is protected from inheritance") {
        s.batch({{"ou.txt", dsacls("OU=Ops,DC=fabrikam,DC=example", false, {}, {grant})},
                 {"nia.txt", dsacls(kNia, true, {})}},
                {}, "fabrikam");
        // "Protected from inheriting" alone does not make it AdminSDHolder's: with no protected
        // membership and no adminCount in the files it is inheritance blocked (circumstantial:
        // the read-only check first), never a grant on AdminSDHolder.
        std::vector<rules::finding> keep;
        CHECK_FALSE(s.finding_of("fabrikam", "adminsdholder-writeback-denied", kNia, keep));
        const auto* f =
            s.finding_of("fabrikam", "inheritance-blocked-writeback-denied", kNia, keep);
        REQUIRE(f);
        CHECK(f->evidence == "circumstantial");
        CHECK(f->evidence_detail.find("protected from inheriting permissions") !=
              std::string::npos);
        CHECK(s.one("fabrikam", kNia).status == "inheritance-blocked");
    }
}

TEST_CASE("findings are resolved by newer evidence only when it speaks for them", "[resolve]") {
    scenario s;
    s.batch({}, kContoso, "contoso");
    auto dana = [&](bool include_resolved) -> std::optional<rules::finding> {
        for (auto& f : s.findings("contoso", include_resolved))
            if (f.rule_id == "adminsdholder-writeback-denied") return f;
        return std::nullopt;
    };
    REQUIRE(dana(false));
    const std::string empty = "<?xml version=\"1.0\"?>\n<cs-objects>\n</cs-objects>\n";

    SECTION("an empty dump that names no connector resolves nothing") {
        s.batch({{"empty.xml", empty}}, {}, "contoso");
        CHECK(dana(false));
    }
    SECTION("the same empty dump tied to the connector resolves it, undated") {
        s.batch({{"empty.xml", empty}}, {}, "contoso", "contoso.com");
        CHECK_FALSE(dana(false));
        const auto f = dana(true);
        REQUIRE(f);
        CHECK(f->resolved);
        CHECK(f->resolved_at.empty());
        CHECK(f->resolved_by.find("no longer lists the object") != std::string::npos);
        CHECK(f->resolved_by.find("it holds no date") != std::string::npos);
    }
    SECTION("a one-object dump of another object speaks only for that object") {
        std::string lee = test::read_file(test::source_path(kContoso[0]));
        lee.erase(lee.find("<cs-object "),
                  lee.find("<cs-object cs-dn=\"CN=Lee") - lee.find("<cs-object "));
        s.batch({{"lee.xml", lee}}, {}, "contoso");
        CHECK(dana(false));
    }
    SECTION("a newer dump holding the object without the error resolves it, dated by its export") {
        s.batch({}, {"corpus/history/contoso-day2"}, "contoso");
        const auto f = dana(true);
        REQUIRE(f);
        CHECK(f->resolved);
        CHECK(f->resolved_at == "2026-06-17 08:02:11.000");
    }
    SECTION("a newer dump with the same error supersedes the old one: one open finding") {
        s.batch({{"again.xml", contoso_dump_again()}}, {}, "contoso");
        int n = 0;
        for (const auto& f : s.findings("contoso", true)) {
            if (f.rule_id != "adminsdholder-writeback-denied") continue;
            ++n;
            CHECK_FALSE(f.resolved);
            CHECK(f.source_file.find("again.xml") != std::string::npos);
        }
        CHECK(n == 1);
    }
    SECTION("an Export step that started before the last failure resolves nothing") {
        std::string rh = test::read_file(
            test::source_path("corpus/verify/contoso-fixed/run-history-ad-export.xml"));
        rh.replace(rh.find("2026-06-17 10:14:52.300"), 23, "2026-06-16 09:00:00.000");
        s.batch({{"early.xml", rh}}, {}, "contoso");
        CHECK(dana(false));
    }
}

TEST_CASE("account and attribute comparison", "[verify]") {
    using remediation::same_account;
    CHECK(same_account("CONTOSO\\MSOL_0123456789ab", "contoso\\msol_0123456789AB"));
    CHECK(same_account("CONTOSO\\MSOL_0123456789ab", "MSOL_0123456789ab@contoso.com"));
    CHECK_FALSE(same_account("CONTOSO\\MSOL_0123456789ab", "FABRIKAM\\MSOL_0123456789ab"));
    CHECK_FALSE(same_account("CONTOSO\\MSOL_0123456789ab", "CONTOSO\\MSOL_0123456789"));
    CHECK_FALSE(same_account("", "CONTOSO\\x"));
    CHECK(remediation::attribute_key("ms-DS-Key-Credential-Link") ==
          remediation::attribute_key("msDS-KeyCredentialLink"));
    CHECK(remediation::attribute_key("Pwd-Last-Set") == remediation::attribute_key("pwdLastSet"));
}

TEST_CASE("verify closes the loop for the stale-adminCount and blocked-inheritance rules",
          "[verify]") {
    // fabrikam: Ivy Former (orphaned-admincount, from ldifde tokenGroups), Hal Locked
    // (inheritance-blocked, from Get-ADUser CLIXML). Both rules declare verify: inheritance.
    const std::string ivy = "CN=Ivy Former,OU=Ops,DC=fabrikam,DC=example";
    const std::string hal = "CN=Hal Locked,OU=Finance,DC=fabrikam,DC=example";
    scenario s;
    s.batch({}, {"corpus/demo/fabrikam"}, "fabrikam");
    std::vector<rules::finding> keep;
    REQUIRE(s.finding_of("fabrikam", "orphaned-admincount", ivy, keep));
    REQUIRE(s.finding_of("fabrikam", "inheritance-blocked-writeback-denied", hal, keep));
    CHECK(s.one("fabrikam", ivy).status == "no-evidence");
    CHECK(s.one("fabrikam", hal).status == "no-evidence");
    SECTION("after the fix: inheritance on again, the inherited grant on the object") {
        s.batch({{"ivy.txt",
                  dsacls(ivy, false, {{"Allow", kFabMsol, "msDS-ExternalDirectoryObjectID"}})},
                 {"hal.txt", dsacls(hal, false, {{"Allow", kFabMsol, "mS-DS-ConsistencyGuid"}})}},
                {}, "fabrikam");
        CHECK(s.one("fabrikam", ivy).status == "ace-present-awaiting-sync");
        CHECK(s.one("fabrikam", hal).status == "ace-present-awaiting-sync");
    }
    SECTION("the OU grants it, but the object still blocks inheritance") {
        s.batch({{"ou.txt", dsacls("OU=Finance,DC=fabrikam,DC=example", false, {},
                                   {{"Allow", kFabMsol, "mS-DS-ConsistencyGuid"}})},
                 {"hal.txt", dsacls(hal, true, {})}},
                {}, "fabrikam");
        CHECK(s.one("fabrikam", hal).status == "inheritance-blocked");
    }
}
