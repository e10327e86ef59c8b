// The four triage writers (report/triage_{text,json,csv,markdown}.cpp) on hand-built findings:
// the structure each format promises (JSON keys, CSV columns per row, the Markdown table), the
// "no usable data" statements, and values from a dump that try to break out of their format.
// The golden files check the demo corpus byte for byte; these check the writers' own rules.
#include <catch2/catch.hpp>

#include <set>

#include "report/triage_output.hpp"
#include "store/db.hpp"
#include "store/statement.hpp"
#include "test_support.hpp"

using namespace csx;
using report::data_state;

namespace {

// A DN carrying what a dump may hold: a quote, a comma, a pipe, a backtick, markup, an ANSI
// escape and a leading '=' a spreadsheet would run as a formula.
const std::string kHostileDn =
    "=HYPERLINK(\"x\"),CN=Eve | `pwn` <script>\x1b[31mred,OU=Staff,DC=contoso,DC=com";

rules::finding make_finding() {
    rules::finding f;
    f.rule_id = "adminsdholder-writeback-denied";
    f.title = "AdminSDHolder blocks a writeback attribute";
    f.level = rules::severity::high;
    f.category = "permissions";
    f.tenant = "contoso";
    f.connector = "contoso.com";
    f.object_dn = kHostileDn;
    f.object_type = "user";
    f.attributes = {"msDS-KeyCredentialLink", "mail"};
    f.error_code = 8344;
    f.error_type = "permission-issue";
    f.error_text = "Insufficient access rights\nsecond line, \"quoted\"";
    f.first_occurred = "2026-01-01 00:00:00.000";
    f.last_occurred = "2026-01-05 00:00:00.000";
    f.retry_count = 42;
    f.evidence = "confirmed";
    f.evidence_detail = "adminCount=1";
    f.source_file = "dumps/export.xml";
    f.source_line = 17;
    f.error_keys = {"sync_error:3"};
    f.columns = {{"tenant", "contoso"}, {"domain_dn", "DC=contoso,DC=com"}, {"holders", "a, b"}};
    f.json_columns = {{"holders", "[\"a\",\"b\"]"}};
    f.lists = {{"holders", {"a", "b"}}};
    return f;
}

// A second finding with every optional field empty (no title, no error text either).
rules::finding bare_finding() {
    rules::finding f;
    f.rule_id = "unclassified-error";
    f.level = rules::severity::low;
    f.tenant = "fabrikam";
    f.source_file = "f.xml";
    return f;
}

remediation::finding_fix make_fix() {
    remediation::finding_fix fx;
    fx.commands = {
        "dsacls \"CN=AdminSDHolder,CN=System,DC=contoso,DC=com\" /G "
        "\"CONTOSO\\MSOL_1:WP;msDS-KeyCredentialLink\"",
        "echo ```fenced```"};
    fx.verify = {"dsacls \"CN=Eve,OU=Staff,DC=contoso,DC=com\""};
    fx.rollback = {"undo it"};
    fx.notes = {"A grant on AdminSDHolder reaches every protected account."};
    return fx;
}

report::tenant_data partial_tenant() {
    report::tenant_data t;
    t.tenant = "contoso";
    t.state = data_state::partial;
    t.files = 2;
    t.records = 10;
    t.kinds = {{"csexport", 2}};
    t.connectors = {{"contoso.com", "AD", {"csexport"}}};
    t.absent = {"run history"};
    t.problems = {{"dumps/cut.xml", "partial", "not well-formed", 12, 4, 7}};
    return t;
}

report::tenant_data no_data_tenant(const std::string& name) {
    report::tenant_data t;
    t.tenant = name;
    t.state = data_state::no_usable_data;
    t.problems = {{name + "/only.xml", "damaged", "cut before its first record", 0, 0, 0}};
    return t;
}

// The triage CSV as rows; its rows end with CRLF (RFC 4180), line breaks inside fields with LF.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::size_t bare_lf = 0;
    bool in_quotes = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '"') in_quotes = !in_quotes;
        if (text[i] == '\n' && !in_quotes && (i == 0 || text[i - 1] != '\r')) ++bare_lf;
    }
    CHECK(bare_lf == 0);
    return test::parse_csv(text);
}

