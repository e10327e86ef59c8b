// Runs tests/rules/<rule id>.test: for every rule, cases of small inputs and what the rule must
// (and must not) find in them. Each rule needs at least one `case hit` that expects a finding and
// one `case miss` that expects none. Every case is a Catch2 test case of its own, registered when
// the binary starts, named "rule:<id>:<hit|miss> <description>", so CTest lists (and reruns) each
// one; a new .test file needs no CMake change (tests/CMakeLists.txt).
//
// Format (one directive per line; '#' starts a comment):
//   case hit|miss <description>
//   tenant <name>                  (default t)
//   account <DOMAIN\name>          (--account)
//   shell cmd|powershell           (default cmd)
//   file <name>                    then the file's lines, up to a line `end`
//   copy <path under the repository> [as <name>]   (shared/...: ../shared; the case is
//                                  skipped, as CTest counts skips, when that is not there)
//   expect count <n>               findings of this rule
//   expect <field> = <value>       on the first finding (standard fields or any column)
//   expect <field> contains <text>
//   expect command contains <text> some command or verification of the first finding
//   expect command lacks <text>
//   expect note contains <text>
#include <catch2/catch.hpp>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

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
    std::vector<std::pair<std::string, std::string>> files;   // name, content
    std::vector<std::pair<std::string, std::string>> copies;  // name, path (read when run)
    std::vector<expectation> expects;
};

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r'))
        s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && s[i] == ' ')
        ++i;
    return s.substr(i);
}

// Throws std::runtime_error naming path:line (cases are parsed before Catch2 runs).
std::vector<rule_case> parse_cases(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);)
        lines.push_back(l);
    std::vector<rule_case> cases;
    auto fail = [&](int no, const std::string& what) {
        throw std::runtime_error(fmt::format("{}:{}: {}", path, no, what));
    };
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
            if (c.kind != "hit" && c.kind != "miss") fail(no, "case must be hit or miss");
            cases.push_back(std::move(c));
            continue;
        }
        if (cases.empty()) fail(no, "directive before the first case");
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
            if (i >= lines.size()) fail(no, "file without end");
            c.files.emplace_back(trim(l.substr(5)), content);
        } else if (l.starts_with("copy ")) {
            std::string rest = trim(l.substr(5)), name;
            if (auto as = rest.find(" as "); as != std::string::npos) {
                name = trim(rest.substr(as + 4));
                rest = trim(rest.substr(0, as));
            }
            if (name.empty()) name = fs::path(rest).filename().string();
            c.copies.emplace_back(name, rest);
        } else if (l.starts_with("expect ")) {
            c.expects.push_back({no, trim(l.substr(7))});
        } else {
            fail(no, fmt::format("unknown directive '{}'", l));
        }
    }
    return cases;
}

std::vector<fs::path> case_files() {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(test::source_path("tests/rules")))
        if (entry.path().extension() == ".test") out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
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

struct catalog {
    std::vector<rules::rule> rules;
    remediation::template_set templates;
    std::set<std::string> ids;
};

const catalog& rule_catalog() {
    static const catalog c = [] {
        catalog out;
        out.rules = rules::load_rules("");
        out.templates = remediation::parse_templates(out.rules);
        for (const auto& r : out.rules)
            out.ids.insert(r.id);
        return out;
    }();
    return c;
}

