// csx report [--db FILE] --tenant NAME [--format md|html] [-o FILE] [--redact]
//            [--shell cmd|powershell] [--account DOMAIN\name] [--rules DIR] [PATH...]
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/analysis_source.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "remediation/plan.hpp"
#include "report/escalation_report.hpp"
#include "rules/rule_engine.hpp"
#include "rules/rule_loader.hpp"
#include "store/db.hpp"
#include "store/statement.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace po = boost::program_options;

namespace csx::cli {

namespace {

bool ends_with(const std::string& s, std::string_view tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The tenant as stored (names compare case-insensitively); without --tenant, the only one.
}  // namespace

int report_command(const args& a) {
    std::string db_path, tenant, format, output, shell_name, account, rules_dir;
    bool redact = false;
    std::vector<std::string> paths;
    po::options_description desc(
        "csx report --tenant NAME [options] [PATH...]\n\n"
        "The escalation report for one tenant: summary, then per finding the root cause, the\n"
        "evidence from the dumps (file and line), a timeline, the commands with verification\n"
        "and risk notes; an appendix of the source files with SHA-256 and ingest time.\n\n"
        "Options");
    desc.add_options()("db", po::value(&db_path)->default_value("csx.sqlite"),
                       "database file (ignored when PATHs are given)")(
        "tenant", po::value(&tenant), "the tenant (optional when the data holds only one)")(
        "format", po::value(&format),
        "md | html (default: html when -o ends in .html or .htm, else md)")(
        "output,o", po::value(&output), "write to FILE instead of standard output")(
        "redact", po::bool_switch(&redact),
        "replace names, accounts, addresses and the user parts of DNs by stable pseudonyms")(
        "shell", po::value(&shell_name)->default_value("cmd"), "commands for cmd | powershell")(
        "account", po::value(&account),
        "connector account DOMAIN\\name, used when the files do not name it")(
        "rules", po::value(&rules_dir),
        "also load rules from this folder (same id replaces a built-in rule)")("help,h",
                                                                               "this help");
    po::options_description hidden;
    hidden.add_options()("path", po::value(&paths));
    po::positional_options_description pos;
    pos.add("path", -1);
    po::variables_map vm;
    if (!parse(a, desc, hidden, pos, vm)) return exit_ok;

    if (format.empty())
        format = ends_with(output, ".html") || ends_with(output, ".htm") ? "html" : "md";
    if (format != "md" && format != "html")
        throw usage_error(fmt::format("--format must be md or html, not '{}'", format));
    report::report_options opts;
    opts.format = format == "html" ? report::report_format::html : report::report_format::markdown;
    opts.redact = redact;
    opts.plan = {parse_shell(shell_name), account};

    const auto rules = rules::load_rules(rules_dir);
    const auto templates = remediation::parse_templates(rules);
    auto source = open_analysis(db_path, paths);
    opts.tenant = resolve_tenant(source.db, tenant);
    rules::run_options ro;
    ro.tenant = opts.tenant;
    const auto findings = rules::run_rules(source.db, rules, ro);
    const auto result = report::escalation_report(source.db, findings, rules, templates, opts);

    if (output.empty()) {
        write_stdout(result.text);
    } else {
        write_atomically(output, result.text);
        fmt::print(
            stderr, "csx report: {} finding(s) for {}{} -> {}\n", findings.size(), opts.tenant,
            redact ? fmt::format(", {} value(s) pseudonymised", result.pseudonyms) : "", output);
    }
    return source.ingest_exit;
}

}  // namespace csx::cli
