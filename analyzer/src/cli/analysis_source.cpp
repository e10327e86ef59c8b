#include "cli/analysis_source.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "cli/exit_codes.hpp"
#include "cli/progress_printer.hpp"
#include "ingest/ingester.hpp"
#include "store/schema.hpp"
#include "store/statement.hpp"
#include "util/error.hpp"
#include "util/file_lock.hpp"
#include "util/text.hpp"

namespace csx::cli {

analysis_source open_analysis(const std::string& db_path, const std::vector<std::string>& paths) {
    if (!paths.empty()) {
        auto d = store::db::open(":memory:", store::open_mode::memory);
        store::migrate(d);
        progress_printer observer(true);  // quiet: only damage and skips reach stderr
        // Tenants follow the usual rules (folder names, the data): --tenant then selects one of
        // them, as it does for a database. To name the tenant of loose files, use csx ingest.
        ingest::ingester ing(d, ingest::ingest_options{}, observer);
        const auto summary = ing.run(paths);
        int code = exit_ok;
        if (summary.count(ingest::file_status::partial) > 0) code = exit_input_damaged;
        if (summary.count(ingest::file_status::unreadable) > 0 || !summary.problems.empty())
            code = exit_input_missing;
        return {std::move(d), code};
    }
    std::error_code ec;
    if (!std::filesystem::exists(db_path, ec))
        throw db_error(fmt::format(
            "database '{}' does not exist: run `csx ingest --db {} PATH...` first, or give "
            "PATHs to triage files directly",
            db_path, db_path));
    // An ingest killed during a bulk load leaves a hot rollback journal (and its indexes
    // dropped). A read-only connection cannot roll it back (SQLite refuses to read the file at
    // all), so a writable one does it first and restores the indexes: the database is then
    // exactly as before the interrupted file.
    // A journal while an ingest runs is live, not hot: only when no writer holds the lock.
    if (std::filesystem::file_size(db_path + "-journal", ec) > 0 && !ec) {
        if (auto lock = file_lock::try_acquire(lock_path_for(db_path))) {
            auto w = store::db::open(db_path, store::open_mode::read_write);
            store::migrate(w);
        }
    }
    auto d = store::db::open(db_path, store::open_mode::read_only);
    store::require_current(d);
    return {std::move(d), exit_ok};
}

std::string resolve_tenant(store::db& d, const std::string& wanted) {
    auto q = d.prepare(
        "SELECT name FROM tenant WHERE tenant_id IN (SELECT tenant_id FROM source_file UNION "
        "SELECT tenant_id FROM input_problem) "
        "ORDER BY name");
    std::vector<std::string> names;
    while (q.step())
        names.push_back(q.column_text(0));
    std::string list;
    for (const auto& n : names)
        list += (list.empty() ? "" : ", ") + n;
    if (wanted.empty()) {
        if (names.size() == 1) return names.front();
        throw usage_error(
            names.empty() ? std::string("no tenant has been ingested")
                          : fmt::format("--tenant NAME is required: the data holds {} tenants ({})",
                                        names.size(), list));
    }
    for (const auto& n : names) {
        if (text::iequals(n, wanted)) return n;
    }
    throw usage_error(fmt::format("no tenant '{}' in the data (tenants: {})", wanted,
                                  list.empty() ? "none" : list));
}

}  // namespace csx::cli
