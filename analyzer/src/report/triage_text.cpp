#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "report/error_line.hpp"
#include "report/escape.hpp"
#include "report/triage_output.hpp"
#include "util/utf8.hpp"

namespace csx::report {

namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// Long free text (stack traces wrapped with runs of spaces) shortened for the terminal; the full
// text stays in the JSON, CSV and Markdown outputs and in the database.
std::string compact(std::string_view text, std::size_t limit = 400) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    if (out.size() > limit) {
        const std::size_t cut = utf8::cut_at_boundary(out, limit);
        out = fmt::format("{} ... ({} more characters: see the source)", out.substr(0, cut),
                          out.size() - cut);
    }
    return out;
}

void indented(std::string& out, std::string_view text, std::string_view prefix) {
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        out += prefix;
        out += term(text.substr(pos, eol - pos));
        out += '\n';
        if (eol >= text.size()) break;
        pos = eol + 1;
    }
}

// The "data read" block: per tenant, its state, the evidence it holds and what was lost.
void data_block(std::string& out, const std::vector<tenant_data>& data) {
    if (data.empty()) return;
    out += "\ndata read:\n";
    for (const auto& t : data) {
        out +=
            fmt::format("  {}: {}\n", t.tenant.empty() ? "(files given directly)" : term(t.tenant),
                        term(state_summary(t)));
        auto line = [&](std::string_view label, const std::string& value) {
            out += fmt::format("    {:<11} {}\n", label, term(compact(value, 600)));
        };
        if (!t.kinds.empty()) line("files:", kinds_summary(t));
        std::string connectors;
        for (const auto& c : t.connectors)
            connectors += (connectors.empty() ? "" : "; ") + connector_summary(c);
        if (!connectors.empty()) line("connectors:", connectors);
        std::string absent;
        for (const auto& a : t.absent)
            absent += (absent.empty() ? "" : ", ") + a;
        if (!absent.empty()) line("absent:", absent);
        for (const auto& c : t.collections)
            line("collected:", c);
        for (const auto& p : t.problems)
            line(p.status == "skipped" ? "not read:" : "lost:", problem_summary(p));
    }
}

}  // namespace

std::string triage_text(const std::vector<rules::finding>& findings,
                        const std::vector<remediation::finding_fix>& fixes,
                        const triage_meta& meta) {
    std::string out;
    std::map<rules::severity, int> by_sev;
    std::vector<std::size_t> urgent, predicted;  // predictions have their own heading
    for (std::size_t i = 0; i < findings.size(); ++i)
        (rules::is_prediction(findings[i]) ? predicted : urgent).push_back(i);
    for (auto i : urgent)
        ++by_sev[findings[i].level];
    std::string counts;
    for (auto s : {rules::severity::critical, rules::severity::high, rules::severity::medium,
                   rules::severity::low, rules::severity::info}) {
        if (!by_sev[s]) continue;
        if (!counts.empty()) counts += ", ";
        counts += fmt::format("{} {}", by_sev[s], rules::to_string(s));
    }
    const auto resolved = std::count_if(findings.begin(), findings.end(),
                                        [](const rules::finding& f) { return f.resolved; });
    std::string no_data;
    std::size_t no_data_count = 0;
    for (const auto& t : meta.data) {
        if (t.state != data_state::no_usable_data) continue;
        ++no_data_count;
        no_data += (no_data.empty() ? "" : ", ") +
                   (t.tenant.empty() ? std::string("(files given directly)") : term(t.tenant));
    }
    const std::string scope = meta.tenant.empty() ? "all tenants" : term(meta.tenant);
    const std::string predictions =
        predicted.empty()
            ? ""
            : fmt::format("; {} pre-flight prediction(s) (will fail)", predicted.size());
    if (findings.empty() && no_data_count > 0 && no_data_count == meta.data.size())
        out += fmt::format(
            "csx triage: {} - NO USABLE DATA: no file gave a record, so there is "
            "nothing to find findings in\n",
            scope);
    else
        out += fmt::format(
            "csx triage: {} - {} finding(s){}{}{}{}\n", scope, urgent.size(),
            counts.empty() ? "" : " (" + counts + ")",
            resolved ? fmt::format(", {} of them resolved", resolved) : "", predictions,
            no_data.empty()
                ? ""
                : fmt::format("; NO USABLE DATA for {} tenant(s): {}", no_data_count, no_data));
    data_block(out, meta.data);
    auto print = [&](std::size_t i) {
        const auto& f = findings[i];
        const auto& fx = fixes[i];
        out += "\n";
        out += fmt::format("[{}] {}{}{}\n", upper(rules::to_string(f.level)), f.rule_id,
                           rules::is_prediction(f) ? "  (PREDICTED, evidence: none)"
                           : f.evidence.empty()    ? ""
                                                   : "  (evidence: " + f.evidence + ")",
                           f.resolved ? "  RESOLVED" : "");
        out += fmt::format("  {}\n", term(f.title));
        auto field = [&](std::string_view label, const std::string& value) {
            if (!value.empty()) out += fmt::format("  {:<11} {}\n", label, term(value));
        };
        // A list column (JSON array), one element per line.
        field("tenant:", f.tenant);
        std::string object = f.object_dn;
        if (!object.empty() && !f.object_type.empty()) object += " (" + f.object_type + ")";
        field("object:", object);
        field("connector:", f.connector);
        std::string attrs;
        for (const auto& a : f.attributes)
            attrs += (attrs.empty() ? "" : ", ") + a;
        field("attributes:", attrs);
        field("error:", compact(error_line(f, ": ")));
        std::string seen;
        if (!f.first_occurred.empty()) seen = f.first_occurred;
        if (!f.last_occurred.empty() && f.last_occurred != f.first_occurred)
            seen += " -> " + f.last_occurred;
        if (f.retry_count) seen += fmt::format(", {} retries", *f.retry_count);
        field("seen:", seen);
        field("evidence:", f.evidence_detail);
        if (f.resolved)
            field("resolved:",
                  (f.resolved_at.empty() ? "date not in the evidence" : f.resolved_at) + ": " +
                      f.resolved_by);
        if (auto h = f.lists.find("holders"); h != f.lists.end()) {
            for (std::size_t k = 0; k < h->second.size(); ++k)
                field(k == 0 ? "held by:" : "", h->second[k]);
        }
        field("source:", fmt::format("{}:{}", f.source_file, f.source_line));
        if (!fx.commands.empty()) {
            out += fmt::format("  fix ({}):\n", remediation::to_string(meta.sh));
            for (const auto& c : fx.commands)
                indented(out, c, "    ");
        }
        if (!fx.verify.empty()) {
            out += "  verify:\n";
            for (const auto& c : fx.verify)
                indented(out, c, "    ");
        }
        if (!fx.rollback.empty()) {
            out += "  rollback:\n";
            for (const auto& c : fx.rollback)
                indented(out, c, "    ");
        }
        for (const auto& n : fx.notes)
            indented(out, compact(n, 1200), "  note: ");
    };
    for (auto i : urgent)
        print(i);
    if (!predicted.empty()) {
        out += fmt::format(
            "\npre-flight - {} prediction(s): Entra ID will refuse these when they export; nothing "
            "has failed yet (evidence: none, a prediction from the AD connector space or an LDIF "
            "export)\n",
            predicted.size());
        for (auto i : predicted)
            print(i);
    }
    return out;
}

}  // namespace csx::report
