// rule_lint: `csx rules --lint`: every rule checked as a whole before anyone relies on it.
//
// Per rule: the header (done by the loader), the SQL (exactly one statement, read-only,
// reading only v_* views — enforced with SQLite's authorizer on a database with this binary's
// schema — with the required result columns and an ORDER BY), and its remediation template
// (present, parseable, placeholders quoted in commands, every placeholder a result column, the
// expansion variable or `principal`). Lives here, not in rules/, because templates are parsed
// by remediation/.
#pragma once

#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace csx::remediation {

// Returns one message per problem ("file:line: what"); empty when every rule is fine.
std::vector<std::string> lint_rules(const std::vector<rules::rule>& rules);

}  // namespace csx::remediation
