// collect_script: the read-only Windows PowerShell 5.1 collection script `csx collect` prints.
//
// The script is a template (analyzer/collect/collect.ps1, compiled in): its behaviour is data.
// The options fill its {{...}} placeholders; every value is written as a PowerShell literal
// (a number, $true/$false, or a single-quoted string whose quotes are doubled), so a DN such as
// CN=O'Brien "Ops",... stays one string and can never end the literal.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csx::collect {

struct script_options {
    int days = 7;                      // run history of the last N days (1-3650)
    bool full = false;                 // also the whole connector space of every connector
    std::vector<std::string> objects;  // DNs whose protection evidence is collected as well
};

// A single-quoted PowerShell string literal holding `value` exactly, or nullopt with `why` when
// no literal can (invalid UTF-8, control or Unicode format characters: the pasted line would
// display otherwise than it runs).
std::optional<std::string> ps_literal(std::string_view value, std::string& why);

// The script with every placeholder filled; throws usage_error for a value it cannot hold.
std::string render_script(const script_options& o);

// The template as compiled in (for the tests).
std::string_view script_template();

}  // namespace csx::collect
