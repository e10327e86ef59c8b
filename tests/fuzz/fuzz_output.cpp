// libFuzzer harness for the output side: a finding whose every text field and template value
// comes from the input (split at NUL bytes), for a rule picked by the first byte, through every
// output: fix_for and the four triage formats in both shells, and the fix script. Beyond
// crashes and sanitizer reports, it aborts when
//   - text, CSV or Markdown output is not valid UTF-8, or carries a raw ESC, C1 control, lone
//     CR, bidi override or zero-width character (terminal and display safety);
//   - JSON output is not valid JSON (SQLite's json_valid) or not valid UTF-8;
//   - Markdown outside code fences holds a '<' a renderer would take for a tag (other than the
//     report's own anchors);
//   - a fix script does not end with its end marker, or a cmd REM line holds a character
//     cmd.exe acts on, or a cmd command line leaves a quote open or holds a % or ! that is
//     not one of the template's own variables (%ProgramFiles%, %RANDOM%, and those a
//     `set "name=..."` line of the script defines).
#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "remediation/plan.hpp"
#include "remediation/fix_template.hpp"
#include "report/triage_output.hpp"
#include "output_checks.hpp"
#include "rules/rule_loader.hpp"

namespace {

using namespace csx;

struct catalog {
    std::vector<rules::rule> rules;
    remediation::template_set templates;
    std::vector<const rules::rule*> with_fix;
    sqlite3* db = nullptr;
};

const catalog& the_catalog() {
    static catalog c = [] {
        catalog k;
        k.rules = rules::load_rules("");
        k.templates = remediation::parse_templates(k.rules);
        for (const auto& r : k.rules)
            if (k.templates.count(r.id)) k.with_fix.push_back(&r);
        if (sqlite3_open(":memory:", &k.db) != SQLITE_OK) std::abort();
        return k;
    }();
    return c;
}

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80         ? 1
                        : (c >> 5) == 6  ? 2
                        : (c >> 4) == 14 ? 3
                        : (c >> 3) == 30 ? 4
                                         : 0;
        if (n == 0 || i + n > s.size()) return false;
        std::uint32_t cp = n == 1 ? c : c & (0x7F >> n);
        for (std::size_t k = 1; k < n; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            cp = cp << 6 | (d & 0x3F);
        }
        if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n;
    }
    return true;
}

void check_visible(std::string_view s) {
    if (!test::invisible_chars(s).empty()) std::abort();
}

void check_json(const std::string& j) {
    if (!valid_utf8(j)) std::abort();
    check_visible(j);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(the_catalog().db, "SELECT json_valid(?1)", -1, &st, nullptr) !=
        SQLITE_OK)
        std::abort();
    sqlite3_bind_text(st, 1, j.data(), static_cast<int>(j.size()), SQLITE_STATIC);
    const bool ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
    sqlite3_finalize(st);
    if (!ok) std::abort();
}

void check_markdown(const std::string& md) {
    if (!test::live_tags(test::md_outside_fences(md)).empty()) std::abort();
}

void check_cmd_script(const std::string& script) {
    if (std::getenv("CSX_FUZZ_DUMP")) std::fprintf(stderr, "%s\n", script.c_str());
    std::size_t pos = 0;
    std::string last;
    // The template's own variables: %ProgramFiles%, %RANDOM% and those it sets itself.
    std::vector<std::string> vars = {"%ProgramFiles%", "%RANDOM%"};
    while (pos < script.size()) {
        auto eol = script.find('\n', pos);
        if (eol == std::string::npos) eol = script.size();
        std::string line = script.substr(pos, eol - pos);
        pos = eol + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        last = line;
        if (line.rfind("REM", 0) == 0) {
            if (line.find_first_of("&|<>^%!\"") != std::string::npos) std::abort();
            continue;
        }
        if (line.rfind("set \"", 0) == 0 && line.find('=') != std::string::npos)
            vars.push_back("%" + line.substr(5, line.find('=') - 5) + "%");
        for (const std::string& var : vars)
            for (auto p = line.find(var); p != std::string::npos; p = line.find(var))
                line.erase(p, var.size());
        bool quoted = false;
        for (char c : line) {
            if (c == '"') quoted = !quoted;
            if (c == '%' || c == '!') std::abort();
        }
        if (quoted) std::abort();
    }
    if (last.find(remediation::kScriptEnd) == std::string::npos) std::abort();
}

void check_ps_script(const std::string& script) {
    std::size_t end = script.find_last_not_of('\n');
    const std::size_t start = script.rfind('\n', end == std::string::npos ? 0 : end);
    const std::string last = script.substr(start == std::string::npos ? 0 : start + 1);
    if (last.find(remediation::kScriptEnd) == std::string::npos) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const catalog& c = the_catalog();
    if (size < 1 || c.with_fix.empty()) return 0;
    const rules::rule& rule = *c.with_fix[data[0] % c.with_fix.size()];
    std::vector<std::string> fields(1);
    for (std::size_t i = 1; i < size; ++i) {
        if (data[i] == 0 && fields.size() < 12) {
            fields.emplace_back();
            continue;
        }
        fields.back() += static_cast<char>(data[i]);
    }
    auto field = [&](std::size_t k) -> const std::string& { return fields[k % fields.size()]; };

    rules::finding f;
    f.rule_id = rule.id;
    f.title = rule.title;
    f.level = rule.level;
    f.category = rule.category;
    f.tenant = field(0);
    f.connector = field(1);
    f.object_dn = field(2);
    f.object_type = field(3);
    f.attributes = {field(4)};
    f.error_text = field(5);
    f.error_type = field(6);
    f.evidence_detail = field(7);
    f.source_file = field(8);
    f.source_line = static_cast<std::int64_t>(size);
    f.principal = field(9);
    f.first_occurred = field(10);
    f.last_occurred = field(11);
    std::size_t k = 0;
    for (const auto& name : remediation::placeholders(c.templates.at(rule.id)))
        f.columns[name] = field(k++);
    f.columns["object_dn"] = f.object_dn;
    f.columns["tenant"] = f.tenant;

    const std::vector<rules::finding> findings = {f};
    for (auto sh : {remediation::shell::cmd, remediation::shell::powershell}) {
        remediation::plan_options opts;
        opts.sh = sh;
        const std::vector<remediation::finding_fix> fixes = {
            remediation::fix_for(f, c.templates, opts)};
        const report::triage_meta meta{f.tenant, sh};
        const std::string text = report::triage_text(findings, fixes, meta);
        if (!valid_utf8(text)) std::abort();
        check_visible(text);
        check_json(report::triage_json(findings, fixes, meta));
        const std::string csv = report::triage_csv(findings, fixes, meta);
        if (!valid_utf8(csv)) std::abort();
        check_visible(csv);
        const std::string md = report::triage_markdown(findings, fixes, meta);
        if (std::getenv("CSX_FUZZ_DUMP")) std::fprintf(stderr, "%s\n", md.c_str());
        if (!valid_utf8(md)) std::abort();
        check_visible(md);
        check_markdown(md);
        const std::string script =
            remediation::fix_script(findings, c.rules, c.templates, opts, "tenant " + f.tenant);
        if (!valid_utf8(script)) std::abort();
        check_visible(script);
        if (sh == remediation::shell::cmd)
            check_cmd_script(script);
        else
            check_ps_script(script);
    }
    return 0;
}
