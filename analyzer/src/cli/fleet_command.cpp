// csx fleet [--db FILE] [--format text|json|csv|md] [--since DATE] [--rules DIR]
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
#include "snapshot/fleet.hpp"
#include "util/error.hpp"

namespace po = boost::program_options;

namespace csx::cli {

int fleet_command(const args& a) {
    std::string db_path, format, since, rules_dir;
    po::options_description desc(
        "csx fleet [options]\n\n"
        "One row per tenant of the database: open findings by severity, the rules that fired,\n"
        "the oldest problem, total retries, the last ingest and the change since the previous\n"
        "snapshot (+new -resolved =still open). Most urgent first: worst severity, then the\n"
        "oldest problem.\n\n"
        "Options");
    desc.add_options()("db", po::value(&db_path)->default_value("csx.sqlite"), "database file")(
        "format", po::value(&format)->default_value("text"), "text | json | csv | md")(
        "since", po::value(&since),
        "only tenants with data ingested at or after DATE (UTC 'YYYY-MM-DD[ HH:MM[:SS]]'); "
        "change is then counted from the last snapshot before DATE")(
        "rules", po::value(&rules_dir),
        "also load rules from this folder (same id replaces a built-in rule)")("help,h",
                                                                               "this help");
    po::options_description hidden;
    po::positional_options_description pos;
    po::variables_map vm;
    if (!parse(a, desc, hidden, pos, vm)) return exit_ok;
    if (format != "text" && format != "json" && format != "csv" && format != "md")
        throw usage_error(fmt::format("--format must be text, json, csv or md, not '{}'", format));
    if (!since.empty()) since = parse_since(since);

    const auto rules = rules::load_rules(rules_dir);
    auto src = open_snapshots(db_path, rules);
    const auto view = snapshot::build_fleet(src.writer, src.digest, since);
    const auto data = report::read_data_quality(src.writer, "");
    std::string out;
    if (format == "json")
        out = report::fleet_json(view, data);
    else if (format == "csv")
        out = report::fleet_csv(view, data);
    else if (format == "md")
        out = report::fleet_markdown(view, data);
    else
        out = report::fleet_text(view, data);
    write_stdout(out);
    return exit_ok;
}

}  // namespace csx::cli
