// Finding severities, from least to most urgent. Their names are part of the CLI and JSON.
#pragma once

#include <optional>
#include <string_view>

namespace csx::rules {

enum class severity { info = 0, low = 1, medium = 2, high = 3, critical = 4 };

std::string_view to_string(severity s);
std::optional<severity> parse_severity(std::string_view s);

}  // namespace csx::rules
