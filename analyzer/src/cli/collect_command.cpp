// csx collect [--shell powershell] [--days N] [--full] [--object DN]... [-o FILE]
// Prints (or writes) the read-only collection script (collect/collect_script.hpp).
#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "collect/collect_script.hpp"
#include "util/error.hpp"

namespace po = boost::program_options;

namespace csx::cli {

int collect_command(const args& a) {
    std::string shell_name, output;
    collect::script_options o;
    po::options_description desc(
        "csx collect [options]\n\n"
        "Prints a read-only Windows PowerShell 5.1 script to run on the Entra Connect server (as\n"
        "an administrator, or pasted into an RMM console). It collects the errors-only csexport\n"
        "of every connector, the run history, the server configuration and, for every AD object\n"
        "whose export was denied, its groups, adminCount, SID and ACL and the ACL of its\n"
        "domain's AdminSDHolder, into one zip with a manifest. It never writes to Active\n"
        "Directory, Entra ID or the sync configuration. Then: csx triage <the zip>.\n\n"
        "Options");
    desc.add_options()("shell", po::value(&shell_name)->default_value("powershell"),
                       "powershell (the only one: the ADSync cmdlets need it)")(
        "days", po::value(&o.days)->default_value(7), "run history of the last N days")(
        "full", po::bool_switch(&o.full),
        "also the whole connector space of every connector (pre-flight and protection evidence; "
        "large)")("object", po::value(&o.objects)->composing(),
                  "also collect the protection evidence of this AD object (repeatable)")(
        "output,o", po::value(&output), "write the script to FILE instead of standard output")(
        "help,h", "this help");
    po::options_description hidden;
    po::positional_options_description pos;
    po::variables_map vm;
    if (!parse(a, desc, hidden, pos, vm)) return exit_ok;
    if (shell_name != "powershell" && shell_name != "ps")
        throw usage_error(fmt::format(
            "--shell must be powershell, not '{}': the ADSync cmdlets the collection needs exist "
            "only in Windows PowerShell",
            shell_name));
    const std::string script = collect::render_script(o);
    if (output.empty()) {
        write_stdout(script);
    } else {
        write_atomically(output, script);
        fmt::print(stderr,
                   "csx collect: script written to {}; run it on the Entra Connect server, then "
                   "csx triage the zip it names\n",
                   output);
    }
    return exit_ok;
}

}  // namespace csx::cli
