// analysis_source: the database a read-side command (triage, fix, report) works on.
//
// With PATHs it is a private in-memory database the files are ingested into first (the
// one-shot form: nothing is left on disk); otherwise the --db file, opened read-only (rules can
// never write) and required to be at this csx's schema version.
#pragma once

#include <string>
#include <vector>

#include "store/db.hpp"

namespace csx::cli {

struct analysis_source {
    store::db db;
    int ingest_exit = 0;  // for the one-shot form: what the ingest would have exited with
};

analysis_source open_analysis(const std::string& db_path, const std::vector<std::string>& paths);

// The tenant the data calls `wanted` (case-insensitively), or the only tenant when `wanted` is
// empty; a usage_error naming the tenants the data holds otherwise. "contoso - 0 finding(s)"
// for a tenant the data does not hold would read as healthy at 2 a.m.
std::string resolve_tenant(store::db& d, const std::string& wanted);

}  // namespace csx::cli
