#include "cli/options.hpp"

#include <iostream>

#include <fmt/format.h>

#include "util/error.hpp"

namespace po = boost::program_options;

namespace csx::cli {

bool parse(const std::vector<std::string>& a, const po::options_description& visible,
           const po::options_description& hidden, const po::positional_options_description& pos,
           po::variables_map& vm) {
    po::options_description all;
    all.add(visible).add(hidden);
    try {
        po::store(po::command_line_parser(a).options(all).positional(pos).run(), vm);
        if (vm.count("help")) {
            std::cout << visible << "\n";
            return false;
        }
        po::notify(vm);
    } catch (const po::error& e) {
        throw usage_error(e.what());
    }
    return true;
}

remediation::shell parse_shell(const std::string& s) {
    if (s == "cmd") return remediation::shell::cmd;
    if (s == "powershell" || s == "ps") return remediation::shell::powershell;
    throw usage_error(fmt::format("--shell must be cmd or powershell, not '{}'", s));
}

}  // namespace csx::cli
