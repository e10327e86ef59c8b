#include "report/fleet_output.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "report/escape.hpp"
#include "util/json.hpp"
#include "util/utf8.hpp"

namespace csx::report {

namespace {

using rules::severity;
constexpr severity kOrder[] = {severity::critical, severity::high, severity::medium, severity::low,
                               severity::info};

int count(const snapshot::fleet_row& r, severity s) {
    auto it = r.by_severity.find(s);
    return it == r.by_severity.end() ? 0 : it->second;
}

std::string joined(const std::vector<std::string>& v, std::string_view sep) {
    std::string out;
    for (const auto& s : v) {
        if (!out.empty()) out += sep;
        out += s;
    }
    return out;
}

std::string worst(const snapshot::fleet_row& r) {
    return r.worst ? std::string(rules::to_string(*r.worst)) : "none";
}

// One line of the fleet table: a tenant's snapshot row and what was read for it. A tenant whose
// files gave nothing has no snapshot row when nothing of it was even ingested (only skipped or
// unreadable files); it is shown with an empty row.
struct fleet_line {
    snapshot::fleet_row row;
    const tenant_data* data = nullptr;
    bool no_data() const { return data && data->state == data_state::no_usable_data; }
    std::string state() const { return data ? std::string(to_string(data->state)) : ""; }
    std::string worst_label() const { return no_data() ? "NO DATA" : worst(row); }
};

// Tenants with no usable data first (nothing could be said about them: the files must be taken
// again), then the fleet's own order (worst severity, oldest problem).
std::vector<fleet_line> fleet_lines(const snapshot::fleet_view& v,
                                    const std::vector<tenant_data>& data) {
    auto find = [&data](const std::string& tenant) -> const tenant_data* {
        for (const auto& t : data)
            if (t.tenant == tenant) return &t;
        return nullptr;
    };
    std::vector<fleet_line> lines;
    for (const auto& r : v.rows)
        lines.push_back({r, find(r.tenant)});
    for (const auto& t : data) {
        const bool listed =
            std::any_of(v.rows.begin(), v.rows.end(),
                        [&t](const snapshot::fleet_row& r) { return r.tenant == t.tenant; }) ||
            std::find(v.not_ingested_since.begin(), v.not_ingested_since.end(), t.tenant) !=
                v.not_ingested_since.end();
        if (listed || t.state != data_state::no_usable_data) continue;
        fleet_line l;
        l.row.tenant = t.tenant.empty() ? "(files given directly)" : t.tenant;
        l.data = &t;
        lines.push_back(std::move(l));
    }
    std::stable_partition(lines.begin(), lines.end(),
                          [](const fleet_line& l) { return l.no_data(); });
    return lines;
}

// Below the table: why each tenant without usable data has none (its first problem).
std::string no_data_footer(const std::vector<fleet_line>& lines) {
    std::string out;
    for (const auto& l : lines) {
        if (!l.no_data()) continue;
        if (out.empty()) out = "\nno usable data (take these files again):\n";
        const std::string why = l.data->problems.empty()
                                    ? std::string("no file gave a record")
                                    : problem_summary(l.data->problems.front());
        out += fmt::format("  {}: {}\n", term(l.row.tenant), term(why));
    }
    return out;
}

// Display columns of a terminal string: one per code point (tenant names are short and mostly
// ASCII; East Asian wide characters would count one too few).
std::size_t columns(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size();) {
        utf8::decode(s, i);
        ++n;
    }
    return n;
}

std::string padded(std::string s, std::size_t width) {
    const std::size_t w = columns(s);
    if (w < width) s.append(width - w, ' ');
    return s;
}

// "+2 -1 =3" against the baseline; "first" for a tenant's first snapshot.
std::string change(const snapshot::fleet_row& r) {
    if (!r.has_baseline) return "first";
    return fmt::format("+{} -{} ={}{}", r.added, r.resolved, r.still_open,
                       r.rules_changed ? " (rules changed)" : "");
}

std::string day(const std::string& t) {
    return t.substr(0, 10);
}

std::string footer(const snapshot::fleet_view& v) {
    std::string out;
    if (!v.not_ingested_since.empty())
        out +=
            fmt::format("{} tenant(s) without data ingested since {}: {}\n",
                        v.not_ingested_since.size(), v.since, joined(v.not_ingested_since, ", "));
    return out;
}

void finding_json(json::builder& b, const snapshot::stored_finding& f) {
    b.begin_object();
    b.key("rule");
    b.value(f.rule_id);
    b.key("severity");
    b.value(rules::to_string(f.level));
    b.key("title");
    b.value(f.title);
    b.key("connector");
    b.value(f.connector);
    b.key("object_dn");
    b.value(f.object_dn);
    b.key("attributes");
    b.value(f.attributes);
    b.key("error_code");
    if (f.error_code)
        b.value(*f.error_code);
    else
        b.value_null();
    b.key("first_occurred");
    b.value(f.first_occurred);
    b.key("last_occurred");
    b.value(f.last_occurred);
    b.key("retry_count");
    if (f.retry_count)
        b.value(*f.retry_count);
    else
        b.value_null();
    b.end_object();
}

struct diff_part {
    const char* name;
    const std::vector<snapshot::stored_finding>* findings;
};

std::vector<diff_part> parts(const snapshot::finding_diff& d) {
    return {{"new", &d.added}, {"resolved", &d.resolved}, {"still_open", &d.still_open}};
}

std::string baseline_line(const snapshot::snapshot& current, const snapshot::finding_diff& d) {
    if (!d.baseline)
        return fmt::format(
            "data ingested {}; no earlier snapshot of this tenant: every finding is listed as "
            "still open\n",
            current.batch_started_at);
    return fmt::format("data ingested {} compared with data ingested {}{}\n",
                       current.batch_started_at, d.baseline->batch_started_at,
                       d.rules_changed ? " (the rule catalog changed in between: a finding may "
                                         "be new or resolved because a rule changed)"
                                       : "");
}

// The data behind the newer snapshot: its state, and each file damaged or unreadable (a
// "resolved" finding may only be unseen because its file was cut).
template <typename Escape>
std::string data_line(const tenant_data* data, Escape escape) {
    if (!data) return {};
    std::string out = fmt::format("data read: {}\n", escape(state_summary(*data)));
    for (const auto& p : data->problems)
        if (p.status != "skipped") out += fmt::format("  lost: {}\n", escape(problem_summary(p)));
    return out;
}

}  // namespace