// One case: its files ingested into a fresh database, every rule run, the expectations checked
// against this rule's findings (and, for "rule <id> count N", another rule's).
void run_case(const std::string& id, const std::string& path, const rule_case& c) {
    const auto& cat = rule_catalog();
    CAPTURE(path, c.line, c.title);
    REQUIRE(cat.ids.count(id));
    if (c.kind == "hit") {
        INFO("a hit case expects a finding: expect count N (N > 0)");
        CHECK(std::any_of(c.expects.begin(), c.expects.end(), [](const expectation& e) {
            return e.text.starts_with("count ") && e.text != "count 0";
        }));
    } else {
        INFO("a near-miss case expects no finding: expect count 0");
        CHECK(std::any_of(c.expects.begin(), c.expects.end(),
                          [](const expectation& e) { return e.text == "count 0"; }));
    }
    test::temp_dir t;
    for (const auto& [name, content] : c.files)
        test::write_file(t.file("in/" + name), content);
    for (const auto& [name, from] : c.copies) {
        if (from.starts_with("shared/") && !test::shared_available())
            return test::skip(
                fmt::format("{}:{}: {} is not available (../shared is not next to "
                            "the checkout)",
                            path, c.line, from));
        const std::string src = from.starts_with("shared/") ? test::shared_path(from.substr(7))
                                                            : test::source_path(from);
        REQUIRE(fs::exists(src));
        test::write_file(t.file("in/" + name), test::read_file(src));
    }
    auto d = test::fresh_db(t.file("db.sqlite"));
    ingest::ingest_options io;
    io.tenant = c.tenant;
    test::ingest_paths(d, {t.file("in")}, io);
    const auto all = rules::run_rules(d, cat.rules, {});
    std::vector<const rules::finding*> mine;
    for (const auto& f : all)
        if (f.rule_id == id) mine.push_back(&f);
    const auto rule_it = std::find_if(cat.rules.begin(), cat.rules.end(),
                                      [&](const rules::rule& r) { return r.id == id; });
    if (rule_it != cat.rules.end() && rule_it->category == rules::kPreflightCategory) {
        // A pre-flight rule reads only the objects its screen keeps (value shapes, schema/016):
        // with every object unscreened (shape 0) it must find exactly the same, so a screen
        // tighter than the rule's own tests shows here, in the hit and in the near miss.
        const auto found = [&](const std::vector<rules::finding>& fs) {
            std::vector<std::string> out;
            for (const auto& f : fs)
                if (f.rule_id == id) out.push_back(f.object_dn + "\n" + f.error_text);
            return out;
        };
        d.exec("UPDATE cs_object_value SET shape_id = 0");
        CHECK(found(rules::run_rules(d, cat.rules, {})) == found(all));
    }
    const remediation::plan_options po{c.sh, c.account};
    remediation::finding_fix fx;
    if (!mine.empty()) fx = remediation::fix_for(*mine.front(), cat.templates, po);
    for (const auto& e : c.expects) {
        CAPTURE(e.line, e.text);
        if (e.text.starts_with("rule ")) {
            // "rule <id> count N": another rule's findings in the same case (a decision
            // table: the same data must land in exactly one of its rows).
            const auto sp = e.text.find(' ', 5);
            REQUIRE(sp != std::string::npos);
            const std::string other = e.text.substr(5, sp - 5);
            REQUIRE(cat.ids.count(other));
            REQUIRE(e.text.substr(sp + 1).starts_with("count "));
            const auto n = static_cast<std::size_t>(std::stoul(e.text.substr(sp + 7)));
            std::size_t got = 0;
            for (const auto& f : all)
                if (f.rule_id == other) ++got;
            CHECK(got == n);
            continue;
        }
        if (e.text.starts_with("count ")) {
            CHECK(mine.size() == static_cast<std::size_t>(std::stoul(e.text.substr(6))));
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
        for (const auto& sec : remediation::render_fix(f, cat.templates, po).sections)
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

// A case's test name: "rule:<id>:<kind> <description>", with the characters a Catch2 test spec
// or CTest's discovery script would read as syntax (" \ ; * ~ [ ]) replaced, and cut to a
// readable length.
std::string case_name(const std::string& id, const rule_case& c) {
    std::string title;
    for (char ch : c.title) {
        switch (ch) {
            case '"':
                title += '\'';
                break;
            case '\\':
                title += '/';
                break;
            case ';':
                title += ',';
                break;
            case '*':
                title += 'x';
                break;
            case '~':
                title += '-';
                break;
            case '[':
                title += '(';
                break;
            case ']':
                title += ')';
                break;
            default:
                title += ch;
        }
    }
    constexpr std::size_t limit = 100;
    if (title.size() > limit) {
        std::size_t cut = title.rfind(' ', limit);
        if (cut == std::string::npos || cut < limit / 2) cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80)
            --cut;  // not inside a UTF-8 character
        title = title.substr(0, cut) + "...";
    }
    return fmt::format("rule:{}:{} {}", id, c.kind, title);
}

struct case_invoker final : Catch::ITestInvoker {
    std::string id, path;
    rule_case c;
    case_invoker(std::string i, std::string p, rule_case rc)
        : id(std::move(i)), path(std::move(p)), c(std::move(rc)) {}
    void invoke() const override { run_case(id, path, c); }
};

struct broken_file_invoker final : Catch::ITestInvoker {
    std::string message;
    explicit broken_file_invoker(std::string m) : message(std::move(m)) {}
    void invoke() const override { FAIL(message); }
};

// Registers every case of every .test file with Catch2 (which owns the invokers); a file that
// does not parse becomes one failing test naming the line.
bool register_cases() {
    static std::deque<std::string> paths;  // SourceLineInfo keeps a pointer to the file name
    try {
        for (const auto& file : case_files()) {
            const std::string id = file.stem().string();
            const std::string& path = paths.emplace_back(file.string());
            std::vector<rule_case> cases;
            try {
                cases = parse_cases(path);
            } catch (const std::exception& e) {
                Catch::AutoReg(
                    new broken_file_invoker(e.what()), Catch::SourceLineInfo(path.c_str(), 1), "",
                    Catch::NameAndTags("rule:" + id + ": the .test file parses", "[rules]"));
                continue;
            }
            std::set<std::string> names;
            for (auto& c : cases) {
                std::string name = case_name(id, c);
                for (int n = 2; !names.insert(name).second; ++n)
                    name = fmt::format("{} ({})", case_name(id, c), n);
                const auto line = static_cast<std::size_t>(c.line);
                Catch::AutoReg(new case_invoker(id, path, std::move(c)),
                               Catch::SourceLineInfo(path.c_str(), line), "",
                               Catch::NameAndTags(name, "[rules]"));
            }
        }
    } catch (const std::exception& e) {
        // tests/rules cannot be listed: the coverage test below fails on the same error.
        std::fprintf(stderr, "rule cases not registered: %s\n", e.what());
    }
    return true;
}

const bool registered = register_cases();

}  // namespace

TEST_CASE("every rule has a .test file with a hit case and a near-miss case", "[rules]") {
    CHECK(registered);
    const auto& cat = rule_catalog();
    std::set<std::string> tested;
    for (const auto& file : case_files()) {
        const std::string id = file.stem().string();
        CAPTURE(file.string());
        CHECK(cat.ids.count(id));  // a .test file names a rule
        tested.insert(id);
        std::vector<rule_case> cases;
        REQUIRE_NOTHROW(cases = parse_cases(file.string()));
        CHECK(std::any_of(cases.begin(), cases.end(),
                          [](const rule_case& c) { return c.kind == "hit"; }));
        CHECK(std::any_of(cases.begin(), cases.end(),
                          [](const rule_case& c) { return c.kind == "miss"; }));
    }
    for (const auto& id : cat.ids) {
        CAPTURE(id);
        CHECK(tested.count(id));
    }
}

TEST_CASE("rules --lint finds no problem in the built-in rules", "[rules]") {
    auto r = test::run_csx("rules --lint");
    CAPTURE(r.err);
    CHECK(r.exit_code == 0);
}
