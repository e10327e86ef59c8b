// Shared Boost.Program_options plumbing for the subcommands.
#pragma once

#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "remediation/shell_quote.hpp"

namespace csx::cli {

// Parses `a` against the visible and hidden options; prints help (and returns false) for
// --help; throws usage_error for anything Boost rejects.
bool parse(const std::vector<std::string>& a,
           const boost::program_options::options_description& visible,
           const boost::program_options::options_description& hidden,
           const boost::program_options::positional_options_description& pos,
           boost::program_options::variables_map& vm);

// --shell: cmd | powershell (or ps); throws usage_error otherwise.
remediation::shell parse_shell(const std::string& s);

}  // namespace csx::cli
