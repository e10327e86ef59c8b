#include "report/data_quality.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "store/db.hpp"
#include "store/statement.hpp"
#include "util/json.hpp"

namespace csx::report {

namespace {

// The kinds of evidence the rules read, as an engineer names them; a tenant without one is told
// so (a rule that needs it cannot fire). Keys are source_file.kind, csexport split by connector.
struct evidence_kind {
    const char* label;               // in "files:" and "absent:"
    std::vector<const char*> kinds;  // source_file.kind values (csexport: with the connector kind)
};

const std::vector<evidence_kind>& evidence_kinds() {
    static const std::vector<evidence_kind> k = {
        {"csexport of an AD connector", {"csexport:ad"}},
        {"csexport of the Entra connector", {"csexport:aad"}},
        {"run history", {"run-history", "clixml-runstep"}},
        {"connector configuration", {"connector-config"}},
        {"Graph provisioning errors", {"graph-json"}},
        {"AD permissions (dsacls)", {"dsacls"}},
        {"AD group membership (LDIF or AD module export)", {"ldif", "clixml-ad"}},
    };
    return k;
}

std::string kind_label(const std::string& key) {
    if (key == "collect-manifest") return "csx collect manifest";
    for (const auto& e : evidence_kinds())
        for (const char* k : e.kinds)
            if (key == k) return e.label;
    return key == "csexport:" ? "csexport of an unidentified connector" : key;
}

std::string connector_kind_label(const std::string& k) {
    if (k == "ad") return "AD";
    if (k == "aad") return "Entra ID";
    return "other";
}

std::string plural(std::int64_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

void read_files(store::db& d, std::int64_t tid, tenant_data& t, bool& usable, bool& damaged) {
    // csexport files count by the connector they are a dump of (v_file_connector), else by the
    // kind their objects showed.
    auto q = d.prepare(
        "SELECT f.kind || CASE WHEN f.kind = 'csexport' THEN ':' || coalesce("
        "  (SELECT fc.kind FROM v_file_connector AS fc WHERE fc.file_id = f.file_id LIMIT 1),"
        "  f.connector_kind, '') ELSE '' END, f.status, f.record_count, "
        "  f.kind = 'collect-manifest' "
        "FROM source_file AS f WHERE f.tenant_id = ?1");
    q.bind(1, tid);
    std::map<std::string, std::int64_t> by_label;
    while (q.step()) {
        ++t.files;
        t.records += q.column_int64(2);
        ++by_label[kind_label(q.column_text(0))];
        const bool complete = q.column_text(1) == "complete";
        // A collection manifest alone is no data to judge the tenant by: it says what was
        // collected, the other files are what was.
        usable = usable || (q.column_int64(3) == 0 && (complete || q.column_int64(2) > 0));
        damaged = damaged || !complete;
    }
    // In the order of evidence_kinds() (the order an engineer checks them), others after.
    const auto rank = [](const std::string& label) {
        const auto& k = evidence_kinds();
        for (std::size_t i = 0; i < k.size(); ++i)
            if (label == k[i].label) return i;
        return k.size();
    };
    t.kinds.assign(by_label.begin(), by_label.end());
    std::stable_sort(t.kinds.begin(), t.kinds.end(), [&rank](const auto& a, const auto& b) {
        return rank(a.first) < rank(b.first);
    });
    for (const auto& e : evidence_kinds())
        if (by_label.find(e.label) == by_label.end()) t.absent.emplace_back(e.label);
}

// Configuration evidence: v_connector lists a connector from its configuration whenever the
// tenant has one (the run-history row only stands in when it has none).
void read_connectors(store::db& d, std::int64_t tid, tenant_data& t) {
    auto q = d.prepare(
        "SELECT c.name, c.kind, c.known_from = 'config',"
        " EXISTS (SELECT 1 FROM run AS r JOIN source_file AS f USING (file_id)"
        "  WHERE f.tenant_id = c.tenant_id"
        "  AND (upper(r.ma_id) = c.ma_id OR r.ma_name = c.name COLLATE NOCASE)),"
        " EXISTS (SELECT 1 FROM v_file_connector AS fc WHERE fc.tenant_id = c.tenant_id"
        "  AND fc.ma_id IS c.ma_id AND fc.name IS c.name),"
        " (SELECT kind FROM source_file AS f WHERE f.file_id = c.file_id) = 'collect-manifest' "
        "FROM v_connector AS c WHERE c.tenant_id = ?1 "
        "UNION ALL "
        // Dumps of a connector no configuration or run history names.
        "SELECT DISTINCT coalesce(f.connector_hint, ''), coalesce(f.connector_kind, ''), 0, 0, 1, "
        "0 "
        "FROM source_file AS f WHERE f.tenant_id = ?1 AND f.kind = 'csexport' "
        "AND f.file_id NOT IN (SELECT file_id FROM v_file_connector) "
        "AND (f.record_count > 0 OR f.connector_hint IS NOT NULL)");
    q.bind(1, tid);
    while (q.step()) {
        connector_coverage c;
        c.kind = connector_kind_label(q.column_text(1));
        c.name = q.column_text(0);
        if (c.name.empty())
            c.name = c.kind == "other" ? "a connector the files do not name"
                                       : fmt::format("an unnamed {} connector", c.kind);
        // Known from a csx collect manifest: Get-ADSyncConnector's list (name, type, account),
        // not the configuration export (filters, partitions, rules).
        if (q.column_int64(2) != 0)
            c.evidence.emplace_back(q.column_int64(5) != 0 ? "connector list" : "configuration");
        if (q.column_int64(4) != 0) c.evidence.emplace_back("csexport");
        if (q.column_int64(3) != 0) c.evidence.emplace_back("run history");
        std::sort(c.evidence.begin(), c.evidence.end());
        t.connectors.push_back(std::move(c));
    }
    std::sort(t.connectors.begin(), t.connectors.end(),
              [](const connector_coverage& a, const connector_coverage& b) {
                  return std::tie(a.kind, a.name) < std::tie(b.kind, b.name);
              });
    t.connectors.erase(std::unique(t.connectors.begin(), t.connectors.end(),
                                   [](const connector_coverage& a, const connector_coverage& b) {
                                       return a.kind == b.kind && a.name == b.name;
                                   }),
                       t.connectors.end());
}

// Provenance of a csx collect bundle: who collected, where, when, with which versions.
void read_collections(store::db& d, std::int64_t tid, tenant_data& t) {
    auto q = d.prepare(
        "SELECT coalesce(r.csx_version, '?'), coalesce(r.server, 'an unnamed server'),"
        " coalesce(r.collected_at, 'an unknown time'), coalesce(r.powershell_version, '?'),"
        " coalesce(r.adsync_version, '?'),"
        " (SELECT count(*) FROM collect_item AS i WHERE i.file_id = r.file_id AND i.status = 'ok'),"
        " (SELECT count(*) FROM collect_item AS i WHERE i.file_id = r.file_id) "
        "FROM collect_run AS r JOIN source_file AS f USING (file_id) WHERE f.tenant_id = ?1 "
        "ORDER BY r.collected_at, f.file_id");
    q.bind(1, tid);
    while (q.step())
        t.collections.push_back(
            fmt::format("csx collect {} on {} at {} (PowerShell {}, ADSync {}): {} of {} done",
                        q.column_text(0), q.column_text(1), q.column_text(2), q.column_text(3),
                        q.column_text(4), q.column_int64(5), plural(q.column_int64(6), "step")));
}

// What the newest `csx collect` of the tenant could not do (its manifest's failed and skipped
// steps): the file it would have written, named as the bundle's other members are, and why.
// An older collection's failures no longer count once a newer one was ingested.
void read_not_collected(store::db& d, std::int64_t tid, tenant_data& t, bool& unread) {
    auto q = d.prepare(
        "SELECT f.path, i.path, i.what, coalesce(i.command, ''), i.exit_code,"
        " coalesce(i.message, ''), i.status "
        "FROM collect_item AS i JOIN source_file AS f USING (file_id) "
        "WHERE f.tenant_id = ?1 AND i.status <> 'ok' AND f.batch_id = "
        " (SELECT max(batch_id) FROM source_file WHERE tenant_id = ?1 AND kind = "
        "'collect-manifest') "
        "ORDER BY f.path, i.ord");
    q.bind(1, tid);
    while (q.step()) {
        const std::string manifest = q.column_text(0), member = q.column_text(1);
        const auto slash = manifest.rfind('/');
        const std::string file =
            member.empty()
                ? manifest
                : (slash == std::string::npos ? std::string() : manifest.substr(0, slash + 1)) +
                      member;
        std::string message = fmt::format("collection could not read {}", q.column_text(2));
        if (q.column_text(6) == "skipped") message += " (skipped)";
        if (!q.column_text(5).empty()) message += ": " + q.column_text(5);
        std::string how = q.column_text(3);
        if (!q.is_null(4))
            how += fmt::format("{}exit code {}", how.empty() ? "" : ", ", q.column_int64(4));
        if (!how.empty()) message += fmt::format(" ({})", how);
        t.problems.push_back({file, "not-collected", std::move(message)});
        unread = true;
    }
}

void read_problems(store::db& d, std::optional<std::int64_t> tid, tenant_data& t, bool& unread) {
    if (tid) {
        auto q = d.prepare(
            "SELECT path, coalesce(error, ''), coalesce(error_line, 0), coalesce(error_column, 0),"
            " record_count FROM source_file WHERE tenant_id = ?1 AND status = 'partial' "
            "ORDER BY path, file_id");
        q.bind(1, *tid);
        while (q.step())
            t.problems.push_back({q.column_text(0), "partial", q.column_text(1), q.column_int64(2),
                                  q.column_int64(3), q.column_int64(4)});
    }
    auto q = d.prepare(
        "SELECT path, status, reason FROM input_problem WHERE tenant_id IS ?1 "
        "ORDER BY status = 'skipped', path");
    q.bind(1, tid);
    while (q.step()) {
        file_problem p{q.column_text(0), q.column_text(1), q.column_text(2)};
        unread = unread || p.status != "skipped";  // unreadable, or damaged before any record
        t.problems.push_back(std::move(p));
    }
    if (tid) read_not_collected(d, *tid, t, unread);
    std::stable_sort(t.problems.begin(), t.problems.end(),
                     [](const file_problem& a, const file_problem& b) {
                         return (a.status == "skipped") < (b.status == "skipped");
                     });
}

}  // namespace

std::string_view to_string(data_state s) {
    switch (s) {
        case data_state::complete:
            return "complete";
        case data_state::partial:
            return "partial";
        case data_state::no_usable_data:
            return "no-usable-data";
    }
    return "complete";
}

std::vector<tenant_data> read_data_quality(store::db& d, const std::string& tenant) {
    std::vector<tenant_data> out;
    auto q = d.prepare(
        "SELECT tenant_id, name FROM tenant WHERE (?1 = '' OR name = ?1) AND tenant_id IN "
        "(SELECT tenant_id FROM source_file UNION SELECT tenant_id FROM input_problem) "
        "ORDER BY name");
    q.bind(1, tenant);
    std::vector<std::pair<std::int64_t, std::string>> ids;
    while (q.step())
        ids.emplace_back(q.column_int64(0), q.column_text(1));
    for (const auto& [tid, name] : ids) {
        tenant_data t;
        t.tenant = name;
        bool usable = false, damaged = false, unread = false;
        read_files(d, tid, t, usable, damaged);
        read_connectors(d, tid, t);
        read_collections(d, tid, t);
        read_problems(d, tid, t, unread);
        t.state = !usable             ? data_state::no_usable_data
                  : damaged || unread ? data_state::partial
                                      : data_state::complete;
        out.push_back(std::move(t));
    }
    if (tenant.empty()) {
        auto any = d.prepare("SELECT 1 FROM input_problem WHERE tenant_id IS NULL LIMIT 1");
        if (any.step()) {
            tenant_data t;
            bool unread = false;
            read_problems(d, std::nullopt, t, unread);
            for (const auto& e : evidence_kinds())
                t.absent.emplace_back(e.label);
            t.state = data_state::no_usable_data;
            out.insert(out.begin(), std::move(t));  // "" sorts first
        }
    }
    return out;
}

data_state worst_state(const std::vector<tenant_data>& tenants) {
    data_state w = data_state::complete;
    for (const auto& t : tenants)
        w = std::max(w, t.state);
    return w;
}

std::string state_summary(const tenant_data& t) {
    int damaged = 0, unreadable = 0, skipped = 0, not_collected = 0;
    for (const auto& p : t.problems) {
        damaged += p.status == "partial" || p.status == "damaged";
        unreadable += p.status == "unreadable";
        skipped += p.status == "skipped";
        not_collected += p.status == "not-collected";
    }
    std::vector<std::string> parts;
    parts.push_back(
        fmt::format("{} read, {} kept", plural(t.files, "file"), plural(t.records, "record")));
    if (damaged > 0) parts.push_back(fmt::format("{} damaged", damaged));
    if (unreadable > 0) parts.push_back(fmt::format("{} unreadable", unreadable));
    if (skipped > 0) parts.push_back(fmt::format("{} skipped", skipped));
    if (not_collected > 0) parts.push_back(fmt::format("{} not collected", not_collected));
    std::string out;
    switch (t.state) {
        case data_state::complete:
            out = "complete: ";
            break;
        case data_state::partial:
            out = "partial: ";
            break;
        case data_state::no_usable_data:
            out = "NO USABLE DATA (no finding here means nothing was looked at): ";
            break;
    }
    for (std::size_t i = 0; i < parts.size(); ++i)
        out += (i == 0 ? "" : ", ") + parts[i];
    return out;
}

std::string kinds_summary(const tenant_data& t) {
    std::string out;
    for (const auto& [label, n] : t.kinds)
        out += fmt::format("{}{} {}", out.empty() ? "" : ", ", n, label);
    return out.empty() ? "none" : out;
}

std::string connector_summary(const connector_coverage& c) {
    std::string ev;
    for (const auto& e : c.evidence)
        ev += (ev.empty() ? "" : ", ") + e;
    return fmt::format("{} ({}{}{})", c.name, c.kind, ev.empty() ? "" : ": ", ev);
}

void write_json(json::builder& b, const tenant_data& t) {
    b.begin_object();
    b.key("tenant");
    b.value(t.tenant);
    b.key("state");
    b.value(to_string(t.state));
    b.key("files");
    b.value(t.files);
    b.key("records");
    b.value(t.records);
    b.key("kinds");
    b.begin_object();
    for (const auto& [label, n] : t.kinds) {
        b.key(label);
        b.value(n);
    }
    b.end_object();
    b.key("connectors");
    b.begin_array();
    for (const auto& c : t.connectors) {
        b.begin_object();
        b.key("name");
        b.value(c.name);
        b.key("kind");
        b.value(c.kind);
        b.key("evidence");
        b.value(c.evidence);
        b.end_object();
    }
    b.end_array();
    b.key("absent");
    b.value(t.absent);
    b.key("collections");
    b.value(t.collections);
    b.key("problems");
    b.begin_array();
    for (const auto& p : t.problems) {
        b.begin_object();
        b.key("file");
        b.value(p.file);
        b.key("status");
        b.value(p.status);
        b.key("message");
        b.value(p.message);
        const bool partial = p.status == "partial";
        b.key("line");
        if (partial && p.line > 0)
            b.value(p.line);
        else
            b.value_null();
        b.key("column");
        if (partial && p.column > 0)
            b.value(p.column);
        else
            b.value_null();
        b.key("records_kept");
        if (partial)
            b.value(p.records_kept);
        else
            b.value_null();
        b.end_object();
    }
    b.end_array();
    b.end_object();
}

std::string problem_summary(const file_problem& p) {
    if (p.status == "partial") {
        std::string where = p.file;
        if (p.line > 0) where += fmt::format(":{}", p.line);
        if (p.line > 0 && p.column > 0) where += fmt::format(":{}", p.column);
        return fmt::format("{}: damaged: {} (kept the {} before the damage)", where, p.message,
                           plural(p.records_kept, "record"));
    }
    if (p.status == "unreadable" || p.status == "damaged")
        return fmt::format("{}: {}: {}", p.file, p.status, p.message);
    return fmt::format("{}: {}", p.file, p.message);  // skipped: the reason says what it is
}

}  // namespace csx::report
