// csx diff --tenant NAME [--db FILE] [--format text|json|csv|md] [--since DATE] [--rules DIR]
#include <cstdio>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/output.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/options.hpp"
#include "cli/snapshot_source.hpp"
#include "report/fleet_output.hpp"
#include "rules/rule_loader.hpp"
#include "snapshot/finding_diff.hpp"
#include "snapshot/snapshot_store.hpp"
#include "util/error.hpp"

namespace po = boost::program_options;

namespace csx::cli {

int diff_command(const args& a) {
    std::string db_path, tenant, format, since, rules_dir;
    po::options_description desc(
        "csx diff --tenant NAME [options]\n\n"
        "What changed for one tenant between its previous ingest (or the last one before\n"
        "--since) and its newest: findings new, resolved and still open.\n\n"
        "Options");
    desc.add_options()("db", po::value(&db_path)->default_value("csx.sqlite"), "database file")(
        "tenant", po::value(&tenant), "the tenant (required)")(
        "format", po::value(&format)->default_value("text"), "text | json | csv | md")(
        "since", po::value(&since),
        "compare with the last snapshot of data ingested before DATE (UTC 'YYYY-MM-DD[ "
        "HH:MM[:SS]]')")("rules", po::value(&rules_dir),
                         "also load rules from this folder (same id replaces a built-in rule)")(
        "help,h", "this help");
    po::options_description hidden;
    po::positional_options_description pos;
    po::variables_map vm;
    if (!parse(a, desc, hidden, pos, vm)) return exit_ok;
    if (tenant.empty()) throw usage_error("--tenant NAME is required");
    if (format != "text" && format != "json" && format != "csv" && format != "md")
        throw usage_error(fmt::format("--format must be text, json, csv or md, not '{}'", format));
    if (!since.empty()) since = parse_since(since);

    const auto rules = rules::load_rules(rules_dir);
    auto src = open_snapshots(db_path, rules, {tenant});
    const auto version = snapshot::find_tenant(src.writer, tenant);
    if (!version)
        throw usage_error(
            fmt::format("no tenant '{}' in {} (csx fleet lists the tenants)", tenant, db_path));
    const auto current = snapshot::load_current(src.writer, *version, src.digest);
    if (!current) throw internal_error("the snapshot just taken is missing");
    const auto change =
        snapshot::diff(*current, snapshot::load_baseline(src.writer, *current, since));
    const auto data = report::read_data_quality(src.writer, current->tenant);
    const report::tenant_data* td = data.empty() ? nullptr : &data.front();
    std::string out;
    if (format == "json")
        out = report::diff_json(*current, change, td);
    else if (format == "csv")
        out = report::diff_csv(*current, change, td);
    else if (format == "md")
        out = report::diff_markdown(*current, change, td);
    else
        out = report::diff_text(*current, change, td);
    write_stdout(out);
    return exit_ok;
}

}  // namespace csx::cli
