#include "remediation/plan.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "remediation/principal_check.hpp"
#include "remediation/verification.hpp"

namespace csx::remediation {

namespace {

rendered_fix render_for(const rules::finding& f, const fix_template& t, const plan_options& opts) {
    std::vector<std::string> expansion;
    if (!t.expand_column.empty()) {
        if (t.expand_column == "attributes") {
            expansion = f.attributes;
        } else if (auto it = f.columns.find(t.expand_column);
                   it != f.columns.end() && !it->second.empty()) {
            expansion.push_back(it->second);
        }
    }
    return render(t, template_values(f, opts), expansion, opts.sh);
}

std::string comment(shell sh, std::string_view text) {
    std::string out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        out += sh == shell::cmd ? "REM" : "#";
        if (!line.empty()) {
            out += ' ';
            out += sh == shell::cmd ? sanitize_cmd_comment(line) : sanitize_text(line);
        }
        out += '\n';
        if (eol >= text.size()) break;
        pos = eol + 1;
    }
    return out;
}

}  // namespace

template_set parse_templates(const std::vector<rules::rule>& rules) {
    template_set out;
    for (const auto& r : rules) {
        if (!r.fix_text.empty()) out.emplace(r.id, parse_fix_template(r.fix_text, r.fix_source));
    }
    return out;
}