std::string fleet_text(const snapshot::fleet_view& v, const std::vector<tenant_data>& data) {
    const auto lines = fleet_lines(v, data);
    std::string out = fmt::format("csx fleet: {} tenant(s){}\n\n", lines.size(),
                                  v.since.empty() ? "" : " with data ingested since " + v.since);
    // Every column as wide as its widest cell (a 40-character tenant name keeps the table
    // aligned); RULES, the last, is not padded.
    std::vector<std::vector<std::string>> cells;
    // WILL FAIL: pre-flight predictions, kept apart from the open findings counted before it.
    cells.push_back({"TENANT", "DATA", "WORST", "CRIT", "HIGH", "MED", "LOW", "INFO", "WILL FAIL",
                     "CHANGE", "OLDEST", "RETRIES", "INGESTED", "RULES"});
    for (const auto& l : lines) {
        const auto& r = l.row;
        const bool empty = l.no_data() && r.last_ingest.empty();
        auto num = [&](std::int64_t n) { return empty ? std::string("-") : fmt::format("{}", n); };
        cells.push_back({term(r.tenant), l.state().empty() ? "-" : l.state(), l.worst_label(),
                         num(count(r, severity::critical)), num(count(r, severity::high)),
                         num(count(r, severity::medium)), num(count(r, severity::low)),
                         num(count(r, severity::info)), num(r.will_fail), empty ? "-" : change(r),
                         r.oldest_first_occurred.empty() ? "-" : day(r.oldest_first_occurred),
                         num(r.total_retries), r.last_ingest.empty() ? "-" : day(r.last_ingest),
                         joined(r.rules, ",")});
    }
    // Left-aligned text columns, right-aligned counts.
    constexpr bool kRight[] = {false, false, false, true,  true, true,  true,
                               true,  true,  false, false, true, false, false};
    std::vector<std::size_t> width(cells.front().size(), 0);
    for (const auto& row : cells)
        for (std::size_t i = 0; i < row.size(); ++i)
            width[i] = std::max(width[i], columns(row[i]));
    for (const auto& row : cells) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) line += ' ';
            if (i + 1 == row.size()) {
                line += row[i];
            } else if (kRight[i]) {
                line += std::string(width[i] - columns(row[i]), ' ') + row[i];
            } else {
                line += padded(row[i], width[i]);
            }
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out += line + "\n";
    }
    const std::string f = footer(v);
    if (!f.empty()) out += "\n" + f;
    out += no_data_footer(lines);
    return out;
}

