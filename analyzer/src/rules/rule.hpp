// rule: one detection rule as loaded from its files.
//
//   analyzer/rules/<area>/<id>.sql      `-- key: value` header, then one read-only SELECT over v_*
//   views analyzer/rules/<area>/<id>.fix.md   its remediation template
//   (remediation/fix_template.hpp)
//
// Header keys: id (must match the file name; stable, users script against it), title,
// severity (info|low|medium|high|critical), category, summary; optional: fallback (true: the
// rule's rows are kept only for errors no other rule explained, see rule_engine), verify
// (how `csx verify` checks a fix of the rule's findings in dsacls output: adminsdholder — the
// connector account needs WRITE PROPERTY on the object, granted on AdminSDHolder this-object-only
// and copied by SDProp; inheritance — the same, inherited from an ancestor's inheritable ACE).
#pragma once

#include <string>
#include <string_view>

#include "rules/severity.hpp"

namespace csx::rules {

// The category of the pre-flight rules: predictions, not errors (finding.hpp is_prediction).
inline constexpr std::string_view kPreflightCategory = "preflight";

enum class verify_mode { none, adminsdholder, inheritance };

struct rule {
    std::string id;
    std::string title;
    severity level = severity::info;
    std::string category;
    std::string summary;
    bool fallback = false;
    verify_mode verify = verify_mode::none;
    std::string sql;       // the SELECT, header stripped
    int sql_line = 1;      // line of the SELECT in the file (for messages)
    std::string source;    // where it came from: "builtin:<path>" or a file path
    std::string fix_text;  // the .fix.md content ("" when the rule has none)
    std::string fix_source;
};

inline bool is_prediction(const rule& r) {
    return r.category == kPreflightCategory;
}

}  // namespace csx::rules
