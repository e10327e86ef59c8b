// rule_engine: runs the rules over a database and returns sorted findings.
//
// Each rule's SELECT runs on the (read-only) connection, optionally restricted to one tenant.
// Rows become findings (finding.hpp). A rule marked `fallback` keeps only the rows whose
// error_keys no other rule explained: that is how `unclassified-error` reports every error
// nothing else did, without C++ knowing any rule by name.
// A finding is resolved when it names errors (error_keys) and every one of them is in
// v_resolved_error; resolved findings are dropped unless include_resolved.
// Order is deterministic: severity (most urgent first), rule id, tenant, object, first
// occurrence, source file and line.
#pragma once

#include <string>
#include <vector>

#include "rules/finding.hpp"
#include "rules/rule.hpp"

namespace csx::store {
class db;
}

namespace csx::rules {

struct run_options {
    std::string tenant;             // empty: every tenant
    bool include_resolved = false;  // keep the findings newer evidence shows resolved
};

std::vector<finding> run_rules(store::db& d, const std::vector<rule>& rules,
                               const run_options& opts);

// The columns every rule must return, and the optional standard ones.
const std::vector<std::string>& required_columns();
const std::vector<std::string>& standard_columns();

}  // namespace csx::rules
