// Runs tests/rules/<rule id>.test: for every rule, cases of small inputs and what the rule must
// (and must not) find in them. Each rule needs at least one `case hit` and one `case miss`.
//
// Format (one directive per line; '#' starts a comment):
//   case hit|miss <description>
//   tenant <name>                  (default t)
//   account <DOMAIN\name>          (--account)
//   shell cmd|powershell           (default cmd)
//   file <name>                    then the file's lines, up to a line `end`
//   copy <path under the repository> [as <name>]
//   expect count <n>               findings of this rule
//   expect <field> = <value>       on the first finding (standard fields or any column)
//   expect <field> contains <text>
//   expect command contains <text> some command or verification of the first finding
//   expect command lacks <text>
//   expect note contains <text>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "remediation/plan.hpp"
#include "rules/rule_engine.hpp"
#include "rules/rule_loader.hpp"
#include "test_support.hpp"

using namespace csx;
namespace fs = std::filesystem;

namespace {

struct expectation {
    int line = 0;
    std::string text;
};

struct rule_case {
    std::string kind;  // hit | miss
    std::string title;
    int line = 0;
    std::string tenant = "t";
    std::string account;
    remediation::shell sh = remediation::shell::cmd;
    std::vector<std::pair<std::string, std::string>> files;  // name, content
    std::vector<expectation> expects;
    std::string skipped_for;  // a shared/ file the case needs, when ../shared is not there
};

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r'))
        s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && s[i] == ' ')
        ++i;
    return s.substr(i);
}

std::vector<rule_case> parse_cases(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);)
        lines.push_back(l);
    std::vector<rule_case> cases;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string l = trim(lines[i]);
        const int no = static_cast<int>(i + 1);
        if (l.empty() || l[0] == '#') continue;
        if (l.starts_with("case ")) {
            rule_case c;
            std::istringstream ss(l.substr(5));
            ss >> c.kind;
            std::getline(ss, c.title);
            c.title = trim(c.title);
            c.line = no;
            if (c.kind != "hit" && c.kind != "miss")
                FAIL(fmt::format("{}:{}: case must be hit or miss", path, no));
            cases.push_back(std::move(c));
            continue;
        }
        if (cases.empty()) FAIL(fmt::format("{}:{}: directive before the first case", path, no));
        rule_case& c = cases.back();
        if (l.starts_with("tenant "))
            c.tenant = trim(l.substr(7));
        else if (l.starts_with("account "))
            c.account = trim(l.substr(8));
        else if (l == "shell powershell")
            c.sh = remediation::shell::powershell;
        else if (l == "shell cmd")
            c.sh = remediation::shell::cmd;
        else if (l.starts_with("file ")) {
            std::string content;
            for (++i; i < lines.size() && trim(lines[i]) != "end"; ++i)
                content += lines[i] + "\n";
            if (i >= lines.size()) FAIL(fmt::format("{}:{}: file without end", path, no));
            c.files.emplace_back(trim(l.substr(5)), content);
        } else if (l.starts_with("copy ")) {
            std::string rest = trim(l.substr(5)), name;
            if (auto as = rest.find(" as "); as != std::string::npos) {
                name = trim(rest.substr(as + 4));
                rest = trim(rest.substr(0, as));
            }
            if (name.empty()) name = fs::path(rest).filename().string();
            if (rest.starts_with("shared/") && !test::shared_available()) {
                // ../shared/ is not next to this checkout (a bare clone): the case cannot run.
                c.skipped_for = rest;
                continue;
            }
            const std::string src = rest.starts_with("shared/") ? test::shared_path(rest.substr(7))
                                                                : test::source_path(rest);
            c.files.emplace_back(name, test::read_file(src));
        } else if (l.starts_with("expect ")) {
            c.expects.push_back({no, trim(l.substr(7))});
        } else {
            FAIL(fmt::format("{}:{}: unknown directive '{}'", path, no, l));
        }
    }
    return cases;
}

std::string field_of(const rules::finding& f, const std::string& name) {
    if (name == "attributes") {
        std::string s;
        for (const auto& a : f.attributes)
            s += (s.empty() ? "" : ", ") + a;
        return s;
    }
    if (name == "error_code") return f.error_code ? std::to_string(*f.error_code) : "";
    if (name == "retry_count") return f.retry_count ? std::to_string(*f.retry_count) : "";
    if (name == "source_line") return std::to_string(f.source_line);
    if (name == "severity") return std::string(rules::to_string(f.level));
    auto it = f.columns.find(name);
    return it == f.columns.end() ? std::string("<no such column>") : it->second;
}

}  // namespace

