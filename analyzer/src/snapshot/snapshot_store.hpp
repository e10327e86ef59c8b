// snapshot_store: the findings of each tenant at each data version (schema/007_snapshot.sql).
//
// A tenant's data version is the newest ingest batch that brought one of its files. Snapshots
// are keyed by (tenant, data version, rule catalog digest): a snapshot is taken once and read by
// `csx fleet` and `csx diff` instead of running every rule again; a new csx with changed rules
// takes new ones. Past versions cannot be recomputed (newer dumps supersede their errors), so
// `csx ingest` takes a snapshot of every tenant it touched.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rules/finding.hpp"
#include "rules/rule.hpp"

namespace csx::store {
class db;
}

namespace csx::snapshot {

// A finding as a snapshot keeps it.
struct stored_finding {
    std::string key;  // finding_key()
    std::string rule_id;
    rules::severity level = rules::severity::info;
    std::string title;
    std::string connector;
    std::string object_dn;
    std::string attributes;  // comma-separated
    std::optional<std::int64_t> error_code;
    std::string first_occurred;
    std::string last_occurred;
    std::optional<std::int64_t> retry_count;
    std::string category;  // the rule's; "preflight": a prediction (fleet counts it apart)
};

struct snapshot {
    std::int64_t id = 0;
    std::int64_t tenant_id = 0;
    std::string tenant;
    std::int64_t batch_id = 0;
    std::string batch_started_at;  // when the data version was ingested
    std::string rules_digest;
    std::string taken_at;
    std::vector<stored_finding> findings;  // sorted by severity (most urgent first), then key
};

// The identity of a finding across snapshots: rule, connector, object, failing attributes.
std::string finding_key(const rules::finding& f);

// A tenant and its current data version.
struct tenant_version {
    std::int64_t tenant_id = 0;
    std::string tenant;
    std::int64_t batch_id = 0;
    std::string last_ingest;  // newest ingested_at of its files
};

// Every tenant that has files, sorted by name.
std::vector<tenant_version> current_versions(store::db& d);

// One tenant's current version, by name (case-insensitive, as tenant names are).
std::optional<tenant_version> find_tenant(store::db& d, const std::string& name);

// Takes the missing snapshots: for each tenant (each one when `tenants` is empty) whose current
// data version has none under this rule catalog (names compare case-insensitively), runs the rules
// over `analysis` (a read-only connection to the same database: rules can never write) and stores
// the findings through `writer`. Returns how many snapshots it took.
int refresh(store::db& writer, store::db& analysis, const std::vector<rules::rule>& rules,
            const std::vector<std::string>& tenants = {});

// The snapshot of a tenant's current data version under this catalog, if taken.
std::optional<snapshot> load_current(store::db& d, const tenant_version& t,
                                     const std::string& rules_digest);

// What `current` is compared with: the newest snapshot of an older data version of the same
// tenant (of the same catalog when there is one), or with `before` set ('YYYY-MM-DD HH:MM:SS'),
// the newest one whose data was ingested before that time.
std::optional<snapshot> load_baseline(store::db& d, const snapshot& current,
                                      const std::string& before);

}  // namespace csx::snapshot
