// error_line: a finding's error in one line, as triage (text, Markdown) and the report print it:
// "<code> <type><separator><text>". The type is left out when the text already begins with it
// (an error text that names its own category, "PropertyConflict on ..."), so no output says the
// category twice.
#pragma once

#include <string>
#include <string_view>

#include "rules/finding.hpp"

namespace csx::report {

std::string error_line(const rules::finding& f, std::string_view separator);

}  // namespace csx::report
