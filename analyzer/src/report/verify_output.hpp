// The outputs of `csx verify`: text (terminal-safe) and JSON, pure functions of the results.
//
// JSON: {"csx_version", "tenant", "checked", "fixed", "results": [{"tenant", "rule",
//   "object_dn", "attribute", "principal", "status", "fixed", "summary", "evidence": [], "next"}]}
#pragma once

#include <string>
#include <vector>

#include "remediation/verification.hpp"

namespace csx::report {

std::string verify_text(const std::vector<remediation::verification>& v, const std::string& tenant);
std::string verify_json(const std::vector<remediation::verification>& v, const std::string& tenant);

}  // namespace csx::report