// A JSON document queried through SQLite's JSON functions.
struct json_doc {
    store::db d = store::db::open(":memory:", store::open_mode::memory);
    std::string text;
    explicit json_doc(std::string t) : text(std::move(t)) {}
    std::string str(const std::string& path) {
        auto st = d.prepare("SELECT coalesce(json_extract(?1, ?2), '<null>')");
        st.bind(1, text);
        st.bind(2, path);
        REQUIRE(st.step());
        return st.column_text(0);
    }
    std::string type(const std::string& path) {
        auto st = d.prepare("SELECT coalesce(json_type(?1, ?2), '<absent>')");
        st.bind(1, text);
        st.bind(2, path);
        REQUIRE(st.step());
        return st.column_text(0);
    }
    std::set<std::string> keys(const std::string& path) {
        auto st = d.prepare("SELECT key FROM json_each(?1, ?2)");
        st.bind(1, text);
        st.bind(2, path);
        std::set<std::string> out;
        while (st.step())
            out.insert(st.column_text(0));
        return out;
    }
};

std::size_t count_of(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size()))
        ++n;
    return n;
}

}  // namespace

TEST_CASE("triage JSON: the documented keys, values round-tripped, nulls for what is absent",
          "[report][triage]") {
    const report::triage_meta meta{"", remediation::shell::cmd, {partial_tenant()}};
    json_doc j(report::triage_json({make_finding(), bare_finding()}, {make_fix(), {}}, meta));
    REQUIRE(j.str("$") != "<null>");  // json_extract of an invalid document would throw
    CHECK(j.keys("$") ==
          std::set<std::string>{"csx_version", "tenant", "shell", "summary", "findings",
                                "preflight", "data"});
    CHECK(j.type("$.tenant") == "null");  // no --tenant filter
    CHECK(j.str("$.shell") == "cmd");
    CHECK(j.str("$.summary.findings") == "2");
    CHECK(j.str("$.summary.by_severity.high") == "1");
    CHECK(j.str("$.summary.by_severity.low") == "1");
    CHECK(j.str("$.summary.by_severity.critical") == "0");
    CHECK(j.str("$.summary.data_state") == "partial");
    CHECK(j.keys("$.findings[0]") ==
          std::set<std::string>{
              "rule",        "title",       "severity",       "category",        "state",
              "resolved_at", "resolved_by", "evidence",       "evidence_detail", "tenant",
              "connector",   "object_dn",   "object_type",    "attributes",      "error_code",
              "error_type",  "error_text",  "first_occurred", "last_occurred",   "retry_count",
              "source",      "error_keys",  "details",        "remediation"});
    // Hostile text comes back exactly (JSON escaping, not sanitising, keeps the evidence).
    CHECK(j.str("$.findings[0].object_dn") == kHostileDn);
    CHECK(j.str("$.findings[0].error_text") ==
          "Insufficient access rights\nsecond line, \"quoted\"");
    CHECK(j.type("$.findings[0].error_code") == "integer");
    CHECK(j.str("$.findings[0].state") == "open");
    CHECK(j.str("$.findings[0].attributes[1]") == "mail");
    CHECK(j.str("$.findings[0].source.line") == "17");
    // Rule-specific columns under details (standard ones are not repeated); JSON columns as JSON.
    CHECK(j.keys("$.findings[0].details") == std::set<std::string>{"domain_dn", "holders"});
    CHECK(j.type("$.findings[0].details.holders") == "array");
    CHECK(j.str("$.findings[0].remediation.commands[0]") == make_fix().commands[0]);
    CHECK(j.str("$.findings[0].remediation.rollback[0]") == "undo it");
    // The bare finding: absent values are null, never "" or 0.
    for (const char* k : {"error_code", "retry_count", "connector", "evidence", "first_occurred"})
        CHECK(j.type(std::string("$.findings[1].") + k) == "null");
    CHECK(j.type("$.findings[1].remediation.commands") == "array");
    CHECK(j.str("$.data.tenants[0].problems[0].line") == "12");
    CHECK(j.str("$.data.tenants[0].problems[0].records_kept") == "7");
}

