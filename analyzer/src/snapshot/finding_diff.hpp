// finding_diff: what changed between two snapshots of a tenant, by finding identity.
#pragma once

#include <optional>
#include <vector>

#include "snapshot/snapshot_store.hpp"

namespace csx::snapshot {

struct finding_diff {
    std::vector<stored_finding> added;       // in current, not in baseline
    std::vector<stored_finding> resolved;    // in baseline, not in current
    std::vector<stored_finding> still_open;  // in both (as current has it)
    std::optional<snapshot> baseline;        // without findings; empty: nothing to compare with
    bool rules_changed = false;              // baseline came from another rule catalog
};

// Without a baseline every current finding counts as still open (nothing is called new that
// may be old).
finding_diff diff(const snapshot& current, std::optional<snapshot> baseline);

}  // namespace csx::snapshot
