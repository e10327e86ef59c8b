// Shell models and PowerShell oracle helpers shared by the command tests: how cmd.exe, the C
// runtime and PowerShell split a line (the hand model for cmd, which is not available here),
// adversarial value pieces, and the native argv printer that stands in for dsacls, dsquery,
// csexport and ldifde when real PowerShell runs what csx printed.
#pragma once

#include <random>
#include <string>
#include <vector>

namespace csx::test {

// Pieces an attacker would try, and ordinary text.
extern const std::vector<std::string> kHostilePieces;
// 1 to max_pieces random pieces joined.
std::string random_text(std::mt19937& rng, int max_pieces);

// What cmd.exe would act on: % and ! anywhere (expanded even inside quotes), and the
// metacharacters outside quotes, in order; "<unbalanced>" when a quote is left open.
std::string cmd_specials(const std::string& line);
// The C runtime's split of a command line (CommandLineToArgvW rules).
std::vector<std::string> crt_split(const std::string& line);

// A PowerShell single quote at s[i] (' or one of the four typographic ones): its length.
bool ps_quote_at(const std::string& s, std::size_t i, std::size_t& len);
// PowerShell: bare words and single-quoted strings (a doubled quote is one literal).
// `specials` receives, in order, what PowerShell would evaluate outside a string
// ($ ` ; & | ( ) { } @ " and line breaks); "<unterminated>" for an open string.
std::vector<std::string> ps_tokens(const std::string& line, std::string& specials);
// What Windows PowerShell 5.1 hands a native program, split by its C runtime.
std::vector<std::string> ps_native_args(const std::vector<std::string>& ps_args);
// Every typographic single quote folded to '.
std::string fold_quotes(std::string s);

std::vector<std::string> split_lines(const std::string& text);

// Runs `cmd` with /bin/sh, standard output and error both into `out_file`: the exit code (-1
// when it did not exit) and what it printed.
struct shell_run {
    int exit_code = -1;
    std::string out;
};
shell_run run_shell(const std::string& cmd, const std::string& out_file);

// pwsh from CSX_PWSH, else the PATH, else where `dotnet tool install --global` puts it; "" if
// none.
std::string find_pwsh();
// A /bin/sh program that prints its argv as "<len>:<arg>|..." and a newline.
extern const char* const kArgvPrinter;
std::vector<std::string> parse_argv_line(const std::string& line);

}  // namespace csx::test