TEST_CASE("triage CSV: every row has the header's 22 columns, hostile values stay in their cell",
          "[report][triage]") {
    const report::triage_meta meta{
        "", remediation::shell::cmd, {partial_tenant(), no_data_tenant("fabrikam")}};
    const auto rows =
        parse_csv(report::triage_csv({make_finding(), bare_finding()}, {make_fix(), {}}, meta));
    // Header, two findings, one row for each tenant whose data is not complete.
    REQUIRE(rows.size() == 5);
    for (const auto& r : rows) {
        CAPTURE(r);
        CHECK(r.size() == 22);
    }
    const auto& h = rows[0];
    CHECK(h[0] == "rule");
    CHECK(h[5] == "object_dn");
    CHECK(h[21] == "data_state");
    const auto& f = rows[1];
    CHECK(f[0] == "adminsdholder-writeback-denied");
    // A formula is neutralised with an apostrophe; the ANSI escape does not survive; the quotes,
    // the comma and the pipe are kept inside the one cell.
    CHECK(f[5].starts_with("'=HYPERLINK(\"x\"),CN=Eve | `pwn` <script>"));
    CHECK(f[5].find('\x1b') == std::string::npos);
    CHECK(f[5].ends_with("red,OU=Staff,DC=contoso,DC=com"));
    CHECK(f[7] == "msDS-KeyCredentialLink;mail");
    CHECK(f[8] == "8344");
    CHECK(f[10] == "Insufficient access rights\nsecond line, \"quoted\"");
    CHECK(f[15] == "17");
    CHECK(f[16] == make_fix().commands[0] + "\n" + make_fix().commands[1]);
    CHECK(f[18] == "open");
    CHECK(f[21] == "partial");  // the finding's tenant's data state
    CHECK(rows[2][8].empty());  // no error code: an empty cell, not 0
    CHECK(rows[2][21] == "no-usable-data");
    // The tenants' own rows: no rule, the state in "state" and "data_state", what was lost.
    const auto& p = rows[3];
    CHECK(p[0].empty());
    CHECK(p[3] == "contoso");
    CHECK(p[10].starts_with("partial: 2 files read, 10 records kept, 1 damaged\n"));
    CHECK(p[10].find("dumps/cut.xml:12:4: damaged: not well-formed") != std::string::npos);
    CHECK(p[14] == "dumps/cut.xml");
    CHECK(p[15] == "12");
    CHECK(p[18] == "partial");
    const auto& n = rows[4];
    CHECK(n[3] == "fabrikam");
    CHECK(n[10].starts_with("NO USABLE DATA"));
    CHECK(n[18] == "no-usable-data");
    CHECK(n[21] == "no-usable-data");
}

TEST_CASE("triage CSV of complete data has no tenant rows, an empty result is only the header",
          "[report][triage]") {
    report::tenant_data complete = partial_tenant();
    complete.state = data_state::complete;
    complete.problems.clear();
    const auto rows = parse_csv(
        report::triage_csv({}, {}, report::triage_meta{"", remediation::shell::cmd, {complete}}));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].size() == 22);
}