std::map<std::string, std::string> template_values(const rules::finding& f,
                                                   const plan_options& opts) {
    std::map<std::string, std::string> v = f.columns;
    if (v["principal"].empty() && !opts.account.empty()) v["principal"] = opts.account;
    // How dsacls will print the account in an ACE: always NetBIOS-domain\name. A grant may
    // name it as DNS-domain\name or name@dns.domain; the "expect" text of a verification says
    // what to look for then (the NetBIOS name is usually, not always, the first DNS label).
    if (const std::string& p = v["principal"]; !p.empty()) {
        const account_parts a = split_account(p);  // views into p
        if (a.domain.find('.') != std::string_view::npos) {
            std::string label(a.domain.substr(0, a.domain.find('.')));
            std::transform(label.begin(), label.end(), label.begin(),
                           [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            v["principal_shown"] = fmt::format(
                "<NetBIOS name of {}>\\{} (usually {}\\{}; dsacls prints the NetBIOS form, "
                "not {})",
                a.domain, a.name, label, a.name, p);
        } else {
            v["principal_shown"] = p;
        }
    }
    // A well-known identity is never granted anything: every command using it is withheld.
    if (auto why = refuse_principal(v["principal"]))
        v[std::string(kRefusedPrefix) + "principal"] = *why;
    return v;
}

rendered_fix render_fix(const rules::finding& f, const template_set& templates,
                        const plan_options& opts) {
    auto it = templates.find(f.rule_id);
    if (it == templates.end()) return {};
    return render_for(f, it->second, opts);
}

finding_fix fix_for(const rules::finding& f, const template_set& templates,
                    const plan_options& opts) {
    finding_fix out;
    auto it = templates.find(f.rule_id);
    if (it == templates.end()) return out;
    const rendered_fix r = render_for(f, it->second, opts);
    for (const auto& s : r.sections) {
        if (!s.text.empty() && (s.kind == section_kind::intro || s.kind == section_kind::note))
            out.notes.push_back(s.title.empty() ? s.text : s.title + ": " + s.text);
        for (const auto& b : s.blocks) {
            if (b.withheld()) {
                out.notes.push_back(fmt::format("Command withheld ({}): {}", s.title, b.refusal));
                continue;
            }
            if (s.kind == section_kind::verify) {
                out.verify.push_back(b.text);
            } else if (s.kind == section_kind::rollback) {
                out.rollback.push_back(b.text);
            } else {
                out.commands.push_back(b.text);
            }
        }
    }
    for (const auto& m : r.missing_notes)
        out.notes.push_back("Placeholder " + m);
    return out;
}

std::string fix_script(const std::vector<rules::finding>& findings,
                       const std::vector<rules::rule>& rules, const template_set& templates,
                       const plan_options& opts, const std::string& scope,
                       const std::vector<std::string>& data_notes) {
    const shell sh = opts.sh;
    std::string out;
    out += comment(
        sh,
        fmt::format("csx fix: remediation for {} ({} shell). Review every line before running it.\n"
                    "Generated offline from ingested files; nothing here has been run.",
                    scope, to_string(sh)));
    for (const auto& note : data_notes)
        out += comment(sh, note);
    int with_fix = 0;
    for (const auto& r : rules) {
        auto t = templates.find(r.id);
        std::vector<const rules::finding*> mine;
        for (const auto& f : findings)
            if (f.rule_id == r.id) mine.push_back(&f);
        if (mine.empty() || t == templates.end()) continue;
        ++with_fix;
        // Render every finding, then merge section by section keeping first-seen order.
        std::vector<rendered_fix> rendered;
        for (const auto* f : mine)
            rendered.push_back(render_for(*f, t->second, opts));
        out += "\n";
        out += comment(sh, std::string(72, '='));
        std::set<std::string> objects;
        for (const auto* f : mine)
            objects.insert(f->object_dn.empty() ? f->tenant : f->object_dn);
        std::string covers;
        for (const auto& o : objects)
            covers += "\n  - " + o;
        out += comment(sh, fmt::format("{} [{}]: {}\n{} finding(s):{}", r.id,
                                       rules::to_string(r.level), r.title, mine.size(), covers));
        int step_no = 0;
        for (std::size_t si = 0; si < t->second.sections.size(); ++si) {
            // The section as rendered for each finding where it applies (conditions may skip it).
            std::vector<const rendered_section*> parts;
            for (const auto& rf : rendered)
                for (const auto& rs : rf.sections)
                    if (rs.index == si) parts.push_back(&rs);
            if (parts.empty()) continue;
            const rendered_section& first = *parts.front();
            std::vector<std::string> blocks, refusals;
            std::set<std::string> seen;
            for (const auto* part : parts) {
                for (const auto& b : part->blocks) {
                    const std::string key = b.withheld() ? "!" + b.refusal : b.text;
                    if (!seen.insert(key).second) continue;
                    (b.withheld() ? refusals : blocks).push_back(b.withheld() ? b.refusal : b.text);
                }
            }
            if (first.kind == section_kind::intro || first.kind == section_kind::note) {
                // Prose differs per finding (it names the object): the first one stands for all.
                if (!first.text.empty())
                    out +=
                        comment(sh, (first.title.empty() ? "" : first.title + ": ") + first.text);
                continue;
            }
            if (first.kind == section_kind::rollback) {
                // Never in the script: running it whole must not undo what it just did.
                out += comment(sh, fmt::format("Rollback ({}): not part of this script; csx "
                                               "triage and csx report print its commands.",
                                               first.title));
                continue;
            }
            out += "\n";
            out += comment(
                sh, fmt::format("{} {}: {}", first.kind == section_kind::verify ? "Verify" : "Step",
                                ++step_no, first.title));
            if (!first.text.empty()) out += comment(sh, first.text);
            for (const auto& b : blocks)
                out += b + "\n";
            for (const auto& why : refusals)
                out += comment(sh, "WITHHELD: " + why);
        }
        std::set<std::string> missing;
        for (const auto& rf : rendered)
            for (const auto& m : rf.missing_notes)
                missing.insert(m);
        for (const auto& m : missing)
            out += comment(sh, "Placeholder " + m);
    }
    if (with_fix == 0) out += comment(sh, "\nNothing to fix: no finding has remediation commands.");
    // The last line: a script cut short (full disk, interrupted copy) lacks it, visibly.
    out += "\n";
    out += comment(sh, std::string(kScriptEnd));
    return out;
}

}  // namespace csx::remediation
