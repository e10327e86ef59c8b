// csx rules [--rules DIR] [--lint] [--format text|json]
#include <cstdio>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/options.hpp"
#include "remediation/rule_lint.hpp"
#include "rules/rule_loader.hpp"
#include "util/error.hpp"
#include "util/json.hpp"

namespace po = boost::program_options;

namespace csx::cli {

int rules_command(const args& a) {
    std::string rules_dir, format;
    bool lint = false;
    po::options_description desc(
        "csx rules [options]\n\n"
        "Lists the rules (built in, plus --rules DIR), or checks them with --lint.\n\n"
        "Options");
    desc.add_options()("rules", po::value(&rules_dir), "also load rules from this folder")(
        "lint", po::bool_switch(&lint), "check every rule's header, SQL and remediation template")(
        "format", po::value(&format)->default_value("text"), "text | json")("help,h", "this help");
    po::options_description hidden;
    po::positional_options_description pos;
    po::variables_map vm;
    if (!parse(a, desc, hidden, pos, vm)) return exit_ok;
    if (format != "text" && format != "json") throw usage_error("--format must be text or json");

    const auto rules = rules::load_rules(rules_dir);
    if (lint) {
        const auto problems = remediation::lint_rules(rules);
        for (const auto& p : problems)
            fmt::print(stderr, "{}\n", p);
        if (!problems.empty()) {
            fmt::print(stderr, "csx rules --lint: {} problem(s) in {} rule(s)\n", problems.size(),
                       rules.size());
            return exit_rules;
        }
        fmt::print("csx rules --lint: {} rules, no problems\n", rules.size());
        return exit_ok;
    }
    if (format == "json") {
        std::string out;
        json::builder b(out);
        b.begin_object();
        b.key("rules");
        b.begin_array();
        for (const auto& r : rules) {
            b.begin_object();
            b.key("id");
            b.value(r.id);
            b.key("severity");
            b.value(rules::to_string(r.level));
            b.key("category");
            b.value(r.category);
            b.key("title");
            b.value(r.title);
            b.key("summary");
            b.value(r.summary);
            b.key("source");
            b.value(r.source);
            b.end_object();
        }
        b.end_array();
        b.end_object();
        fmt::print("{}\n", out);
        return exit_ok;
    }
    for (const auto& r : rules)
        fmt::print("{:<32} {:<8} {:<14} {}\n", r.id, rules::to_string(r.level), r.category,
                   r.title);
    return exit_ok;
}

}  // namespace csx::cli
