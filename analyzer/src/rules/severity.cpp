#include "rules/severity.hpp"

namespace csx::rules {

std::string_view to_string(severity s) {
    switch (s) {
        case severity::info:
            return "info";
        case severity::low:
            return "low";
        case severity::medium:
            return "medium";
        case severity::high:
            return "high";
        case severity::critical:
            return "critical";
    }
    return "info";
}

std::optional<severity> parse_severity(std::string_view s) {
    for (auto v :
         {severity::info, severity::low, severity::medium, severity::high, severity::critical}) {
        if (to_string(v) == s) return v;
    }
    return std::nullopt;
}

}  // namespace csx::rules
