#include "report/report_model.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "report/error_line.hpp"
#include "report/escape.hpp"
#include "remediation/verification.hpp"
#include "report/data_quality.hpp"
#include "report/evidence.hpp"
#include "store/db.hpp"
#include "store/statement.hpp"
#include "util/time.hpp"

namespace csx::report {

namespace {

using tv = template_value;
using rules::severity;

constexpr std::size_t kTimelineRuns = 8;  // failed runs listed per finding

std::string count_of(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string certainty(const rules::finding& f) {
    if (f.evidence == "confirmed") return "Confirmed by the data: " + f.evidence_detail;
    if (f.evidence == "strong") return "Strong evidence: " + f.evidence_detail;
    if (f.evidence == "circumstantial")
        return "Circumstantial evidence only (verify before acting): " + f.evidence_detail;
    return "Classified from the error code and text";
}

std::string certainty_word(const rules::finding& f) {
    return f.evidence.empty() ? "error code" : f.evidence;
}

// A code block: its text and a Markdown fence longer than any backtick run in it.
tv block(const std::string& lang, const std::string& text) {
    tv b = tv::object();
    b.set("lang", lang);
    b.set("text", text);
    b.set("fence", md_fence(text));
    return b;
}

// How an excerpt that is the file's own text says so ("" for a re-serialisation): an XML one
// names the whole lines it shows.
std::string verbatim_label(const excerpt& e) {
    if (!e.verbatim) return {};
    if (e.first_line == 0) return "as the file writes it";
    if (e.last_line == e.first_line)
        return fmt::format("line {} as the file writes it", e.first_line);
    return fmt::format("lines {}\u2013{} as the file writes them", e.first_line, e.last_line);
}

// A list of {"text": ...} items, one per string.
tv text_items(const std::vector<std::string>& texts) {
    tv list = tv::list();
    for (const auto& t : texts) {
        tv item = tv::object();
        item.set("text", t);
        list.push(std::move(item));
    }
    return list;
}

tv paragraphs(const std::string& text) {
    tv list = tv::list();
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find("\n\n", pos);
        if (end == std::string::npos) end = text.size();
        std::string p = text.substr(pos, end - pos);
        for (auto& c : p)
            if (c == '\n') c = ' ';
        if (!p.empty()) {
            tv item = tv::object();
            item.set("text", p);
            list.push(std::move(item));
        }
        pos = end + 2;
    }
    return list;
}

tv remediation_sections(const remediation::rendered_fix& r, remediation::section_kind kind) {
    tv list = tv::list();
    int n = 0;
    for (const auto& s : r.sections) {
        if (s.kind != kind) continue;
        tv item = tv::object();
        item.set("number", ++n);
        item.set("title", s.title);
        item.set("text", tv::text_or_null(s.text));
        tv blocks = tv::list(), withheld = tv::list();
        for (const auto& b : s.blocks) {
            if (b.withheld()) {
                tv w = tv::object();
                w.set("text", b.refusal);
                withheld.push(std::move(w));
            } else {
                blocks.push(block(b.lang, b.text));
            }
        }
        item.set("blocks", std::move(blocks));
        item.set("withheld", std::move(withheld));
        list.push(std::move(item));
    }
    return list;
}

struct event {
    std::string time;
    std::string text;
};

tv timeline_for(const rules::finding& f, const std::vector<run_point>& runs) {
    std::vector<event> events;
    if (!f.first_occurred.empty()) events.push_back({f.first_occurred, "first failure recorded"});
    std::vector<const run_point*> related;
    for (const auto& r : runs) {
        if (!r.failed() || r.connector != f.connector) continue;
        if (!f.first_occurred.empty() && r.start < f.first_occurred.substr(0, 10)) continue;
        related.push_back(&r);
    }
    const std::size_t skip = related.size() > kTimelineRuns ? related.size() - kTimelineRuns : 0;
    if (skip)
        events.push_back(
            {related[skip]->start,
             fmt::format("({} earlier failed runs of {} not listed)", skip, f.connector)});
    for (std::size_t i = skip; i < related.size(); ++i) {
        const auto& r = *related[i];
        events.push_back(
            {r.start,
             fmt::format("run {} ({}) {}: {}{}", r.run_number,
                         r.profile.empty() ? r.step_type : r.profile, r.step_type, r.result,
                         r.failures ? fmt::format(", {} failed", r.failures) : std::string())});
    }
    if (!f.last_occurred.empty() && f.last_occurred != f.first_occurred)
        events.push_back(
            {f.last_occurred, f.retry_count
                                  ? fmt::format("latest failure, after {} retries", *f.retry_count)
                                  : std::string("latest failure")});
    std::stable_sort(events.begin(), events.end(),
                     [](const event& a, const event& b) { return a.time < b.time; });
    tv list = tv::list();
    for (const auto& e : events) {
        tv item = tv::object();
        item.set("time", e.time);
        item.set("event", e.text);
        list.push(std::move(item));
    }
    return list;
}

std::string human_size(std::int64_t bytes) {
    const auto b = static_cast<double>(bytes);
    if (bytes < 1024) return fmt::format("{} B", bytes);
    if (bytes < 1024 * 1024) return fmt::format("{:.1f} KiB", b / 1024.0);
    if (bytes < 1024LL * 1024 * 1024) return fmt::format("{:.1f} MiB", b / (1024.0 * 1024));
    return fmt::format("{:.2f} GiB", b / (1024.0 * 1024 * 1024));
}

tv files_of(store::db& d, const std::string& tenant, std::string& data_as_of) {
    auto q = d.prepare(
        "SELECT path, kind, encoding, size, sha256, ingested_at, status, error, error_line, "
        "error_column, record_count FROM v_file WHERE tenant = ?1 ORDER BY path, file_id");
    q.bind(1, tenant);
    tv list = tv::list();
    while (q.step()) {
        tv f = tv::object();
        f.set("path", q.column_text(0));
        f.set("kind", q.column_text(1));
        f.set("encoding", q.column_text(2));
        f.set("size", human_size(q.column_int64(3)));
        f.set("bytes", q.column_int64(3));
        f.set("sha256", q.column_text(4));
        const std::string at = q.column_text(5);
        if (at > data_as_of) data_as_of = at;
        f.set("ingested_at", at);
        f.set("status", q.column_text(6));
        f.set("damage", q.is_null(7) ? tv()
                                     : tv(fmt::format("line {}, column {}: {}", q.column_int64(8),
                                                      q.column_int64(9), q.column_text(7))));
        f.set("records", q.column_int64(10));
        list.push(std::move(f));
    }
    return list;
}

// The "Data read" section: the tenant's state, the evidence it holds, what was lost.
tv data_model(const std::vector<tenant_data>& quality) {
    tv data = tv::object();
    if (quality.empty()) return tv();
    const auto& t = quality.front();
    data.set("state", std::string(to_string(t.state)));
    data.set("summary", state_summary(t));
    data.set("kinds", kinds_summary(t));
    tv connectors = tv::list();
    for (const auto& c : t.connectors) {
        tv item = tv::object();
        item.set("text", connector_summary(c));
        connectors.push(std::move(item));
    }
    data.set("connectors", std::move(connectors));
    std::string absent;
    for (const auto& a : t.absent)
        absent += (absent.empty() ? "" : ", ") + a;
    data.set("absent", tv::text_or_null(absent));
    tv collections = tv::list();
    for (const auto& c : t.collections) {
        tv item = tv::object();
        item.set("text", c);
        collections.push(std::move(item));
    }
    data.set("collections", std::move(collections));
    tv problems = tv::list();
    for (const auto& p : t.problems) {
        tv item = tv::object();
        item.set("label", std::string(p.status == "skipped" ? "Not read" : "Lost"));
        item.set("text", problem_summary(p));
        problems.push(std::move(item));
    }
    data.set("problems", std::move(problems));
    return data;
}

tv run_rows(const std::vector<run_point>& runs) {
    tv list = tv::list();
    for (const auto& r : runs) {
        tv row = tv::object();
        row.set("start", r.start);
        row.set("run", r.run_number);
        row.set("connector", r.connector);
        row.set("profile", r.profile);
        row.set("step", r.step_type);
        row.set("result", r.result);
        row.set("exports", r.exports);
        row.set("failures", r.failures);
        row.set("source", fmt::format("{}:{}", r.file, r.line));
        list.push(std::move(row));
    }
    return list;
}

// What build_report_model's parts share about the report being built.
struct model_context {
    store::db& d;
    const std::map<std::string, const rules::rule*>& rule_by_id;
    const remediation::template_set& templates;
    const remediation::plan_options& plan;
    bool redacted;
    bool has_acl;  // the tenant has dsacls outputs: findings get their fix status
    const std::vector<run_point>& runs;
};

// The summary: what is broken, since when, how many objects, how sure; and when there is
// nothing, whether that is because nothing could be read.
tv summary_of(const std::vector<rules::finding>& findings,
              const std::vector<tenant_data>& quality) {
    std::map<severity, int> by_sev;
    std::map<std::string, int> by_certainty;
    std::set<std::string> objects;
    std::string since;
    std::int64_t retries = 0;
    for (const auto& f : findings) {
        ++by_sev[f.level];
        ++by_certainty[certainty_word(f)];
        if (!f.object_dn.empty()) objects.insert(f.object_dn);
        if (!f.first_occurred.empty() && (since.empty() || f.first_occurred < since))
            since = f.first_occurred;
        retries += f.retry_count.value_or(0);
    }
    tv summary = tv::object();
    std::string counts;
    for (auto s :
         {severity::critical, severity::high, severity::medium, severity::low, severity::info}) {
        if (!by_sev[s]) continue;
        counts +=
            fmt::format("{}{} {}", counts.empty() ? "" : ", ", by_sev[s], rules::to_string(s));
    }
    // A report of "no problem" is only as good as the files behind it.
    const bool no_data = !quality.empty() && quality.front().state == data_state::no_usable_data;
    summary.set("none", findings.empty());
    summary.set("headline",
                no_data && findings.empty()
                    ? std::string("No usable data: not one file gave a record, so nothing was "
                                  "looked at. Take the files again (see Data read).")
                : findings.empty()
                    ? std::string("No open problem found in the ingested files.")
                    : fmt::format("{} open: {}.", count_of(findings.size(), "problem", "problems"),
                                  counts));
    summary.set("worst", findings.empty()
                             ? tv()
                             : tv(std::string(rules::to_string(findings.front().level))));
    summary.set("since", tv::text_or_null(since));
    summary.set("objects", count_of(objects.size(), "object", "objects"));
    summary.set("retries", retries);
    std::string sure;
    for (const char* level : {"confirmed", "strong", "circumstantial", "error code"}) {
        auto it = by_certainty.find(level);
        if (it == by_certainty.end()) continue;
        const std::string what = std::string_view(level) == "error code"
                                     ? "classified from the error code and text"
                                     : std::string(level) + " by the data";
        sure += fmt::format("{}{} {}", sure.empty() ? "" : "; ", it->second, what);
    }
    summary.set("certainty", tv::text_or_null(sure));
    return summary;
}

// The finding's evidence excerpts (at most 3 error keys).
void set_evidence(tv& it, const model_context& c, const rules::finding& f) {
    const auto ev = evidence_for(c.d, f, {.limit = 3, .literal_only = c.redacted});
    tv excerpts = tv::list();
    for (const auto& e : ev.excerpts) {
        tv x = block(e.lang, e.text);
        x.set("title", e.title);
        x.set("source", fmt::format("{}:{}", e.file, e.line));
        x.set("verbatim", verbatim_label(e));
        x.set("parsed", text_items(e.parsed));
        excerpts.push(std::move(x));
    }
    it.set("evidence", std::move(excerpts));
    it.set("evidence_more",
           ev.more ? tv(fmt::format("{} more error(s) of this finding are in the source files "
                                    "(csx triage --format json lists them all).",
                                    ev.more))
                   : tv());
}

// Where the fix stands, once dsacls outputs of the tenant are in (csx verify).
tv fix_checks(const model_context& c, const rules::finding& f) {
    tv checks = tv::list();
    if (!c.has_acl || f.verify == rules::verify_mode::none) return checks;
    for (const auto& v : remediation::verify_findings(c.d, {f}, {c.plan.account})) {
        tv x = tv::object();
        x.set("status", v.status);
        x.set("attribute", v.attribute.empty() ? "(attribute unknown)" : v.attribute);
        x.set("summary", v.summary);
        x.set("next", tv::text_or_null(v.next));
        x.set("evidence", text_items(v.evidence));
        checks.push(std::move(x));
    }
    return checks;
}

// One finding's section: what, root cause, holders, evidence, timeline, remediation, checks.
tv finding_item(const model_context& c, const rules::finding& f, int number,
                const std::string& anchor, const std::string& object) {
    tv it = tv::object();
    it.set("number", number);
    it.set("anchor", anchor);
    it.set("rule", f.rule_id);
    it.set("title", f.title);
    it.set("severity", std::string(rules::to_string(f.level)));
    it.set("category", f.category);
    it.set("certainty", certainty(f));
    it.set("object", object);
    it.set("object_type", tv::text_or_null(f.object_type));
    it.set("connector", tv::text_or_null(f.connector));
    std::string attrs;
    for (const auto& a : f.attributes)
        attrs += (attrs.empty() ? "" : ", ") + a;
    it.set("attributes", tv::text_or_null(attrs));
    it.set("error", tv::text_or_null(error_line(f, ": ")));
    it.set("first", tv::text_or_null(f.first_occurred));
    it.set("last", tv::text_or_null(f.last_occurred));
    it.set("retries", f.retry_count ? tv(*f.retry_count) : tv());
    it.set("source", fmt::format("{}:{}", f.source_file, f.source_line));

    const auto fix = remediation::render_fix(f, c.templates, c.plan);
    std::string cause;
    for (const auto& s : fix.sections)
        if (s.kind == remediation::section_kind::intro && !s.text.empty())
            cause += (cause.empty() ? "" : "\n\n") + s.text;
    if (cause.empty())
        if (auto r = c.rule_by_id.find(f.rule_id); r != c.rule_by_id.end())
            cause = r->second->summary;
    it.set("root_cause", paragraphs(cause));

    const auto h = f.lists.find("holders");
    it.set("holders", h == f.lists.end() ? tv::list() : text_items(h->second));
    set_evidence(it, c, f);
    it.set("timeline", timeline_for(f, c.runs));
    it.set("steps", remediation_sections(fix, remediation::section_kind::step));
    it.set("verify", remediation_sections(fix, remediation::section_kind::verify));
    it.set("rollback", remediation_sections(fix, remediation::section_kind::rollback));
    it.set("checks", fix_checks(c, f));
    tv notes = tv::list();
    for (const auto& s : fix.sections) {
        if (s.kind != remediation::section_kind::note || s.text.empty()) continue;
        tv n = tv::object();
        n.set("title", s.title);
        n.set("text", s.text);
        notes.push(std::move(n));
    }
    it.set("notes", std::move(notes));
    it.set("placeholders", text_items(fix.missing_notes));
    it.set("has_fix", !fix.sections.empty());
    return it;
}

}  // namespace

report_model build_report_model(store::db& d, const std::string& tenant,
                                const std::vector<rules::finding>& findings,
                                const std::vector<rules::rule>& rules,
                                const remediation::template_set& templates,
                                const remediation::plan_options& plan, bool redacted) {
    report_model m;
    m.runs = run_points(d, tenant);
    std::map<std::string, const rules::rule*> rule_by_id;
    for (const auto& r : rules)
        rule_by_id[r.id] = &r;

    tv root = tv::object();
    root.set("tenant", tenant);
    root.set("csx_version", CSX_VERSION);
    root.set("generated_at", utc::now_utc());
    root.set("shell", std::string(remediation::to_string(plan.sh)));
    std::string data_as_of;
    tv files = files_of(d, tenant, data_as_of);
    root.set("data_as_of", data_as_of);
    bool has_acl = false;
    {
        auto q = d.prepare("SELECT EXISTS (SELECT 1 FROM v_acl WHERE tenant = ?1)");
        q.bind(1, tenant);
        has_acl = q.step() && q.column_int64(0) == 1;
    }
    const model_context c{d, rule_by_id, templates, plan, redacted, has_acl, m.runs};

    const auto quality = read_data_quality(d, tenant);
    root.set("data", data_model(quality));
    // Predictions (pre-flight) are listed apart: never counted as open problems, never in the
    // timeline (nothing has happened yet).
    std::vector<rules::finding> urgent;
    tv predicted = tv::list();
    for (const auto& f : findings) {
        if (!rules::is_prediction(f)) {
            urgent.push_back(f);
            continue;
        }
        tv p = tv::object();
        p.set("severity", std::string(rules::to_string(f.level)));
        p.set("rule", f.rule_id);
        p.set("title", f.title);
        p.set("object", f.object_dn);
        p.set("connector", tv::text_or_null(f.connector));
        p.set("error", error_line(f, ": "));
        p.set("source", fmt::format("{}:{}", f.source_file, f.source_line));
        auto h = f.lists.find("holders");
        p.set("holders", h == f.lists.end() ? tv::list() : text_items(h->second));
        predicted.push(std::move(p));
    }
    tv preflight = tv::object();
    preflight.set("any", findings.size() != urgent.size());
    preflight.set("count", static_cast<std::int64_t>(findings.size() - urgent.size()));
    preflight.set("items", std::move(predicted));
    root.set("preflight", std::move(preflight));

    tv summary = summary_of(urgent, quality);
    tv problems = tv::list();
    tv items = tv::list();
    for (std::size_t i = 0; i < urgent.size(); ++i) {
        const auto& f = urgent[i];
        const int number = static_cast<int>(i + 1);
        const std::string anchor = fmt::format("finding-{}", number);
        const std::string object =
            f.object_dn.empty() ? (f.connector.empty() ? f.tenant : f.connector) : f.object_dn;

        tv p = tv::object();
        p.set("number", number);
        p.set("anchor", anchor);
        p.set("severity", std::string(rules::to_string(f.level)));
        p.set("rule", f.rule_id);
        p.set("title", f.title);
        p.set("object", object);
        p.set("first", tv::text_or_null(f.first_occurred));
        p.set("certainty", certainty_word(f));
        problems.push(std::move(p));
        m.spans.push_back({fmt::format("{} {}", number, f.rule_id), f.first_occurred,
                           f.last_occurred, std::string(rules::to_string(f.level))});
        items.push(finding_item(c, f, number, anchor, object));
    }
    summary.set("problems", std::move(problems));
    root.set("summary", std::move(summary));
    root.set("findings", std::move(items));

    tv runs = tv::object();
    runs.set("any", !m.runs.empty());
    runs.set("rows", run_rows(m.runs));
    root.set("runs", std::move(runs));
    root.set("files", std::move(files));
    m.data = std::move(root);
    return m;
}

}  // namespace csx::report
