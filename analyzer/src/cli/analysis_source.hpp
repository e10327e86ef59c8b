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

}  // namespace csx::cli
