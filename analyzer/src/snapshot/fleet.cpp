#include "snapshot/fleet.hpp"

#include <algorithm>
#include <set>

#include "rules/rule.hpp"
#include "store/db.hpp"

namespace csx::snapshot {

namespace {

bool more_urgent(const fleet_row& a, const fleet_row& b) {
    if (a.worst != b.worst) {
        if (!a.worst) return false;
        if (!b.worst) return true;
        return *a.worst > *b.worst;
    }
    // Older problems first; a row without a known first occurrence after those with one.
    if (a.oldest_first_occurred != b.oldest_first_occurred) {
        if (a.oldest_first_occurred.empty()) return false;
        if (b.oldest_first_occurred.empty()) return true;
        return a.oldest_first_occurred < b.oldest_first_occurred;
    }
    return a.tenant < b.tenant;
}

}  // namespace

fleet_view build_fleet(store::db& d, const std::string& rules_digest, const std::string& since) {
    fleet_view view;
    view.since = since;
    for (const auto& t : current_versions(d)) {
        if (!since.empty() && t.last_ingest < since) {
            view.not_ingested_since.push_back(t.tenant);
            continue;
        }
        auto current = load_current(d, t, rules_digest);
        if (!current) continue;  // refresh() not run for this catalog: nothing honest to show
        fleet_row row;
        row.tenant = t.tenant;
        row.last_ingest = t.last_ingest;
        std::set<std::string> ids;
        // Predictions are counted apart ("will fail") and kept out of every other column
        // and out of the change: a prediction is not an open problem.
        auto is_prediction = [](const stored_finding& f) {
            return f.category == rules::kPreflightCategory;
        };
        row.will_fail = static_cast<int>(
            std::count_if(current->findings.begin(), current->findings.end(), is_prediction));
        std::erase_if(current->findings, is_prediction);
        for (const auto& f : current->findings) {
            ++row.findings;
            ++row.by_severity[f.level];
            if (!row.worst || f.level > *row.worst) row.worst = f.level;
            ids.insert(f.rule_id);
            if (!f.first_occurred.empty() &&
                (row.oldest_first_occurred.empty() || f.first_occurred < row.oldest_first_occurred))
                row.oldest_first_occurred = f.first_occurred;
            row.total_retries += f.retry_count.value_or(0);
        }
        row.rules.assign(ids.begin(), ids.end());
        auto baseline = load_baseline(d, *current, since);
        if (baseline) std::erase_if(baseline->findings, is_prediction);
        const auto change = diff(*current, std::move(baseline));
        row.has_baseline = change.baseline.has_value();
        if (change.baseline) {
            row.rules_changed = change.rules_changed;
            row.baseline_ingest = change.baseline->batch_started_at;
            row.added = static_cast<int>(change.added.size());
            row.resolved = static_cast<int>(change.resolved.size());
        }
        row.still_open = static_cast<int>(change.still_open.size());
        view.rows.push_back(std::move(row));
    }
    std::sort(view.rows.begin(), view.rows.end(), more_urgent);
    return view;
}

}  // namespace csx::snapshot
