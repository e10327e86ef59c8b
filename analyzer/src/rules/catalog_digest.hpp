// catalog_digest: one SHA-256 naming a rule catalog's behaviour (ids, severities, titles, the
// fallback flag and the SQL), so a stored snapshot of findings is reused only while the rules
// that produced it are unchanged. Remediation templates do not affect findings and are left out.
#pragma once

#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace csx::rules {

std::string catalog_digest(const std::vector<rule>& rules);

}  // namespace csx::rules