std::string fleet_json(const snapshot::fleet_view& v, const std::vector<tenant_data>& data) {
    std::string out;
    json::builder b(out);
    b.begin_object();
    b.key("csx_version");
    b.value(CSX_VERSION);
    b.key("since");
    if (v.since.empty())
        b.value_null();
    else
        b.value(v.since);
    b.key("tenants");
    b.begin_array();
    for (const auto& l : fleet_lines(v, data)) {
        const auto& r = l.row;
        b.begin_object();
        b.key("tenant");
        b.value(l.data ? l.data->tenant : r.tenant);
        b.key("data_state");
        if (l.data)
            b.value(to_string(l.data->state));
        else
            b.value_null();
        b.key("findings");
        b.value(std::int64_t{r.findings});
        b.key("by_severity");
        b.begin_object();
        for (auto s : kOrder) {
            b.key(rules::to_string(s));
            b.value(std::int64_t{count(r, s)});
        }
        b.end_object();
        b.key("will_fail");
        b.value(std::int64_t{r.will_fail});
        b.key("worst");
        if (r.worst)
            b.value(rules::to_string(*r.worst));
        else
            b.value_null();
        b.key("rules");
        b.begin_array();
        for (const auto& id : r.rules)
            b.value(id);
        b.end_array();
        b.key("oldest_first_occurred");
        if (r.oldest_first_occurred.empty())
            b.value_null();
        else
            b.value(r.oldest_first_occurred);
        b.key("total_retries");
        b.value(r.total_retries);
        b.key("last_ingest");
        if (r.last_ingest.empty())
            b.value_null();
        else
            b.value(r.last_ingest);
        b.key("change");
        if (!r.has_baseline) {
            b.value_null();
        } else {
            b.begin_object();
            b.key("baseline_ingest");
            b.value(r.baseline_ingest);
            b.key("new");
            b.value(std::int64_t{r.added});
            b.key("resolved");
            b.value(std::int64_t{r.resolved});
            b.key("still_open");
            b.value(std::int64_t{r.still_open});
            b.key("rules_changed");
            b.value_bool(r.rules_changed);
            b.end_object();
        }
        b.key("data");
        if (l.data)
            write_json(b, *l.data);
        else
            b.value_null();
        b.end_object();
    }
    b.end_array();
    b.key("not_ingested_since");
    b.value(v.not_ingested_since);
    b.end_object();
    out += '\n';
    return out;
}

std::string fleet_csv(const snapshot::fleet_view& v, const std::vector<tenant_data>& data) {
    std::string out =
        "tenant,worst,findings,critical,high,medium,low,info,new,resolved,still_open,"
        "oldest_first_occurred,total_retries,last_ingest,rules,data_state,data_problems,"
        "will_fail\r\n";
    for (const auto& l : fleet_lines(v, data)) {
        const auto& r = l.row;
        std::string problems;
        if (l.data)
            for (const auto& p : l.data->problems)
                if (p.status != "skipped" || l.no_data())
                    problems += (problems.empty() ? "" : "\n") + problem_summary(p);
        auto num = [](std::int64_t n) { return csv_field(fmt::format("{}", n), true); };
        auto opt = [&](int n) { return r.has_baseline ? num(n) : std::string(); };
        std::vector<std::string> cells = {csv_field(r.tenant),
                                          csv_field(r.worst ? worst(r) : ""),
                                          num(r.findings),
                                          num(count(r, severity::critical)),
                                          num(count(r, severity::high)),
                                          num(count(r, severity::medium)),
                                          num(count(r, severity::low)),
                                          num(count(r, severity::info)),
                                          opt(r.added),
                                          opt(r.resolved),
                                          num(r.still_open),
                                          csv_field(r.oldest_first_occurred),
                                          num(r.total_retries),
                                          csv_field(r.last_ingest),
                                          csv_field(joined(r.rules, ";")),
                                          csv_field(l.state()),
                                          csv_field(problems),
                                          num(r.will_fail)};
        if (l.no_data()) cells[1] = "no-usable-data";
        out += joined(cells, ",") + "\r\n";
    }
    return out;
}

std::string fleet_markdown(const snapshot::fleet_view& v, const std::vector<tenant_data>& data) {
    const auto lines = fleet_lines(v, data);
    std::string out = fmt::format("# Fleet triage: {} tenant(s){}\n\n", lines.size(),
                                  v.since.empty() ? "" : " with data ingested since " + v.since);
    out +=
        "| Tenant | Data | Worst | Critical | High | Medium | Low | Info | Will fail | Change | "
        "Oldest problem | Retries | Ingested | Rules |\n"
        "|---|---|---|--:|--:|--:|--:|--:|--:|---|---|--:|---|---|\n";
    for (const auto& l : lines) {
        const auto& r = l.row;
        out += fmt::format(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            md_cell(r.tenant), md_cell(l.state()), l.no_data() ? "**NO DATA**" : worst(r),
            count(r, severity::critical), count(r, severity::high), count(r, severity::medium),
            count(r, severity::low), count(r, severity::info), r.will_fail, md_cell(change(r)),
            md_cell(r.oldest_first_occurred), r.total_retries, md_cell(r.last_ingest),
            md_cell(joined(r.rules, ", ")));
    }
    out +=
        "\nWill fail: pre-flight predictions (what Entra ID will refuse, from a full AD dump), "
        "not counted among the open findings. Change: +new -resolved =still open since the "
        "tenant's previous snapshot";
    out += v.since.empty() ? ".\n" : " taken before " + v.since + ".\n";
    const std::string f = footer(v);
    if (!f.empty()) out += "\n" + md_text(f);
    const std::string nd = no_data_footer(lines);
    if (!nd.empty()) out += md_text(nd);
    return out;
}

