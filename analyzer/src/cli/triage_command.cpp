// csx triage [--db FILE] [--tenant NAME] [--format text|json|csv|md] [--fail-on SEVERITY]
//            [--shell cmd|powershell] [--account DOMAIN\name] [--rules DIR] [--all]
//            [--preflight-only | --no-preflight] [PATH...]
#include <cstdio>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/output.hpp"
#include "cli/analysis_source.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/options.hpp"
#include "remediation/plan.hpp"
#include "report/triage_output.hpp"
#include "rules/rule_engine.hpp"
#include "rules/rule_loader.hpp"
#include "util/error.hpp"

namespace po = boost::program_options;

namespace csx::cli {

int triage_command(const args& a) {
    std::string db_path, tenant, format, fail_on, shell_name, account, rules_dir;
    std::vector<std::string> paths;
    bool all = false, preflight_only = false, no_preflight = false;
    po::options_description desc(
        "csx triage [options] [PATH...]\n\n"
        "Runs every rule over the database (or, with PATHs, over those files ingested into a\n"
        "private in-memory database) and prints the findings with their remediation.\n\n"
        "Options");
    desc.add_options()("db", po::value(&db_path)->default_value("csx.sqlite"),
                       "database file (ignored when PATHs are given)")("tenant", po::value(&tenant),
                                                                       "only this tenant")(
        "format", po::value(&format)->default_value("text"), "text | json | csv | md")(
        "fail-on", po::value(&fail_on),
        "exit 1 when a finding is at least this severe (info|low|medium|high|critical); "
        "otherwise exit 8 when a tenant has no usable data")(
        "shell", po::value(&shell_name)->default_value("cmd"), "commands for cmd | powershell")(
        "account", po::value(&account),
        "connector account DOMAIN\\name, used when the files do not name it")(
        "rules", po::value(&rules_dir),
        "also load rules from this folder (same id replaces a built-in rule)")(
        "all", po::bool_switch(&all),
        "also list the findings newer evidence shows resolved (a newer csexport of the "
        "connector, or its newest Export step ended success), marked RESOLVED")(
        "preflight-only", po::bool_switch(&preflight_only),
        "only the pre-flight predictions (what Entra ID will refuse, from a full AD dump)")(
        "no-preflight", po::bool_switch(&no_preflight),
        "leave the pre-flight rules out (only what already failed)")("help,h", "this help");
    po::options_description hidden;
    hidden.add_options()("path", po::value(&paths));
    po::positional_options_description pos;
    pos.add("path", -1);
    po::variables_map vm;
    if (!parse(a, desc, hidden, pos, vm)) return exit_ok;

    std::optional<rules::severity> threshold;
    if (!fail_on.empty()) {
        threshold = rules::parse_severity(fail_on);
        if (!threshold)
            throw usage_error(fmt::format(
                "--fail-on must be info, low, medium, high or critical, not '{}'", fail_on));
    }
    if (format != "text" && format != "json" && format != "csv" && format != "md")
        throw usage_error(fmt::format("--format must be text, json, csv or md, not '{}'", format));
    const remediation::plan_options plan{parse_shell(shell_name), account};

    if (preflight_only && no_preflight)
        throw usage_error("--preflight-only and --no-preflight exclude each other");
    auto rules = rules::load_rules(rules_dir);
    if (preflight_only || no_preflight)
        std::erase_if(
            rules, [&](const rules::rule& r) { return rules::is_prediction(r) == no_preflight; });
    const auto templates = remediation::parse_templates(rules);
    auto source = open_analysis(db_path, paths);
    if (!tenant.empty()) tenant = resolve_tenant(source.db, tenant);
    rules::run_options ro;
    ro.tenant = tenant;
    ro.include_resolved = all;
    const auto findings = rules::run_rules(source.db, rules, ro);
    std::vector<remediation::finding_fix> fixes;
    fixes.reserve(findings.size());
    for (const auto& f : findings)  // a resolved finding needs no commands
        fixes.push_back(f.resolved ? remediation::finding_fix{}
                                   : remediation::fix_for(f, templates, plan));

    const report::triage_meta meta{tenant, plan.sh, report::read_data_quality(source.db, tenant)};
    std::string out;
    if (format == "json")
        out = report::triage_json(findings, fixes, meta);
    else if (format == "csv")
        out = report::triage_csv(findings, fixes, meta);
    else if (format == "md")
        out = report::triage_markdown(findings, fixes, meta);
    else
        out = report::triage_text(findings, fixes, meta);
    write_stdout(out);

    if (threshold) {
        for (const auto& f : findings)
            if (!f.resolved && !rules::is_prediction(f) && f.level >= *threshold)
                return exit_findings;  // a prediction is not an error (yet)
        // No finding crossed the threshold, but a tenant gave nothing to look at: 0 would say
        // "checked, healthy".
        if (report::worst_state(meta.data) == report::data_state::no_usable_data)
            return exit_no_usable_data;
    }
    return source.ingest_exit;
}

}  // namespace csx::cli
