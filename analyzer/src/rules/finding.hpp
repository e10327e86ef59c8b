// finding: one row a rule returned, in the shape every output format shares.
//
// The standard columns a rule's SELECT provides (rule_linter checks the required ones):
//   required: tenant, object_dn, error_text, source_file, source_line
//   optional: connector, connector_kind, object_type, attributes (JSON array), error_code,
//             error_type, first_occurred, last_occurred, retry_count, evidence
//             (confirmed|strong|circumstantial), evidence_detail, error_keys (JSON array of the
//             errors this finding explains: "sync_error:12", "provisioning_error:3",
//             "run_step:7"), principal (the connector account, DOMAIN\user or user@fqdn)
// Every other column is kept in `extra` and available to the remediation template.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rules/rule.hpp"
#include "rules/severity.hpp"

namespace csx::rules {

struct finding {
    std::string rule_id;
    std::string title;
    severity level = severity::info;
    std::string category;
    verify_mode verify = verify_mode::none;  // the rule's `verify` header
    std::string tenant;
    std::string connector;
    std::string connector_kind;
    std::string object_dn;
    std::string object_type;
    std::vector<std::string> attributes;
    std::optional<std::int64_t> error_code;
    std::string error_type;
    std::string error_text;
    std::string first_occurred;
    std::string last_occurred;
    std::optional<std::int64_t> retry_count;
    std::string evidence;         // confirmed | strong | circumstantial | ""
    std::string evidence_detail;  // what the evidence is
    std::string source_file;
    std::int64_t source_line = 0;
    std::vector<std::string> error_keys;
    std::string principal;
    // Resolved: every error the finding explains is shown gone by newer evidence (schema view
    // v_resolved_error): a newer csexport of the connector, or its newest Export step's success.
    bool resolved = false;
    std::string resolved_at;  // the date of that evidence ("" when it holds none)
    std::string resolved_by;  // what the evidence is
    // Every column by name, as text ("" for NULL), for templates; a JSON array of strings is
    // given as its elements joined by ", ".
    std::map<std::string, std::string> columns;
    // The columns whose value is JSON (array or object), as returned (for JSON output).
    std::map<std::string, std::string> json_columns;
    // The columns whose value is a JSON array, as its elements (for lists in reports).
    std::map<std::string, std::vector<std::string>> lists;
};

// A prediction (rule category `preflight`): what Entra ID will refuse, read from a full dump
// before any export failed. Outputs list predictions under their own heading, never among the
// errors that already happened, and --fail-on ignores them.
inline bool is_prediction(const finding& f) {
    return f.category == kPreflightCategory;
}

}  // namespace csx::rules
