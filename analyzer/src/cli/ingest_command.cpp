// csx ingest [--db FILE] [--tenant NAME] [--object DN] [--connector NAME] [--codepage N]
//            [--replace] [--quiet] PATH...
#include <chrono>
#include <set>
#include <iostream>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/options.hpp"
#include "cli/progress_printer.hpp"
#include "cli/snapshot_source.hpp"
#include "ingest/ingester.hpp"
#include "rules/rule_loader.hpp"
#include "store/db.hpp"
#include "util/file_lock.hpp"
#include "store/schema.hpp"
#include "store/transaction.hpp"
#include "text/encoding.hpp"
#include "util/error.hpp"

namespace po = boost::program_options;

namespace csx::cli {

int ingest_command(const args& a) {
    std::string db_path;
    ingest::ingest_options opts;
    bool quiet = false, no_snapshot = false;
    long code_page = 0;
    std::vector<std::string> paths;
    po::options_description desc(
        "csx ingest [options] PATH...\n\n"
        "Reads csexport XML, run-history XML, Graph JSON, connector configuration,\n"
        "ADSyncTools RunStep CLIXML, ActiveDirectory module CLIXML (Get-ADUser ... |\n"
        "Export-Clixml), ldifde LDIF files and saved dsacls outputs (or folders of them)\n"
        "into the database.\n\n"
        "Options");
    desc.add_options()("db", po::value(&db_path)->default_value("csx.sqlite"),
                       "database file (created if missing)")(
        "tenant", po::value(&opts.tenant),
        "tenant name for every file (default: the folder name, else the domain found in the data)")(
        "replace", po::bool_switch(&opts.replace), "re-read files already ingested (same SHA-256)")(
        "object", po::value(&opts.object_dn),
        "DN of the object of a dsacls output that does not show its command line, or whose "
        "groups a Get-ADPrincipalGroupMembership CLIXML lists")(
        "connector", po::value(&opts.connector),
        "connector (name or ma-id) of csexport files whose objects do not name it, e.g. an "
        "empty export-errors dump")(
        "codepage", po::value(&code_page),
        "code page of files that are neither UTF-8 nor UTF-16, e.g. 850 or 437 for dsacls output "
        "saved from cmd (chcp shows the console's), 1250 for ldifde on a Central European "
        "Windows (default: windows-1252; dsacls output: guessed among 850, 437 and 1252)")(
        "no-snapshot", po::bool_switch(&no_snapshot),
        "do not run the rules afterwards (csx fleet and diff take the snapshot later, but the "
        "state before this ingest is then not kept for diff)")(
        "quiet,q", po::bool_switch(&quiet),
        "no progress line and no per-file lines (damage is still reported)")("help,h", "this help");
    po::options_description hidden;
    hidden.add_options()("path", po::value(&paths));
    po::positional_options_description pos;
    pos.add("path", -1);
    po::variables_map vm;
    if (!parse(a, desc, hidden, pos, vm)) return exit_ok;
    if (vm.count("codepage")) {
        opts.code_page = text::code_page_from_number(code_page);
        if (!opts.code_page)
            throw usage_error(fmt::format(
                "--codepage {}: not a code page csx can read (a Windows ANSI or OEM code page "
                "number such as 437, 850, 852, 866, 1250 or 1252; UTF-8 and UTF-16 are detected "
                "by themselves)",
                code_page));
    }

    // One writer at a time per database (util/file_lock.hpp); readers are not held up.
    const auto lock = file_lock::acquire(lock_path_for(db_path), [&] {
        fmt::print(stderr, "csx ingest: another csx is writing to {}; waiting for it to finish\n",
                   db_path);
    });
    auto d = store::db::open(db_path, store::open_mode::create);
    store::migrate(d);
    if (paths.empty()) {
        // The upgrade path: what a newer schema derives from dumps already read (schema/derive_*).
        {
            store::transaction tx(d);
            store::derive(d);
            tx.commit();
        }
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
    // Snapshot the findings of every tenant this ingest changed: the next ingest supersedes
    // this state, and `csx diff` needs it then. Built-in rules only (fleet/diff --rules take
    // their own).
    std::set<std::string> touched;
    for (const auto& f : summary.files)
        if (f.status == file_status::ingested || f.status == file_status::partial)
            touched.insert(f.tenant);
    if (!no_snapshot && !touched.empty()) {
        const auto t0 = std::chrono::steady_clock::now();
        const int taken =
            take_snapshots(d, rules::load_rules(""), {touched.begin(), touched.end()});
        if (!quiet)
            fmt::print(
                "triage snapshot of {} tenant(s) in {:.2f} s\n", taken,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
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
