#include "remediation/rule_lint.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>
#include <sqlite3.h>

#include "remediation/fix_template.hpp"
#include "rules/rule_engine.hpp"
#include "rules/sql_functions.hpp"
#include "store/db.hpp"
#include "store/schema.hpp"
#include "store/statement.hpp"
#include "util/error.hpp"

namespace csx::remediation {

namespace {

struct auth_state {
    std::vector<std::string> denied;
};

// Rules may read v_* views (and whatever those views read), json_each/json_tree, and call
// functions; nothing else.
int authorize(void* p, int action, const char* a, const char* column, const char*,
              const char* view) {
    auto* st = static_cast<auth_state*>(p);
    switch (action) {
        case SQLITE_SELECT:
        case SQLITE_FUNCTION:
        case SQLITE_RECURSIVE:
            return SQLITE_OK;
        case SQLITE_READ: {
            const std::string table = a ? a : "";
            // SQLite reports a table a view joins but reads no column of (count(*), existence)
            // with an empty column name and no view context: no data flows from it, allow it.
            const bool no_column = !column || !*column;
            if (table.starts_with("v_") || (view && std::string_view(view).starts_with("v_")) ||
                table == "json_each" || table == "json_tree" || table.empty() || no_column)
                return SQLITE_OK;
            st->denied.push_back(table + " (via " + (view ? view : "-") + ")");
            return SQLITE_DENY;
        }
        default:
            st->denied.push_back(fmt::format("action {}", action));
            return SQLITE_DENY;
    }
}

bool has_order_by(const std::string& sql) {
    std::string up;
    for (char c : sql)
        up += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return up.find("ORDER BY") != std::string::npos;
}

}  // namespace

std::vector<std::string> lint_rules(const std::vector<rules::rule>& rules) {
    std::vector<std::string> problems;
    auto d = store::db::open(":memory:", store::open_mode::memory);
    store::migrate(d);
    rules::register_sql_functions(d);
    for (const auto& r : rules) {
        const std::string where = fmt::format("{}:{}", r.source, r.sql_line);
        std::vector<std::string> columns;
        auth_state auth;
        sqlite3_set_authorizer(d.handle(), &authorize, &auth);
        try {
            auto st = d.prepare(r.sql);
            if (!st.readonly())
                problems.push_back(
                    fmt::format("{}: {}: the SQL must be a read-only SELECT", where, r.id));
            for (int i = 0; i < st.column_count(); ++i)
                columns.push_back(st.column_name(i));
        } catch (const db_error& e) {
            problems.push_back(fmt::format(
                "{}: {}: {}", where, r.id,
                auth.denied.empty() ? std::string(e.what())
                                    : fmt::format("reads '{}': rules may read only v_* views",
                                                  auth.denied.front())));
        }
        sqlite3_set_authorizer(d.handle(), nullptr, nullptr);
        if (!columns.empty()) {
            for (const auto& req : rules::required_columns()) {
                if (std::find(columns.begin(), columns.end(), req) == columns.end())
                    problems.push_back(
                        fmt::format("{}: {}: missing result column '{}'", where, r.id, req));
            }
            std::set<std::string> uniq(columns.begin(), columns.end());
            if (uniq.size() != columns.size())
                problems.push_back(
                    fmt::format("{}: {}: two result columns have the same name", where, r.id));
            if (r.fallback &&
                std::find(columns.begin(), columns.end(), "error_keys") == columns.end())
                problems.push_back(
                    fmt::format("{}: {}: a fallback rule must return error_keys", where, r.id));
        }
        if (!has_order_by(r.sql))
            problems.push_back(
                fmt::format("{}: {}: the SELECT needs an ORDER BY (output must be deterministic)",
                            where, r.id));
        if (r.fix_text.empty()) {
            problems.push_back(fmt::format(
                "{}: {}: no remediation template {}.fix.md beside the rule", r.source, r.id, r.id));
            continue;
        }
        try {
            const fix_template t = parse_fix_template(r.fix_text, r.fix_source);
            for (auto& p : check_template(t))
                problems.push_back(std::move(p));
            std::set<std::string> known(columns.begin(), columns.end());
            known.insert("principal");
            known.insert("principal_shown");  // derived from principal (remediation/plan)
            if (!t.expand_var.empty()) {
                known.insert(t.expand_var);
                if (!columns.empty() &&
                    std::find(columns.begin(), columns.end(), t.expand_column) == columns.end())
                    problems.push_back(
                        fmt::format("{}: {}: expands over '{}', which the SQL does not return",
                                    r.fix_source, r.id, t.expand_column));
            }
            if (!columns.empty()) {
                for (const auto& p : placeholders(t)) {
                    if (!known.count(p))
                        problems.push_back(fmt::format(
                            "{}: {}: placeholder {{{}}} is not a result column of the rule",
                            r.fix_source, r.id, p));
                }
            }
            // Render once with dummy values: the template must produce something for each shell.
            std::map<std::string, std::string> dummy;
            for (const auto& c : known)
                dummy.emplace(c,
                              std::string(1, 'x'));  // (GCC 12 -Wrestrict false positive on = "x")
            for (shell sh : {shell::cmd, shell::powershell}) {
                auto rf = render(t, dummy, {"x"}, sh);
                for (const auto& s : rf.sections)
                    for (const auto& b : s.blocks)
                        if (b.withheld())
                            problems.push_back(fmt::format(
                                "{}: {}: a {} block is withheld even for plain values: {}",
                                r.fix_source, r.id, to_string(sh), b.refusal));
            }
        } catch (const rule_error& e) {
            problems.push_back(e.what());
        }
    }
    return problems;
}

}  // namespace csx::remediation
