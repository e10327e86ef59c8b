#include <algorithm>
#include <map>

#include "report/triage_output.hpp"
#include "rules/rule_engine.hpp"
#include "util/json.hpp"

namespace csx::report {

namespace {

void str_or_null(json::builder& b, const std::string& v) {
    if (v.empty()) {
        b.value_null();
    } else {
        b.value(v);
    }
}

void int_or_null(json::builder& b, const std::optional<std::int64_t>& v) {
    if (v) {
        b.value(*v);
    } else {
        b.value_null();
    }
}

}  // namespace

std::string triage_json(const std::vector<rules::finding>& findings,
                        const std::vector<remediation::finding_fix>& fixes,
                        const triage_meta& meta) {
    std::string out;
    json::builder b(out);
    b.begin_object();
    b.key("csx_version");
    b.value(CSX_VERSION);
    b.key("tenant");
    str_or_null(b, meta.tenant);
    b.key("shell");
    b.value(remediation::to_string(meta.sh));
    std::map<std::string, std::int64_t> by_sev;
    std::vector<std::size_t> urgent, predicted;  // predictions: their own array, "preflight"
    for (std::size_t i = 0; i < findings.size(); ++i)
        (rules::is_prediction(findings[i]) ? predicted : urgent).push_back(i);
    for (auto i : urgent)
        ++by_sev[std::string(rules::to_string(findings[i].level))];
    b.key("summary");
    b.begin_object();
    b.key("findings");
    b.value(static_cast<std::int64_t>(urgent.size()));
    b.key("preflight");
    b.value(static_cast<std::int64_t>(predicted.size()));
    b.key("by_severity");
    b.begin_object();
    for (auto s : {rules::severity::critical, rules::severity::high, rules::severity::medium,
                   rules::severity::low, rules::severity::info}) {
        b.key(rules::to_string(s));
        b.value(by_sev[std::string(rules::to_string(s))]);
    }
    b.end_object();
    b.key("data_state");
    b.value(to_string(worst_state(meta.data)));
    b.end_object();
    const auto& standard = rules::standard_columns();
    auto write = [&](std::size_t i) {
        const auto& f = findings[i];
        b.begin_object();
        b.key("rule");
        b.value(f.rule_id);
        b.key("title");
        b.value(f.title);
        b.key("severity");
        b.value(rules::to_string(f.level));
        b.key("category");
        b.value(f.category);
        b.key("state");
        b.value(rules::is_prediction(f) ? "predicted" : f.resolved ? "resolved" : "open");
        b.key("resolved_at");
        str_or_null(b, f.resolved_at);
        b.key("resolved_by");
        str_or_null(b, f.resolved_by);
        b.key("evidence");
        str_or_null(b, f.evidence);
        b.key("evidence_detail");
        str_or_null(b, f.evidence_detail);
        b.key("tenant");
        b.value(f.tenant);
        b.key("connector");
        str_or_null(b, f.connector);
        b.key("object_dn");
        str_or_null(b, f.object_dn);
        b.key("object_type");
        str_or_null(b, f.object_type);
        b.key("attributes");
        b.value(f.attributes);
        b.key("error_code");
        int_or_null(b, f.error_code);
        b.key("error_type");
        str_or_null(b, f.error_type);
        b.key("error_text");
        b.value(f.error_text);
        b.key("first_occurred");
        str_or_null(b, f.first_occurred);
        b.key("last_occurred");
        str_or_null(b, f.last_occurred);
        b.key("retry_count");
        int_or_null(b, f.retry_count);
        b.key("source");
        b.begin_object();
        b.key("file");
        b.value(f.source_file);
        b.key("line");
        b.value(f.source_line);
        b.end_object();
        b.key("error_keys");
        b.value(f.error_keys);
        b.key("details");
        b.begin_object();
        for (const auto& [name, value] : f.columns) {
            if (std::find(standard.begin(), standard.end(), name) != standard.end()) continue;
            b.key(name);
            if (value.empty()) {
                b.value_null();
            } else if (auto j = f.json_columns.find(name); j != f.json_columns.end()) {
                b.raw(j->second);  // validated as JSON by SQLite (rule_engine)
            } else {
                b.value(value);
            }
        }
        b.end_object();
        b.key("remediation");
        b.begin_object();
        b.key("shell");
        b.value(remediation::to_string(meta.sh));
        b.key("commands");
        b.value(fixes[i].commands);
        b.key("verify");
        b.value(fixes[i].verify);
        b.key("rollback");
        b.value(fixes[i].rollback);
        b.key("notes");
        b.value(fixes[i].notes);
        b.end_object();
        b.end_object();
    };
    b.key("findings");
    b.begin_array();
    for (auto i : urgent)
        write(i);
    b.end_array();
    b.key("preflight");
    b.begin_array();
    for (auto i : predicted)
        write(i);
    b.end_array();
    b.key("data");
    b.begin_object();
    b.key("state");
    b.value(to_string(worst_state(meta.data)));
    b.key("tenants");
    b.begin_array();
    for (const auto& t : meta.data)
        write_json(b, t);
    b.end_array();
    b.end_object();
    b.end_object();
    out += '\n';
    return out;
}

}  // namespace csx::report