TEST_CASE("every rule has test cases with a hit and a near miss, and they pass", "[rules]") {
    const auto rules = rules::load_rules("");
    const auto templates = remediation::parse_templates(rules);
    std::set<std::string> ids;
    for (const auto& r : rules)
        ids.insert(r.id);
    std::set<std::string> tested;
    for (const auto& entry : fs::directory_iterator(test::source_path("tests/rules"))) {
        if (entry.path().extension() != ".test") continue;
        const std::string id = entry.path().stem().string();
        const std::string path = entry.path().string();
        CAPTURE(path);
        REQUIRE(ids.count(id));
        tested.insert(id);
        const auto cases = parse_cases(path);
        bool hit = false, miss = false;
        for (const auto& c : cases) {
            CAPTURE(c.line, c.title);
            if (!c.skipped_for.empty()) {
                WARN(fmt::format("{}:{}: case skipped: {} is not available", path, c.line,
                                 c.skipped_for));
                continue;
            }
            test::temp_dir t;
            for (const auto& [name, content] : c.files)
                test::write_file(t.file("in/" + name), content);
            auto d = test::fresh_db(t.file("db.sqlite"));
            ingest::ingest_options io;
            io.tenant = c.tenant;
            test::ingest_paths(d, {t.file("in")}, io);
            const auto all = rules::run_rules(d, rules, {});
            std::vector<const rules::finding*> mine;
            for (const auto& f : all)
                if (f.rule_id == id) mine.push_back(&f);
            const remediation::plan_options po{c.sh, c.account};
            remediation::finding_fix fx;
            if (!mine.empty()) fx = remediation::fix_for(*mine.front(), templates, po);
            for (const auto& e : c.expects) {
                CAPTURE(e.line, e.text);
                if (e.text.starts_with("rule ")) {
                    // "rule <id> count N": another rule's findings in the same case (a decision
                    // table: the same data must land in exactly one of its rows).
                    const auto sp = e.text.find(' ', 5);
                    REQUIRE(sp != std::string::npos);
                    const std::string other = e.text.substr(5, sp - 5);
                    REQUIRE(ids.count(other));
                    REQUIRE(e.text.substr(sp + 1).starts_with("count "));
                    const auto n = static_cast<std::size_t>(std::stoul(e.text.substr(sp + 7)));
                    std::size_t got = 0;
                    for (const auto& f : all)
                        if (f.rule_id == other) ++got;
                    CHECK(got == n);
                    continue;
                }
                if (e.text.starts_with("count ")) {
                    const auto n = static_cast<std::size_t>(std::stoul(e.text.substr(6)));
                    CHECK(mine.size() == n);
                    if (c.kind == "hit" && n > 0) hit = true;
                    if (c.kind == "miss" && n == 0) miss = true;
                    continue;
                }
                REQUIRE_FALSE(mine.empty());
                const auto& f = *mine.front();
                std::string cmds;
                for (const auto& x : fx.commands)
                    cmds += x + "\n";
                for (const auto& x : fx.verify)
                    cmds += x + "\n";
                std::string notes;
                for (const auto& x : fx.notes)
                    notes += x + "\n";
                std::string rollback;
                for (const auto& x : fx.rollback)
                    rollback += x + "\n";
                // The steps' own prose (what to expect, why), as the fix script and report show it.
                std::string texts;
                for (const auto& sec : remediation::render_fix(f, templates, po).sections)
                    texts += sec.title + "\n" + sec.text + "\n";
                CAPTURE(cmds, notes);
                if (e.text.starts_with("command contains ")) {
                    CHECK(cmds.find(e.text.substr(17)) != std::string::npos);
                } else if (e.text.starts_with("command lacks ")) {
                    CHECK(cmds.find(e.text.substr(14)) == std::string::npos);
                } else if (e.text.starts_with("rollback contains ")) {
                    CAPTURE(rollback);
                    CHECK(rollback.find(e.text.substr(18)) != std::string::npos);
                } else if (e.text.starts_with("text contains ")) {
                    CAPTURE(texts);
                    CHECK(texts.find(e.text.substr(14)) != std::string::npos);
                } else if (e.text.starts_with("note contains ")) {
                    CHECK(notes.find(e.text.substr(14)) != std::string::npos);
                } else if (auto has = e.text.find(" contains "); has != std::string::npos) {
                    CHECK(field_of(f, e.text.substr(0, has)).find(e.text.substr(has + 10)) !=
                          std::string::npos);
                } else if (auto eq = e.text.find(" = "); eq != std::string::npos) {
                    CHECK(field_of(f, e.text.substr(0, eq)) == e.text.substr(eq + 3));
                } else {
                    FAIL("unknown expectation");
                }
            }
        }
        CHECK(hit);
        CHECK(miss);
    }
    for (const auto& id : ids) {
        CAPTURE(id);
        CHECK(tested.count(id));
    }
}

TEST_CASE("rules --lint finds no problem in the built-in rules", "[rules]") {
    auto r = test::run_csx("rules --lint");
    CAPTURE(r.err);
    CHECK(r.exit_code == 0);
}
