#include "store/schema.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "store/db.hpp"
#include "store/statement.hpp"
#include "store/transaction.hpp"
#include "util/embedded.hpp"
#include "util/error.hpp"
#include "util/fnv1a.hpp"

namespace csx::store {
namespace {

struct script {
    std::int64_t number;
    std::string_view name;
    std::string_view sql;
};

constexpr std::int64_t kFirstIdempotent = 900;

std::vector<script> scripts() {
    std::vector<script> out;
    for (const auto& f : embedded::schema()) {
        if (f.path.size() < 4 || !f.path.ends_with(".sql") || f.path[0] < '0' || f.path[0] > '9')
            continue;
        std::int64_t n = 0;
        auto [p, ec] = std::from_chars(f.path.data(), f.path.data() + f.path.size(), n);
        if (ec != std::errc() || p == f.path.data() || *p != '_') {
            throw internal_error(fmt::format("schema file without a number: {}", f.path));
        }
        out.push_back({n, f.path, f.content});
    }
    std::sort(out.begin(), out.end(),
              [](const script& a, const script& b) { return a.number < b.number; });
    return out;
}

std::string digest(std::string_view text) {
    // A change detector for the idempotent scripts, not a security measure.
    return fmt::format("{:016x}", fnv1a(text));
}

std::string stored_digest(db& d, std::string_view key) {
    auto st = d.prepare(
        "SELECT value FROM csx_meta WHERE key = ?1 AND EXISTS "
        "(SELECT 1 FROM sqlite_schema WHERE name = 'csx_meta')");
    st.bind(1, key);
    return st.step() ? st.column_text(0) : std::string();
}

bool has_meta_table(db& d) {
    auto st = d.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'csx_meta'");
    return st.step();
}

}  // namespace

std::int64_t schema_version() {
    std::int64_t v = 0;
    for (const auto& s : scripts()) {
        if (s.number < kFirstIdempotent) v = std::max(v, s.number);
    }
    return v;
}

void migrate(db& d) {
    const auto all = scripts();
    const std::int64_t target = schema_version();
    std::int64_t current = d.user_version();
    if (current > target) {
        throw db_error(fmt::format(
            "database '{}' has schema version {}, newer than this csx ({}): use a newer csx",
            d.path(), current, target));
    }
    if (current == 0) {
        // A new database: 16 KiB pages (fewer, larger writes and shallower b-trees for bulk
        // loads; must be set before the first table), then WAL so readers (triage, report)
        // are never blocked by an ingest.
        d.exec("PRAGMA page_size = 16384");
    }
    if (current < target) d.set_journal_mode("wal");

    // What an interrupted bulk load changed comes back (cheap when nothing did): the indexes
    // it dropped and WAL mode.
    if (current == target) {
        create_indexes(d);
        d.set_journal_mode("wal");
    }

    bool idempotent_due = current < target;
    if (!idempotent_due && has_meta_table(d)) {
        for (const auto& s : all) {
            if (s.number >= kFirstIdempotent && stored_digest(d, s.name) != digest(s.sql)) {
                idempotent_due = true;
            }
        }
    }
    if (!idempotent_due) return;

    transaction tx(d);
    current = d.user_version();  // re-read under the write lock: another csx may have migrated
    for (const auto& s : all) {
        if (s.number >= kFirstIdempotent || s.number <= current) continue;
        d.exec(s.sql);
        if (d.user_version() != s.number) {
            throw internal_error(
                fmt::format("schema/{} must set PRAGMA user_version = {}", s.name, s.number));
        }
    }
    // Views named v_* are csx's: all of them go before the view script re-creates the current
    // set, so a view this version renamed or dropped cannot linger or collide. (Users' own
    // views keep other names: schema/README.md.)
    std::vector<std::string> views;
    {
        auto q = d.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'view' AND name LIKE 'v\\_%' ESCAPE '\\'");
        while (q.step())
            views.push_back(q.column_text(0));
    }
    for (const auto& v : views)
        d.exec(fmt::format("DROP VIEW IF EXISTS \"{}\"", v));
    for (const auto& s : all) {
        if (s.number < kFirstIdempotent) continue;
        d.exec(s.sql);
        auto st = d.prepare("INSERT OR REPLACE INTO csx_meta(key, value) VALUES (?1, ?2)");
        st.bind(1, s.name);
        st.bind(2, digest(s.sql));
        st.step();
    }
    derive(d);
    tx.commit();
}

void derive(db& d) {
    for (const auto& f : embedded::schema()) {
        if (f.path.starts_with("derive_") && f.path.ends_with(".sql")) d.exec(f.content);
    }
}

void require_current(db& d) {
    const std::int64_t v = d.user_version();
    if (v == 0) {
        throw db_error(fmt::format(
            "'{}' is not a csx database (or is empty): run `csx ingest` first", d.path()));
    }
    if (v != schema_version()) {
        throw db_error(fmt::format("database '{}' has schema version {}, this csx expects {}: {}",
                                   d.path(), v, schema_version(),
                                   v < schema_version()
                                       ? "run `csx ingest` with no files to upgrade it"
                                       : "use a newer csx"));
    }
}

std::string_view script(std::string_view name) {
    for (const auto& f : embedded::schema()) {
        if (f.path == name) return f.content;
    }
    throw internal_error(fmt::format("schema/{} is not compiled in", name));
}

void drop_indexes(db& d) {
    for (const auto& s : scripts()) {
        if (s.name.find("index") == std::string_view::npos || s.number < kFirstIdempotent) continue;
        constexpr std::string_view kCreate = "CREATE INDEX IF NOT EXISTS ";
        for (std::size_t pos = s.sql.find(kCreate); pos != std::string_view::npos;
             pos = s.sql.find(kCreate, pos + 1)) {
            const std::size_t start = pos + kCreate.size();
            const std::size_t end = s.sql.find_first_of(" \t\n", start);
            d.exec(fmt::format("DROP INDEX IF EXISTS {}", s.sql.substr(start, end - start)));
        }
    }
}

void create_indexes(db& d) {
    for (const auto& s : scripts()) {
        if (s.name.find("index") != std::string_view::npos && s.number >= kFirstIdempotent)
            d.exec(s.sql);
    }
}

}  // namespace csx::store
