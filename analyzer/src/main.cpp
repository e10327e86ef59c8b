// csx: offline forensic analyzer for Microsoft Entra Connect synchronization failures.
// main() is the only place that catches everything: each exception type maps to an exit code.
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "util/error.hpp"
#include "xml/library_scope.hpp"

namespace {

constexpr const char* kUsage =
    "usage: csx <command> [options]\n"
    "\n"
    "commands:\n"
    "  ingest PATH...   read dumps, run histories, Graph JSON and configuration into a database\n"
    "  triage [PATH...] classify what went wrong, with remediation commands\n"
    "  fix [PATH...]    print only the de-duplicated remediation script\n"
    "  report           escalation report for one tenant (Markdown or HTML)\n"
    "  fleet            one row per tenant: findings by severity, change since last ingest\n"
    "  diff             one tenant: findings new, resolved and still open since last ingest\n"
    "  verify           check a permission fix from dsacls output and fresh dumps\n"
    "  rules            list the rules (--lint checks them)\n"
    "  collect          print the read-only PowerShell script that gathers every input\n"
    "\n"
    "`csx <command> --help` shows a command's options. Exit codes are listed in the README.\n";

// The command's exit code, or -1 for an unknown command.
int dispatch(const std::string& command, const std::vector<std::string>& args) {
    using namespace csx;
    if (command == "ingest") return cli::ingest_command(args);
    if (command == "triage") return cli::triage_command(args);
    if (command == "fix") return cli::fix_command(args);
    if (command == "rules") return cli::rules_command(args);
    if (command == "report") return cli::report_command(args);
    if (command == "fleet") return cli::fleet_command(args);
    if (command == "diff") return cli::diff_command(args);
    if (command == "verify") return cli::verify_command(args);
    if (command == "collect") return cli::collect_command(args);
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace csx;
    csx::xml::library_scope xml_library;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        return args.empty() ? cli::exit_usage : cli::exit_ok;
    }
    if (args[0] == "--version") {
        fmt::print("csx {}\n", CSX_VERSION);
        return cli::exit_ok;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    try {
        const int rc = dispatch(command, args);
        if (rc < 0) {
            fmt::print(stderr, "csx: unknown command '{}'\n{}", command, kUsage);
            return cli::exit_usage;
        }
        cli::finish_stdout();  // a write error surfacing at the flush is still an error
        return rc;
    } catch (const usage_error& e) {
        fmt::print(stderr, "csx {}: {}\n", command, e.what());
        return cli::exit_usage;
    } catch (const io_error& e) {
        fmt::print(stderr, "csx {}: {}\n", command, e.what());
        return cli::exit_input_missing;
    } catch (const db_error& e) {
        fmt::print(stderr, "csx {}: database error: {}\n", command, e.what());
        return cli::exit_database;
    } catch (const rule_error& e) {
        fmt::print(stderr, "csx {}: rule error: {}\n", command, e.what());
        return cli::exit_rules;
    } catch (const redaction_error& e) {
        fmt::print(stderr, "csx {}: report withheld: {}\n", command, e.what());
        return cli::exit_redaction;
    } catch (const std::exception& e) {
        fmt::print(stderr, "csx {}: internal error (please report): {}\n", command, e.what());
        return cli::exit_internal;
    }
}
