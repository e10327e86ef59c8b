// csx verify [--db FILE] --tenant NAME [--account DOMAIN\name] [--format text|json]
//            [--rules DIR] [PATH...]
#include <cstdio>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/output.hpp"
#include "cli/analysis_source.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/options.hpp"
#include "remediation/verification.hpp"
#include "report/verify_output.hpp"
#include "rules/rule_engine.hpp"
#include "rules/rule_loader.hpp"
#include "util/error.hpp"

namespace po = boost::program_options;

namespace csx::cli {

int verify_command(const args& a) {
    std::string db_path, tenant, format, account, rules_dir;
    std::vector<std::string> paths;
    po::options_description desc(
        "csx verify [options] [PATH...]\n\n"
        "For every AdminSDHolder / OU permission finding of the tenant, says per object and\n"
        "attribute whether the ingested dsacls outputs show the connector account's grant in\n"
        "place, whether a newer csexport or run history still shows the error, and what is\n"
        "still missing. Exit 0 when every one is fixed, 1 otherwise.\n\n"
        "Options");
    desc.add_options()("db", po::value(&db_path)->default_value("csx.sqlite"),
                       "database file (ignored when PATHs are given)")(
        "tenant", po::value(&tenant)->required(), "the tenant to verify")(
        "account", po::value(&account),
        "connector account DOMAIN\\name, used when the files do not name it")(
        "format", po::value(&format)->default_value("text"), "text | json")(
        "rules", po::value(&rules_dir),
        "also load rules from this folder (same id replaces a built-in rule)")("help,h",
                                                                               "this help");
    po::options_description hidden;
    hidden.add_options()("path", po::value(&paths));
    po::positional_options_description pos;
    pos.add("path", -1);
    po::variables_map vm;
    if (!parse(a, desc, hidden, pos, vm)) return exit_ok;
    if (format != "text" && format != "json")
        throw usage_error(fmt::format("--format must be text or json, not '{}'", format));

    auto rules = rules::load_rules(rules_dir);  // predictions have no fix to verify yet
    std::erase_if(rules, [](const rules::rule& r) { return rules::is_prediction(r); });
    auto source = open_analysis(db_path, paths);
    if (!tenant.empty()) tenant = resolve_tenant(source.db, tenant);
    rules::run_options ro;
    ro.tenant = tenant;
    ro.include_resolved = true;  // a resolved finding is the verified end state
    const auto findings = rules::run_rules(source.db, rules, ro);
    const auto results = remediation::verify_findings(source.db, findings, {account});

    const std::string out = format == "json" ? report::verify_json(results, tenant)
                                             : report::verify_text(results, tenant);
    write_stdout(out);
    for (const auto& v : results)
        if (!v.fixed) return exit_findings;
    return source.ingest_exit;
}

}  // namespace csx::cli
