// csx ingest [--db FILE] [--tenant NAME] [--replace] [--quiet] PATH...
#include <iostream>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/options.hpp"
#include "cli/progress_printer.hpp"
#include "ingest/ingester.hpp"
#include "store/db.hpp"
#include "store/schema.hpp"
#include "util/error.hpp"

namespace po = boost::program_options;

namespace csx::cli {

int ingest_command(const args& a) {
    std::string db_path;
    ingest::ingest_options opts;
    bool quiet = false;
    std::vector<std::string> paths;
    po::options_description desc(
        "csx ingest [options] PATH...\n\n"
        "Reads csexport XML, run-history XML, Graph JSON, connector configuration and\n"
        "ADSyncTools RunStep CLIXML files (or folders of them) into the database.\n\n"
        "Options");
    desc.add_options()("db", po::value(&db_path)->default_value("csx.sqlite"),
                       "database file (created if missing)")(
        "tenant", po::value(&opts.tenant),
        "tenant name for every file (default: the folder name, else the domain found in the data)")(
        "replace", po::bool_switch(&opts.replace), "re-read files already ingested (same SHA-256)")(
        "quiet,q", po::bool_switch(&quiet),
        "no progress line and no per-file lines (damage is still reported)")("help,h", "this help");
    po::options_description hidden;
    hidden.add_options()("path", po::value(&paths));
    po::positional_options_description pos;
    pos.add("path", -1);
    po::variables_map vm;
    if (!parse(a, desc, hidden, pos, vm)) return exit_ok;

    auto d = store::db::open(db_path, store::open_mode::create);
    store::migrate(d);
    if (paths.empty()) {
        fmt::print(
            stderr,
            "csx: database {} is ready (schema version {}); no PATH given, nothing ingested\n",
            db_path, store::schema_version());
        return exit_ok;
    }
    progress_printer observer(quiet);
    ingest::ingester ing(d, opts, observer);
    const auto summary = ing.run(paths);

    using ingest::file_status;
    const int damaged = summary.count(file_status::partial);
    const int unreadable =
        summary.count(file_status::unreadable) + static_cast<int>(summary.problems.size());
    if (!quiet) {
        fmt::print(
            "{} file(s): {} ingested, {} partial, {} unchanged, {} skipped, {} unreadable -> {}\n",
            summary.files.size(), summary.count(file_status::ingested), damaged,
            summary.count(file_status::duplicate), summary.count(file_status::skipped), unreadable,
            db_path);
    }
    if (unreadable > 0) return exit_input_missing;
    if (damaged > 0) return exit_input_damaged;
    return exit_ok;
}

}  // namespace csx::cli
