// plan: remediation for findings, per finding (triage) and de-duplicated across findings
// (csx fix).
//
// Per finding, the rule's template is rendered with the finding's columns. The connector
// account (`principal`) comes from the data (the rule's SQL, via v_connector_account); when the
// files do not hold it, --account fills it; otherwise it stays a visible placeholder with a note
// naming the file that would fill it. Commands are de-duplicated by their exact text: one grant
// per (domain, account, attribute) falls out of the templates, whatever objects need it.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "remediation/fix_template.hpp"
#include "rules/finding.hpp"
#include "rules/rule.hpp"

namespace csx::remediation {

struct plan_options {
    shell sh = shell::cmd;
    std::string account;  // --account DOMAIN\name, used only when the files lack the account
};

struct finding_fix {
    std::vector<std::string> commands;  // remediation steps, in order
    std::vector<std::string> verify;    // verification commands, in order
    std::vector<std::string> rollback;  // how to undo the steps (never part of a fix script)
    std::vector<std::string> notes;  // prose: why, risk, decisions, placeholders, withheld commands
};

// Templates by rule id (rules without one are absent).
using template_set = std::map<std::string, fix_template>;
template_set parse_templates(const std::vector<rules::rule>& rules);

finding_fix fix_for(const rules::finding& f, const template_set& templates,
                    const plan_options& opts);

// The finding's template rendered section by section (titles kept, for reports); empty when
// the rule has no template.
rendered_fix render_fix(const rules::finding& f, const template_set& templates,
                        const plan_options& opts);

// The values a template sees for a finding (its columns, plus principal resolution).
std::map<std::string, std::string> template_values(const rules::finding& f,
                                                   const plan_options& opts);

// The commented, de-duplicated script for `csx fix`: per rule, each step's distinct commands.
// The comment text of a fix script's last line. A script that does not end with it was cut
// short and must not be run.
inline constexpr std::string_view kScriptEnd =
    "csx fix: end of script. A copy without this last line is incomplete: do not run it.";

// `data_notes`: what the findings were read from, when it is less than everything (a tenant
// with no usable data, a damaged file): comment lines under the header, so a script that fixes
// nothing is not read as "nothing to fix".
std::string fix_script(const std::vector<rules::finding>& findings,
                       const std::vector<rules::rule>& rules, const template_set& templates,
                       const plan_options& opts, const std::string& scope,
                       const std::vector<std::string>& data_notes = {});

}  // namespace csx::remediation
