// csx fix [--db FILE] [--tenant NAME] [--shell cmd|powershell] [--account DOMAIN\name] [--rules
// DIR] [PATH...]
#include <cstdio>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/output.hpp"
#include "cli/analysis_source.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/options.hpp"
#include "remediation/plan.hpp"
#include "report/data_quality.hpp"
#include "rules/rule_engine.hpp"
#include "rules/rule_loader.hpp"

namespace po = boost::program_options;

namespace csx::cli {

int fix_command(const args& a) {
    std::string db_path, tenant, shell_name, account, rules_dir;
    std::vector<std::string> paths;
    po::options_description desc(
        "csx fix [options] [PATH...]\n\n"
        "Prints only the de-duplicated remediation script, commented, ready to review and "
        "paste.\n\n"
        "Options");
    desc.add_options()("db", po::value(&db_path)->default_value("csx.sqlite"),
                       "database file (ignored when PATHs are given)")("tenant", po::value(&tenant),
                                                                       "only this tenant")(
        "shell", po::value(&shell_name)->default_value("cmd"), "cmd | powershell")(
        "account", po::value(&account),
        "connector account DOMAIN\\name, used when the files do not name it")(
        "rules", po::value(&rules_dir), "also load rules from this folder")("help,h", "this help");
    po::options_description hidden;
    hidden.add_options()("path", po::value(&paths));
    po::positional_options_description pos;
    pos.add("path", -1);
    po::variables_map vm;
    if (!parse(a, desc, hidden, pos, vm)) return exit_ok;

    const remediation::plan_options plan{parse_shell(shell_name), account};
    // Predictions stay out of the fix script: their commands wait for a person's decision
    // (which holder keeps an address, the corrected value); triage and report show them.
    auto rules = rules::load_rules(rules_dir);
    std::erase_if(rules, [](const rules::rule& r) { return rules::is_prediction(r); });
    const auto templates = remediation::parse_templates(rules);
    auto source = open_analysis(db_path, paths);
    if (!tenant.empty()) tenant = resolve_tenant(source.db, tenant);
    rules::run_options ro;
    ro.tenant = tenant;
    const auto findings = rules::run_rules(source.db, rules, ro);
    std::vector<std::string> data_notes;
    for (const auto& t : report::read_data_quality(source.db, tenant)) {
        if (t.state == report::data_state::complete) continue;
        data_notes.push_back(fmt::format("Data read for {}: {}",
                                         t.tenant.empty() ? "files given directly" : t.tenant,
                                         report::state_summary(t)));
        for (const auto& p : t.problems)
            if (p.status != "skipped") data_notes.push_back("  " + report::problem_summary(p));
    }
    const std::string script =
        remediation::fix_script(findings, rules, templates, plan,
                                tenant.empty() ? "all tenants" : "tenant " + tenant, data_notes);
    write_stdout(script);
    return source.ingest_exit;
}

}  // namespace csx::cli
