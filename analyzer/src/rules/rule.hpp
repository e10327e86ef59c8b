// rule: one detection rule as loaded from its files.
//
//   analyzer/rules/<area>/<id>.sql      `-- key: value` header, then one read-only SELECT over v_*
//   views analyzer/rules/<area>/<id>.fix.md   its remediation template
//   (remediation/fix_template.hpp)
//
// Header keys: id (must match the file name; stable, users script against it), title,
// severity (info|low|medium|high|critical), category, summary; optional: fallback (true: the
// rule's rows are kept only for errors no other rule explained, see rule_engine).
#pragma once

#include <string>

#include "rules/severity.hpp"

namespace csx::rules {

struct rule {
    std::string id;
    std::string title;
    severity level = severity::info;
    std::string category;
    std::string summary;
    bool fallback = false;
    std::string sql;       // the SELECT, header stripped
    int sql_line = 1;      // line of the SELECT in the file (for messages)
    std::string source;    // where it came from: "builtin:<path>" or a file path
    std::string fix_text;  // the .fix.md content ("" when the rule has none)
    std::string fix_source;
};

}  // namespace csx::rules
