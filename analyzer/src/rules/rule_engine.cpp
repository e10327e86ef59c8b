#include "rules/rule_engine.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "rules/sql_functions.hpp"
#include "store/db.hpp"
#include "store/statement.hpp"
#include "util/error.hpp"

namespace csx::rules {

namespace {

// Statements reused for every finding of a run (prepared once, not per row).
struct json_helpers {
    explicit json_helpers(store::db& d)
        : elements(d.prepare("SELECT value FROM json_each(?1) WHERE value IS NOT NULL")),
          check(d.prepare("SELECT json_valid(?1), json_type(?1)")) {}

    // A JSON array of strings (as json_group_array writes it) as its elements; any other text
    // is a one-element list.
    std::vector<std::string> string_list(const std::string& text) {
        std::vector<std::string> out;
        if (text.empty()) return out;
        if (text.front() != '[') {
            out.push_back(text);
            return out;
        }
        elements.bind(1, text);
        while (elements.step())
            out.push_back(elements.column_text(0));
        elements.reset();
        return out;
    }

    store::statement elements;
    store::statement check;
};

finding to_finding(json_helpers& js, const rule& r, store::statement& st) {
    finding f;
    f.rule_id = r.id;
    f.title = r.title;
    f.level = r.level;
    f.category = r.category;
    f.verify = r.verify;
    for (int i = 0; i < st.column_count(); ++i) {
        const std::string name = st.column_name(i);
        const std::string value = st.is_null(i) ? std::string() : st.column_text(i);
        f.columns[name] = value;
        auto as_int = [&]() -> std::optional<std::int64_t> {
            if (st.is_null(i)) return std::nullopt;
            return st.column_int64(i);
        };
        if (name == "tenant")
            f.tenant = value;
        else if (name == "connector")
            f.connector = value;
        else if (name == "connector_kind")
            f.connector_kind = value;
        else if (name == "object_dn")
            f.object_dn = value;
        else if (name == "object_type")
            f.object_type = value;
        else if (name == "attributes")
            f.attributes = js.string_list(value);
        else if (name == "error_code")
            f.error_code = as_int();
        else if (name == "error_type")
            f.error_type = value;
        else if (name == "error_text")
            f.error_text = value;
        else if (name == "first_occurred")
            f.first_occurred = value;
        else if (name == "last_occurred")
            f.last_occurred = value;
        else if (name == "retry_count")
            f.retry_count = as_int();
        else if (name == "evidence")
            f.evidence = value;
        else if (name == "evidence_detail")
            f.evidence_detail = value;
        else if (name == "source_file")
            f.source_file = value;
        else if (name == "source_line")
            f.source_line = st.is_null(i) ? 0 : st.column_int64(i);
        else if (name == "error_keys")
            f.error_keys = js.string_list(value);
        else if (name == "principal")
            f.principal = value;
        if (!value.empty() && (value.front() == '[' || value.front() == '{')) {
            js.check.bind(1, value);
            const bool valid = js.check.step() && js.check.column_int64(0) == 1;
            const bool array = valid && js.check.column_view(1) == "array";
            js.check.reset();
            if (valid) {
                f.json_columns[name] = value;
                if (array) {
                    auto& list = f.lists[name] = js.string_list(value);
                    std::string joined;
                    for (const auto& x : list)
                        joined += (joined.empty() ? "" : ", ") + x;
                    f.columns[name] = joined;
                }
            }
        }
    }
    return f;
}

}  // namespace

const std::vector<std::string>& required_columns() {
    static const std::vector<std::string> v = {"tenant", "object_dn", "error_text", "source_file",
                                               "source_line"};
    return v;
}

const std::vector<std::string>& standard_columns() {
    static const std::vector<std::string> v = {
        "tenant",        "connector",   "connector_kind", "object_dn",       "object_type",
        "attributes",    "error_code",  "error_type",     "error_text",      "first_occurred",
        "last_occurred", "retry_count", "evidence",       "evidence_detail", "source_file",
        "source_line",   "error_keys",  "principal"};
    return v;
}

namespace {

// The shared views (schema table csx_shared_view) computed once into TEMP tables that shadow
// them for this connection, dropped again when the run ends (also on errors). Only the views
// some rule of this run names are computed (`triage --no-preflight` pays nothing for the
// pre-flight views); in the order of their names, so a view may read one computed before it.
class shared_views {
public:
    shared_views(store::db& d, const std::string& tenant, const std::vector<rule>& rules) : db_(d) {
        std::vector<std::pair<std::string, std::string>> views;  // name, index_on
        {
            auto st =
                d.prepare("SELECT name, coalesce(index_on, '') FROM csx_shared_view ORDER BY name");
            while (st.step())
                views.emplace_back(st.column_text(0), st.column_text(1));
        }
        for (const auto& view : views) {
            // Named, not a structured binding: Clang 14 (the fuzz build) cannot capture one.
            const std::string& n = view.first;
            const std::string& index_on = view.second;
            if (std::none_of(rules.begin(), rules.end(),
                             [&](const rule& r) { return r.sql.find(n) != std::string::npos; }))
                continue;
            if (n.empty() ||
                n.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos)
                throw internal_error(
                    fmt::format("csx_shared_view holds an invalid view name '{}'", n));
            d.exec(fmt::format("DROP TABLE IF EXISTS temp.{}", n));
            auto st = d.prepare(
                tenant.empty() ? fmt::format("CREATE TEMP TABLE {0} AS SELECT * FROM main.{0}", n)
                               : fmt::format("CREATE TEMP TABLE {0} AS SELECT * FROM main.{0} "
                                             "WHERE tenant = ?1",
                                             n));
            if (!tenant.empty()) st.bind(1, tenant);
            st.step();
            made_.push_back(n);
            // The rules join these tables by the listed columns: an index makes each lookup a
            // search instead of a scan of the whole table.
            if (!index_on.empty()) {
                if (index_on.find_first_not_of("abcdefghijklmnopqrstuvwxyz_, ") !=
                    std::string::npos)
                    throw internal_error(fmt::format(
                        "csx_shared_view holds an invalid index_on '{}' for {}", index_on, n));
                d.exec(fmt::format("CREATE INDEX temp.{0}_index ON {0}({1})", n, index_on));
            }
        }
    }
    ~shared_views() {
        for (const auto& n : made_) {
            try {
                db_.exec(fmt::format("DROP TABLE IF EXISTS temp.{}", n));
            } catch (...) {  // quiet destructor: the TEMP table dies with the connection anyway
            }
        }
    }
    shared_views(const shared_views&) = delete;
    shared_views& operator=(const shared_views&) = delete;

private:
    store::db& db_;
    std::vector<std::string> made_;
};

struct resolution {
    std::string at, by;
};

// Marks the findings all of whose errors newer evidence shows gone; drops them unless asked.
void mark_resolved(store::db& d, const run_options& opts, std::vector<finding>& out) {
    std::map<std::string, resolution> gone;
    {
        auto st = d.prepare(
            "SELECT 'sync_error:' || r.error_id, coalesce(r.resolved_at, ''), r.resolved_by "
            "FROM v_resolved_error AS r JOIN tenant AS t USING (tenant_id) "
            "WHERE ?1 = '' OR t.name = ?1");
        st.bind(1, opts.tenant);
        while (st.step())
            gone[st.column_text(0)] = {st.column_text(1), st.column_text(2)};
    }
    for (auto& f : out) {
        if (f.error_keys.empty()) continue;
        const resolution* newest = nullptr;
        for (const auto& k : f.error_keys) {
            auto it = gone.find(k);
            if (it == gone.end()) {
                newest = nullptr;
                break;
            }
            if (!newest || it->second.at > newest->at) newest = &it->second;
        }
        if (!newest) continue;
        f.resolved = true;
        f.resolved_at = newest->at;
        f.resolved_by = newest->by;
    }
    if (!opts.include_resolved) std::erase_if(out, [](const finding& f) { return f.resolved; });
}

}  // namespace

std::vector<finding> run_rules(store::db& d, const std::vector<rule>& rules,
                               const run_options& opts) {
    register_sql_functions(d);
    const shared_views shared(d, opts.tenant, rules);
    json_helpers js(d);
    std::vector<finding> out;
    std::vector<std::pair<const rule*, std::vector<finding>>> fallback;
    std::set<std::string> explained;
    for (const auto& r : rules) {
        // The rule's SELECT as a subquery, so the tenant filter never touches its text.
        const std::string sql =
            opts.tenant.empty() ? r.sql
                                : fmt::format("SELECT * FROM (\n{}\n) WHERE tenant = ?1", r.sql);
        std::vector<finding> rows;
        try {
            auto st = d.prepare(sql);
            if (!opts.tenant.empty()) st.bind(1, opts.tenant);
            while (st.step())
                rows.push_back(to_finding(js, r, st));
        } catch (const db_error& e) {
            throw rule_error(
                fmt::format("{}:{}: rule {} failed: {}", r.source, r.sql_line, r.id, e.what()));
        }
        if (r.fallback) {
            fallback.emplace_back(&r, std::move(rows));
            continue;
        }
        for (auto& f : rows) {
            explained.insert(f.error_keys.begin(), f.error_keys.end());
            out.push_back(std::move(f));
        }
    }
    for (auto& [r, rows] : fallback) {
        for (auto& f : rows) {
            const bool covered =
                !f.error_keys.empty() &&
                std::all_of(f.error_keys.begin(), f.error_keys.end(),
                            [&](const std::string& k) { return explained.count(k) > 0; });
            if (!covered) out.push_back(std::move(f));
        }
    }
    mark_resolved(d, opts, out);
    std::stable_sort(out.begin(), out.end(), [](const finding& a, const finding& b) {
        return std::make_tuple(-static_cast<int>(a.level), std::cref(a.rule_id),
                               std::cref(a.tenant), std::cref(a.object_dn),
                               std::cref(a.first_occurred), std::cref(a.source_file),
                               a.source_line) <
               std::make_tuple(-static_cast<int>(b.level), std::cref(b.rule_id),
                               std::cref(b.tenant), std::cref(b.object_dn),
                               std::cref(b.first_occurred), std::cref(b.source_file),
                               b.source_line);
    });
    return out;
}

}  // namespace csx::rules
