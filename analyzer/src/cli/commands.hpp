// The subcommands. Each takes its own arguments (after the subcommand name) and returns the
// process exit code; errors that stop a command are thrown (util/error.hpp) and mapped to exit
// codes by main().
#pragma once

#include <string>
#include <vector>

namespace csx::cli {

using args = std::vector<std::string>;

int ingest_command(const args& a);
int triage_command(const args& a);
int fix_command(const args& a);
int rules_command(const args& a);
int fleet_command(const args& a);
int diff_command(const args& a);
int report_command(const args& a);
int verify_command(const args& a);
int collect_command(const args& a);

}  // namespace csx::cli
