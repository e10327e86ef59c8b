#include "shell_model.hpp"

#include <cstdlib>
#include <filesystem>

#include <sys/wait.h>

#include "test_support.hpp"
#include <string_view>

namespace csx::test {

const std::vector<std::string> kHostilePieces = {
    "a",
    "Z",
    "7",
    " ",
    "  ",
    ",",
    "=",
    "+",
    "\\",
    "\\,",
    "\\\"",
    "\"",
    "'",
    "''",
    "`",
    "%",
    "%PATH%",
    "!",
    "!x!",
    "^",
    "&",
    "&&",
    "|",
    "||",
    "<",
    ">",
    ">>",
    "(",
    ")",
    "$",
    "$(calc)",
    ";",
    "#",
    "@",
    "\t",
    "\n",
    "\r\n",
    "\xE2\x80\x98",
    "\xE2\x80\x99",
    "\xE2\x80\x9A",
    "\xE2\x80\x9B",
    "\xE2\x80\x9C",
    "\xE2\x80\x9D",
    "\xC3\xA9",
    "\xE4\xB8\xAD",
    "\x01",
    "\x7F",
    "\xC2\x85",
    "\xE2\x80\xA8",
    "\\\\",
    "Dana Admin",
    "O'Brien",
    "x\\",
    "-",
    "/G",
    "*",
    "${env:x}",
    "{",
    "}",
    "--%",
};

std::string random_text(std::mt19937& rng, int max_pieces) {
    std::uniform_int_distribution<int> count(1, max_pieces);
    std::uniform_int_distribution<std::size_t> pick(0, kHostilePieces.size() - 1);
    std::string out;
    for (int i = count(rng); i > 0; --i)
        out += kHostilePieces[pick(rng)];
    return out;
}

std::string cmd_specials(const std::string& line) {
    std::string out;
    bool quoted = false;
    for (char c : line) {
        if (c == '"') quoted = !quoted;
        if (c == '%' || c == '!' ||
            (!quoted && std::string_view("&|<>^()\r\n").find(c) != std::string_view::npos))
            out += c;
    }
    if (quoted) out += "<unbalanced>";
    return out;
}

std::vector<std::string> crt_split(const std::string& line) {
    std::vector<std::string> args;
    std::string cur;
    bool in_arg = false, quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '\\') {
            std::size_t n = 0;
            while (i + n < line.size() && line[i + n] == '\\')
                ++n;
            if (i + n < line.size() && line[i + n] == '"') {
                cur.append(n / 2, '\\');
                if (n % 2) {
                    cur += '"';
                    i += n;  // the quote is literal
                } else {
                    i += n - 1;  // the quote is processed next
                }
            } else {
                cur.append(n, '\\');
                i += n - 1;
            }
            in_arg = true;
        } else if (c == '"') {
            quoted = !quoted;
            in_arg = true;
        } else if ((c == ' ' || c == '\t') && !quoted) {
            if (in_arg) args.push_back(cur);
            cur.clear();
            in_arg = false;
        } else {
            cur += c;
            in_arg = true;
        }
    }
    if (in_arg) args.push_back(cur);
    return args;
}

bool ps_quote_at(const std::string& s, std::size_t i, std::size_t& len) {
    if (s[i] == '\'') {
        len = 1;
        return true;
    }
    for (const char* q : {"\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9A", "\xE2\x80\x9B"}) {
        if (s.compare(i, 3, q) == 0) {
            len = 3;
            return true;
        }
    }
    return false;
}

std::vector<std::string> ps_tokens(const std::string& line, std::string& specials) {
    std::vector<std::string> args;
    std::string cur;
    bool in_arg = false;
    for (std::size_t i = 0; i < line.size();) {
        std::size_t qlen = 0;
        if (ps_quote_at(line, i, qlen)) {
            i += qlen;
            in_arg = true;
            for (;;) {
                if (i >= line.size()) {
                    specials += "<unterminated>";
                    break;
                }
                std::size_t q2 = 0;
                if (ps_quote_at(line, i, q2)) {
                    std::size_t q3 = 0;
                    if (i + q2 < line.size() && ps_quote_at(line, i + q2, q3)) {
                        cur += line.substr(i, q2);  // doubled: one literal quote
                        i += q2 + q3;
                        continue;
                    }
                    i += q2;
                    break;
                }
                cur += line[i++];
            }
            continue;
        }
        const char c = line[i];
        if (c == ' ' || c == '\t') {
            if (in_arg) args.push_back(cur);
            cur.clear();
            in_arg = false;
            ++i;
            continue;
        }
        if (std::string_view("$`;&|(){}@\"\r\n").find(c) != std::string_view::npos) specials += c;
        cur += c;
        in_arg = true;
        ++i;
    }
    if (in_arg) args.push_back(cur);
    return args;
}

std::vector<std::string> ps_native_args(const std::vector<std::string>& ps_args) {
    std::string line;
    for (const auto& a : ps_args) {
        if (!line.empty()) line += ' ';
        const bool wrap = a.empty() || a.find_first_of(" \t") != std::string::npos;
        line += wrap ? "\"" + a + "\"" : a;
    }
    return crt_split(line);
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto eol = text.find('\n', pos);
        if (eol == std::string::npos) eol = text.size();
        out.push_back(text.substr(pos, eol - pos));
        pos = eol + 1;
    }
    return out;
}

std::string fold_quotes(std::string s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        std::size_t len = 0;
        if (ps_quote_at(s, i, len)) {
            out += '\'';
            i += len;
        } else {
            out += s[i++];
        }
    }
    return out;
}

shell_run run_shell(const std::string& cmd, const std::string& out_file) {
    const int status = std::system((cmd + " >" + shell_quote(out_file) + " 2>&1").c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out_file)};
}

std::string find_pwsh() {
    if (const char* p = std::getenv("CSX_PWSH"); p && *p) return p;
    if (std::system("command -v pwsh >/dev/null 2>&1") == 0) return "pwsh";
    if (const char* home = std::getenv("HOME")) {
        const std::filesystem::path tool =
            std::filesystem::path(home) / ".dotnet" / "tools" / "pwsh";
        if (std::filesystem::exists(tool)) return tool.string();
    }
    return {};
}

const char* const kArgvPrinter = R"ps(#!/bin/sh
LC_ALL=C
export LC_ALL
for a in "$@"; do printf '%d:%s|' "${#a}" "$a"; done
printf '\n'
)ps";

std::vector<std::string> parse_argv_line(const std::string& line) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < line.size()) {
        const auto colon = line.find(':', i);
        if (colon == std::string::npos) break;
        const std::size_t n = std::stoul(line.substr(i, colon - i));
        out.push_back(line.substr(colon + 1, n));
        i = colon + 1 + n + 1;  // the '|'
    }
    return out;
}

}  // namespace csx::test
