#include <fmt/format.h>

#include "report/error_line.hpp"
#include "report/escape.hpp"
#include "report/triage_output.hpp"

namespace csx::report {

namespace {

// "## Data read": one entry per tenant, before the findings.
void data_section(std::string& out, const std::vector<tenant_data>& data) {
    if (data.empty()) return;
    out += "## Data read\n\n";
    for (const auto& t : data) {
        out += fmt::format("- **{}**: {}\n",
                           t.tenant.empty() ? "(files given directly)" : md_text(t.tenant),
                           md_text(state_summary(t)));
        auto sub = [&](std::string_view label, const std::string& v) {
            if (!v.empty()) out += fmt::format("  - {}: {}\n", label, md_text(v));
        };
        if (!t.kinds.empty()) sub("files", kinds_summary(t));
        for (const auto& c : t.connectors)
            sub("connector", connector_summary(c));
        std::string absent;
        for (const auto& a : t.absent)
            absent += (absent.empty() ? "" : ", ") + a;
        sub("absent", absent);
        for (const auto& c : t.collections)
            sub("collected", c);
        for (const auto& p : t.problems)
            sub(p.status == "skipped" ? "not read" : "lost", problem_summary(p));
    }
    out += "\n";
}

}  // namespace

std::string triage_markdown(const std::vector<rules::finding>& findings,
                            const std::vector<remediation::finding_fix>& fixes,
                            const triage_meta& meta) {
    std::string out = fmt::format("# csx triage: {}\n\n",
                                  meta.tenant.empty() ? "all tenants" : md_text(meta.tenant));
    std::size_t no_data = 0;
    for (const auto& t : meta.data)
        no_data += t.state == data_state::no_usable_data;
    if (findings.empty() && no_data > 0 && no_data == meta.data.size())
        out +=
            "**No usable data**: no file gave a record, so there is nothing to find findings "
            "in.\n\n";
    std::vector<std::size_t> urgent, predicted;  // predictions: their own section at the end
    for (std::size_t i = 0; i < findings.size(); ++i)
        (rules::is_prediction(findings[i]) ? predicted : urgent).push_back(i);
    if (!(findings.empty() && no_data > 0 && no_data == meta.data.size()))
        out += fmt::format("{} finding(s).{}{}\n\n", urgent.size(),
                           predicted.empty()
                               ? ""
                               : fmt::format(" {} pre-flight prediction(s) (will fail): see "
                                             "Pre-flight.",
                                             predicted.size()),
                           no_data ? fmt::format(" **No usable data** for {} tenant(s): see "
                                                 "Data read.",
                                                 no_data)
                                   : "");
    data_section(out, meta.data);
    auto table = [&](const std::vector<std::size_t>& which) {
        if (which.empty()) return;
        out += "| severity | rule | evidence | tenant | object | error | retries |\n";
        out += "|---|---|---|---|---|---|---|\n";
        for (auto i : which) {
            const auto& f = findings[i];
            out += fmt::format(
                "| {} | {} | {} | {} | {} | {} | {} |\n", rules::to_string(f.level), f.rule_id,
                md_cell(f.evidence), md_cell(f.tenant), md_cell(f.object_dn),
                md_cell((f.error_code ? fmt::format("{} ", *f.error_code) : "") + f.error_type),
                f.retry_count ? fmt::format("{}", *f.retry_count) : "");
        }
    };
    auto section = [&](std::size_t i, std::string_view level) {
        const auto& f = findings[i];
        const auto& fx = fixes[i];
        out += fmt::format("\n{} {} — {}\n\n", level, f.rule_id, md_text(f.title));
        auto item = [&](std::string_view label, const std::string& v) {
            if (!v.empty()) out += fmt::format("- **{}**: {}\n", label, md_text(v));
        };
        item("severity", std::string(rules::to_string(f.level)));
        if (f.resolved)
            item("resolved", (f.resolved_at.empty() ? "date not in the evidence" : f.resolved_at) +
                                 ": " + f.resolved_by);
        item("evidence",
             f.evidence.empty()
                 ? ""
                 : f.evidence + (f.evidence_detail.empty() ? "" : " — " + f.evidence_detail));
        if (f.evidence.empty()) item("detail", f.evidence_detail);
        item("tenant", f.tenant);
        item("connector", f.connector);
        item("object", f.object_dn);
        std::string attrs;
        for (const auto& a : f.attributes)
            attrs += (attrs.empty() ? "" : ", ") + a;
        item("attributes", attrs);
        item("error", error_line(f, " — "));
        item("first / last",
             f.first_occurred + (f.last_occurred.empty() ? "" : " / " + f.last_occurred));
        if (f.retry_count) item("retries", fmt::format("{}", *f.retry_count));
        item("source", fmt::format("{}:{}", f.source_file, f.source_line));
        auto code = [&](const std::vector<std::string>& cmds, std::string_view title) {
            if (cmds.empty()) return;
            // Commands are already safe (shell_quote refused control characters in values).
            std::string body;
            for (const auto& c : cmds)
                body += c + "\n";
            const std::string fence = md_fence(body);
            out += fmt::format("\n{} ({}):\n\n{}{}\n{}{}\n", title, remediation::to_string(meta.sh),
                               fence, meta.sh == remediation::shell::cmd ? "bat" : "powershell",
                               body, fence);
        };
        code(fx.commands, "Fix");
        code(fx.verify, "Verify");
        code(fx.rollback, "Rollback");
        if (!fx.notes.empty()) {
            out += "\n";
            for (const auto& n : fx.notes)
                out += "> " + md_text(n) + "\n>\n";
        }
    };
    table(urgent);
    for (auto i : urgent)
        section(i, "##");
    if (!predicted.empty()) {
        out += fmt::format(
            "\n## Pre-flight: {} prediction(s)\n\nEntra ID will refuse these objects when they "
            "export; nothing has failed yet. Evidence: none (a prediction from the AD connector "
            "space).\n\n",
            predicted.size());
        table(predicted);
        for (auto i : predicted)
            section(i, "###");
    }
    return out;
}

}  // namespace csx::report
