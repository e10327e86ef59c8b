#include "snapshot/snapshot_store.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "rules/catalog_digest.hpp"
#include "rules/rule_engine.hpp"
#include "store/db.hpp"
#include "store/statement.hpp"
#include "store/transaction.hpp"
#include "util/time.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace csx::snapshot {

namespace {

// Above this many stale tenants one run over the whole database beats one run per tenant (the
// shared views are computed once per run).
constexpr std::size_t kPerTenantLimit = 8;

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

stored_finding to_stored(const rules::finding& f) {
    stored_finding s;
    s.key = finding_key(f);
    s.rule_id = f.rule_id;
    s.level = f.level;
    s.title = f.title;
    s.connector = f.connector;
    s.object_dn = f.object_dn;
    s.attributes = joined(f.attributes);
    s.error_code = f.error_code;
    s.first_occurred = f.first_occurred;
    s.last_occurred = f.last_occurred;
    s.retry_count = f.retry_count;
    s.category = f.category;
    return s;
}

// Two findings with one identity (e.g. the same object failing in two dumps) become one: the
// widest time span and the largest retry count.
void merge(stored_finding& into, const stored_finding& s) {
    if (s.level > into.level) into.level = s.level;
    if (!s.first_occurred.empty() &&
        (into.first_occurred.empty() || s.first_occurred < into.first_occurred))
        into.first_occurred = s.first_occurred;
    if (s.last_occurred > into.last_occurred) into.last_occurred = s.last_occurred;
    if (s.retry_count && (!into.retry_count || *s.retry_count > *into.retry_count))
        into.retry_count = s.retry_count;
    if (!into.error_code) into.error_code = s.error_code;
}

void sort_findings(std::vector<stored_finding>& v) {
    std::sort(v.begin(), v.end(), [](const stored_finding& a, const stored_finding& b) {
        if (a.level != b.level) return a.level > b.level;
        return a.key < b.key;
    });
}

std::vector<stored_finding> condensed(const std::vector<const rules::finding*>& findings) {
    std::map<std::string, stored_finding> by_key;
    for (const auto* f : findings) {
        auto s = to_stored(*f);
        auto [it, fresh] = by_key.try_emplace(s.key, s);
        if (!fresh) merge(it->second, s);
    }
    std::vector<stored_finding> out;
    out.reserve(by_key.size());
    for (auto& [k, s] : by_key)
        out.push_back(std::move(s));
    sort_findings(out);
    return out;
}

void store_snapshot(store::db& w, const tenant_version& t, const std::string& digest,
                    const std::vector<stored_finding>& findings) {
    auto ins = w.prepare(
        "INSERT INTO snapshot (tenant_id, batch_id, rules_digest, taken_at, tool_version) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    ins.bind(1, t.tenant_id);
    ins.bind(2, t.batch_id);
    ins.bind(3, digest);
    ins.bind(4, utc::now_utc());
    ins.bind(5, CSX_VERSION);
    ins.step();
    const std::int64_t id = w.last_insert_rowid();
    auto row = w.prepare(
        "INSERT INTO snapshot_finding (snapshot_id, finding_key, rule_id, severity, title, "
        "connector, object_dn, attributes, error_code, first_occurred, last_occurred, "
        "retry_count, category) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        true);
    for (const auto& f : findings) {
        row.reset();
        row.bind(1, id);
        row.bind(2, f.key);
        row.bind(3, f.rule_id);
        row.bind(4, rules::to_string(f.level));
        row.bind(5, f.title);
        row.bind_view_or_null(6, f.connector);
        row.bind_view_or_null(7, f.object_dn);
        row.bind_view_or_null(8, f.attributes);
        row.bind(9, f.error_code);
        row.bind_view_or_null(10, f.first_occurred);
        row.bind_view_or_null(11, f.last_occurred);
        row.bind(12, f.retry_count);
        row.bind_view_or_null(13, f.category);
        row.step();
    }
}

snapshot read_header(store::statement& q) {
    snapshot s;
    s.id = q.column_int64(0);
    s.tenant_id = q.column_int64(1);
    s.tenant = q.column_text(2);
    s.batch_id = q.column_int64(3);
    s.batch_started_at = q.column_text(4);
    s.rules_digest = q.column_text(5);
    s.taken_at = q.column_text(6);
    return s;
}

constexpr const char* kHeader =
    "SELECT s.snapshot_id, s.tenant_id, t.name, s.batch_id, b.started_at, s.rules_digest, "
    "s.taken_at FROM snapshot AS s JOIN tenant AS t USING (tenant_id) "
    "JOIN ingest_batch AS b USING (batch_id) ";

constexpr const char* kVersions =
    "SELECT t.tenant_id, t.name, max(f.batch_id), max(f.ingested_at) FROM tenant AS t "
    "JOIN source_file AS f USING (tenant_id) ";

void read_findings(store::db& d, snapshot& s) {
    auto q = d.prepare(
        "SELECT finding_key, rule_id, severity, title, connector, object_dn, attributes, "
        "error_code, first_occurred, last_occurred, retry_count, category FROM snapshot_finding "
        "WHERE snapshot_id = ?1");
    q.bind(1, s.id);
    while (q.step()) {
        stored_finding f;
        f.key = q.column_text(0);
        f.rule_id = q.column_text(1);
        f.level = rules::parse_severity(q.column_text(2)).value_or(rules::severity::info);
        f.title = q.column_text(3);
        f.connector = q.column_text(4);
        f.object_dn = q.column_text(5);
        f.attributes = q.column_text(6);
        if (!q.is_null(7)) f.error_code = q.column_int64(7);
        f.first_occurred = q.column_text(8);
        f.last_occurred = q.column_text(9);
        if (!q.is_null(10)) f.retry_count = q.column_int64(10);
        f.category = q.column_text(11);
        s.findings.push_back(std::move(f));
    }
    sort_findings(s.findings);
}

}  // namespace

std::string finding_key(const rules::finding& f) {
    // Unit separators: no DN or attribute name contains U+001F.
    return f.rule_id + '\x1f' + f.connector + '\x1f' + f.object_dn + '\x1f' + joined(f.attributes);
}

std::vector<tenant_version> current_versions(store::db& d) {
    auto q = d.prepare(std::string(kVersions) + "GROUP BY t.tenant_id ORDER BY t.name");
    std::vector<tenant_version> out;
    while (q.step())
        out.push_back({q.column_int64(0), q.column_text(1), q.column_int64(2), q.column_text(3)});
    return out;
}

std::optional<tenant_version> find_tenant(store::db& d, const std::string& name) {
    auto q = d.prepare(std::string(kVersions) + "WHERE t.name = ?1 GROUP BY t.tenant_id");
    q.bind(1, name);
    if (!q.step()) return std::nullopt;
    return tenant_version{q.column_int64(0), q.column_text(1), q.column_int64(2), q.column_text(3)};
}

int refresh(store::db& writer, store::db& analysis, const std::vector<rules::rule>& rules,
            const std::vector<std::string>& tenants) {
    const std::string digest = rules::catalog_digest(rules);
    std::set<std::string> wanted;
    for (const auto& t : tenants)
        wanted.insert(text::ascii_lower(t));
    std::vector<tenant_version> stale;
    {
        auto have = writer.prepare(
            "SELECT 1 FROM snapshot WHERE tenant_id = ?1 AND batch_id = ?2 AND rules_digest = ?3");
        for (const auto& t : current_versions(writer)) {
            if (!wanted.empty() && !wanted.count(text::ascii_lower(t.tenant))) continue;
            have.reset();
            have.bind(1, t.tenant_id);
            have.bind(2, t.batch_id);
            have.bind(3, digest);
            if (!have.step()) stale.push_back(t);
        }
    }
    if (stale.empty()) return 0;

    std::map<std::string, std::vector<rules::finding>> found;  // by tenant name
    auto collect = [&](const std::string& tenant) {
        rules::run_options ro;
        ro.tenant = tenant;
        for (auto& f : rules::run_rules(analysis, rules, ro))
            found[f.tenant].push_back(std::move(f));
    };
    if (stale.size() > kPerTenantLimit) {
        collect("");
    } else {
        for (const auto& t : stale)
            collect(t.tenant);
    }

    store::transaction tx(writer);
    for (const auto& t : stale) {
        std::vector<const rules::finding*> mine;
        if (auto it = found.find(t.tenant); it != found.end())
            for (const auto& f : it->second)
                mine.push_back(&f);
        store_snapshot(writer, t, digest, condensed(mine));
    }
    tx.commit();
    return static_cast<int>(stale.size());
}

std::optional<snapshot> load_current(store::db& d, const tenant_version& t,
                                     const std::string& rules_digest) {
    auto q = d.prepare(std::string(kHeader) +
                       "WHERE s.tenant_id = ?1 AND s.batch_id = ?2 AND s.rules_digest = ?3");
    q.bind(1, t.tenant_id);
    q.bind(2, t.batch_id);
    q.bind(3, rules_digest);
    if (!q.step()) return std::nullopt;
    snapshot s = read_header(q);
    q.reset();
    read_findings(d, s);
    return s;
}

std::optional<snapshot> load_baseline(store::db& d, const snapshot& current,
                                      const std::string& before) {
    auto q = d.prepare(std::string(kHeader) +
                       "WHERE s.tenant_id = ?1 AND s.batch_id < ?2 "
                       "  AND (?4 = '' OR b.started_at < ?4) "
                       "ORDER BY s.batch_id DESC, s.rules_digest = ?3 DESC, s.snapshot_id DESC "
                       "LIMIT 1");
    q.bind(1, current.tenant_id);
    q.bind(2, current.batch_id);
    q.bind(3, current.rules_digest);
    q.bind(4, before);
    if (!q.step()) return std::nullopt;
    snapshot s = read_header(q);
    q.reset();
    read_findings(d, s);
    return s;
}

}  // namespace csx::snapshot
