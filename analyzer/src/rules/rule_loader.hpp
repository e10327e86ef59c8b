// rule_loader: reads rules (and their remediation templates) from the binary or a folder.
//
// Errors are rule_errors naming the file, the line and what was expected, in the manner of
// lnav's format loader: a bad rule never loads silently.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.hpp"

namespace csx::rules {

// Parses one rule file (`text` is its content, `source` names it in messages).
rule parse_rule(std::string_view text, const std::string& source);

// The rules compiled into csx.
std::vector<rule> builtin_rules();

// Every <id>.sql below `dir` (recursively), with <id>.fix.md beside it when present.
std::vector<rule> load_rule_dir(const std::string& dir);

// Built-in rules plus those of `dir` (when not empty); a rule in `dir` with the id of a built-in
// one replaces it. Sorted by id.
std::vector<rule> load_rules(const std::string& dir);

}  // namespace csx::rules
