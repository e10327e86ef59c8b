#include "snapshot/finding_diff.hpp"

#include <set>

namespace csx::snapshot {

finding_diff diff(const snapshot& current, std::optional<snapshot> baseline) {
    finding_diff out;
    if (!baseline) {
        out.still_open = current.findings;
        return out;
    }
    std::set<std::string> before, now;
    for (const auto& f : baseline->findings)
        before.insert(f.key);
    for (const auto& f : current.findings) {
        now.insert(f.key);
        (before.count(f.key) ? out.still_open : out.added).push_back(f);
    }
    for (const auto& f : baseline->findings)
        if (!now.count(f.key)) out.resolved.push_back(f);
    out.rules_changed = baseline->rules_digest != current.rules_digest;
    baseline->findings.clear();
    out.baseline = std::move(baseline);
    return out;
}

}  // namespace csx::snapshot