std::string diff_text(const snapshot::snapshot& current, const snapshot::finding_diff& d,
                      const tenant_data* data) {
    std::string out =
        fmt::format("csx diff: {} - {} new, {} resolved, {} still open\n", term(current.tenant),
                    d.added.size(), d.resolved.size(), d.still_open.size());
    out += baseline_line(current, d);
    out += data_line(data, [](const std::string& v) { return term(v); });
    for (const auto& p : parts(d)) {
        if (p.findings->empty()) continue;
        out += fmt::format("\n{}:\n", p.name);
        for (const auto& f : *p.findings) {
            std::string what = f.object_dn.empty() ? f.connector : f.object_dn;
            if (!f.attributes.empty()) what += " [" + f.attributes + "]";
            out += fmt::format("  {:<8} {:<32} {}\n", rules::to_string(f.level), f.rule_id,
                               term(what));
        }
    }
    return out;
}

std::string diff_json(const snapshot::snapshot& current, const snapshot::finding_diff& d,
                      const tenant_data* data) {
    std::string out;
    json::builder b(out);
    auto version = [&](const snapshot::snapshot& s) {
        b.begin_object();
        b.key("ingest");
        b.value(s.batch_started_at);
        b.key("snapshot");
        b.value(s.taken_at);
        b.end_object();
    };
    b.begin_object();
    b.key("csx_version");
    b.value(CSX_VERSION);
    b.key("tenant");
    b.value(current.tenant);
    b.key("current");
    version(current);
    b.key("baseline");
    if (d.baseline)
        version(*d.baseline);
    else
        b.value_null();
    b.key("rules_changed");
    b.value_bool(d.rules_changed);
    b.key("data");
    if (data)
        write_json(b, *data);
    else
        b.value_null();
    for (const auto& p : parts(d)) {
        b.key(p.name);
        b.begin_array();
        for (const auto& f : *p.findings)
            finding_json(b, f);
        b.end_array();
    }
    b.end_object();
    out += '\n';
    return out;
}

std::string diff_csv(const snapshot::snapshot& current, const snapshot::finding_diff& d,
                     const tenant_data* data) {
    std::string out =
        "tenant,change,rule,severity,connector,object_dn,attributes,error_code,first_occurred,"
        "last_occurred,retry_count,data_state\r\n";
    for (const auto& p : parts(d)) {
        for (const auto& f : *p.findings) {
            std::vector<std::string> cells = {
                csv_field(current.tenant),
                p.name,
                csv_field(f.rule_id),
                csv_field(rules::to_string(f.level)),
                csv_field(f.connector),
                csv_field(f.object_dn),
                csv_field(f.attributes),
                f.error_code ? csv_field(fmt::format("{}", *f.error_code), true) : "",
                csv_field(f.first_occurred),
                csv_field(f.last_occurred),
                f.retry_count ? csv_field(fmt::format("{}", *f.retry_count), true) : "",
                csv_field(data ? std::string(to_string(data->state)) : "")};
            out += joined(cells, ",") + "\r\n";
        }
    }
    return out;
}

std::string diff_markdown(const snapshot::snapshot& current, const snapshot::finding_diff& d,
                          const tenant_data* data) {
    std::string out = fmt::format("# Changes for {}: {} new, {} resolved, {} still open\n\n",
                                  md_text(current.tenant), d.added.size(), d.resolved.size(),
                                  d.still_open.size());
    out += md_text(baseline_line(current, d));
    out += data_line(data, [](const std::string& v) { return md_text(v); });
    for (const auto& p : parts(d)) {
        if (p.findings->empty()) continue;
        out += fmt::format("\n## {}\n\n", p.name == std::string_view("still_open") ? "Still open"
                                          : p.name == std::string_view("new")      ? "New"
                                                                                   : "Resolved");
        out +=
            "| Severity | Rule | Connector | Object | Attributes | First | Last | Retries |\n"
            "|---|---|---|---|---|---|---|--:|\n";
        for (const auto& f : *p.findings)
            out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n",
                               rules::to_string(f.level), md_cell(f.rule_id), md_cell(f.connector),
                               md_cell(f.object_dn), md_cell(f.attributes),
                               md_cell(f.first_occurred), md_cell(f.last_occurred),
                               f.retry_count ? fmt::format("{}", *f.retry_count) : "");
    }
    return out;
}

}  // namespace csx::report