TEST_CASE("triage text: the NO USABLE DATA header, the data block, escapes removed",
          "[report][triage]") {
    SECTION("no finding and no tenant with data: the first line says so, not '0 findings'") {
        const std::string out = report::triage_text(
            {}, {},
            report::triage_meta{"fabrikam", remediation::shell::cmd, {no_data_tenant("fabrikam")}});
        CHECK(out.starts_with("csx triage: fabrikam - NO USABLE DATA: no file gave a record"));
        CHECK(out.find("0 finding") == std::string::npos);
        CHECK(out.find("\ndata read:\n  fabrikam: NO USABLE DATA") != std::string::npos);
        CHECK(out.find("    lost:       fabrikam/only.xml: damaged: cut before its first record") !=
              std::string::npos);
    }
    SECTION("a finding, and one tenant without data: both counted in the first line") {
        const std::string out = report::triage_text(
            {make_finding()}, {make_fix()},
            report::triage_meta{
                "", remediation::shell::cmd, {partial_tenant(), no_data_tenant("fabrikam")}});
        CHECK(
            out.starts_with("csx triage: all tenants - 1 finding(s) (1 high); NO USABLE DATA "
                            "for 1 tenant(s): fabrikam\n"));
        CHECK(out.find("\n[HIGH] adminsdholder-writeback-denied  (evidence: confirmed)\n") !=
              std::string::npos);
        CHECK(out.find("    absent:     run history\n") != std::string::npos);
        CHECK(out.find("  seen:       2026-01-01 00:00:00.000 -> 2026-01-05 00:00:00.000, 42 "
                       "retries\n") != std::string::npos);
        CHECK(out.find("  source:     dumps/export.xml:17\n") != std::string::npos);
        CHECK(out.find("  fix (cmd):\n    dsacls \"CN=AdminSDHolder") != std::string::npos);
        CHECK(out.find("  held by:    a\n") != std::string::npos);
        CHECK(out.find('\x1b') == std::string::npos);  // no escape reaches the terminal
        // The two-line error text is one line on the terminal.
        CHECK(out.find("Insufficient access rights second line") != std::string::npos);
    }
}

TEST_CASE("triage Markdown: one table row per finding, cells and prose escaped, fences hold",
          "[report][triage]") {
    SECTION("no usable data at all") {
        const std::string out = report::triage_markdown(
            {}, {},
            report::triage_meta{"fabrikam", remediation::shell::cmd, {no_data_tenant("fabrikam")}});
        CHECK(
            out.starts_with("# csx triage: fabrikam\n\n**No usable data**: no file gave a "
                            "record"));
        CHECK(out.find("| severity |") == std::string::npos);  // no empty table
    }
    SECTION("findings") {
        const std::string out = report::triage_markdown(
            {make_finding(), bare_finding()}, {make_fix(), {}},
            report::triage_meta{"", remediation::shell::powershell, {partial_tenant()}});
        CHECK(out.starts_with("# csx triage: all tenants\n\n2 finding(s).\n\n## Data read\n"));
        std::vector<std::string> table;
        for (std::size_t pos = 0; pos < out.size();) {
            auto eol = out.find('\n', pos);
            if (eol == std::string::npos) eol = out.size();
            const std::string line = out.substr(pos, eol - pos);
            if (line.starts_with("|")) table.push_back(line);
            pos = eol + 1;
        }
        REQUIRE(table.size() == 4);  // header, separator, two findings
        for (const auto& row : table) {
            CAPTURE(row);
            // 8 cell borders: a | from the data is escaped (\|) and does not open a cell.
            CHECK(count_of(row, "|") - count_of(row, "\\|") == 8);
        }
        CHECK(table[2].find("\\| \\`pwn\\` &lt;script&gt;") != std::string::npos);
        CHECK(out.find("<script>") == std::string::npos);
        CHECK(out.find('\x1b') == std::string::npos);
        // A command holding ``` is fenced by a longer fence, in the shell's language.
        CHECK(out.find("\nFix (powershell):\n\n````powershell\n") != std::string::npos);
        CHECK(out.find("echo ```fenced```\n````\n") != std::string::npos);
        CHECK(out.find("> A grant on AdminSDHolder reaches every protected account.\n") !=
              std::string::npos);
        CHECK(out.find("\n## unclassified-error — \n") != std::string::npos);
    }
}
