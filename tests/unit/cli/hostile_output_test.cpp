// The hostile-values corpus (corpus/hostile-values: names built to break out of commands,
// markup and terminals, each payload running `csx-canary` if a shell ever interprets it) through
// every output csx has: triage in all four formats, fix, and the report in Markdown and HTML,
// for both shells. Every command-shaped line, wherever it is printed, keeps the data inside a
// quoted argument (cmd.exe hand model; PowerShell by real pwsh, which runs the printed
// PowerShell with the native tools replaced by argv printers); no format carries terminal
// escapes, bidi or zero-width characters, or live HTML from a dump.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include <sys/wait.h>

#include "output_checks.hpp"
#include "shell_model.hpp"
#include "store/db.hpp"
#include "store/statement.hpp"
#include "test_support.hpp"

using namespace csx;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kCanary = "csx-canary";

struct output {
    std::string what;   // "triage text cmd hostile" ...
    std::string shell;  // cmd | powershell
    std::string text;
    std::vector<std::string> commands;  // the command-shaped lines of the output
};

// Lines inside ```cmd / ```powershell fences (Markdown).
std::vector<std::string> fenced(const std::string& md) {
    std::vector<std::string> out;
    bool in = false, command = false;
    for (const auto& line : test::split_lines(md)) {
        if (line.rfind("```", 0) == 0) {
            if (!in) {
                const std::string lang = line.substr(3);
                command = lang == "cmd" || lang == "powershell" || lang == "bat" || lang == "ps1";
            }
            in = !in;
            continue;
        }
        if (in && command) out.push_back(line);
    }
    return out;
}

std::string html_unescape(std::string s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        bool done = false;
        for (auto [ent, ch] :
             {std::pair{"&amp;", '&'}, std::pair{"&lt;", '<'}, std::pair{"&gt;", '>'},
              std::pair{"&quot;", '"'}, std::pair{"&#39;", '\''}}) {
            const std::string_view e(ent);
            if (s.compare(i, e.size(), e) == 0) {
                out += ch;
                i += e.size();
                done = true;
                break;
            }
        }
        if (!done) out += s[i++];
    }
    return out;
}

// The text without its tags (HTML), entities left as they are.
std::string strip_tags(const std::string& html) {
    std::string out;
    for (std::size_t i = 0; i < html.size(); ++i) {
        if (html[i] == '<') {
            i = html.find('>', i);
            if (i == std::string::npos) break;
            continue;
        }
        out += html[i];
    }
    return out;
}

// The lines of every <pre class="command"> block (HTML).
std::vector<std::string> html_commands(const std::string& html) {
    std::vector<std::string> out;
    constexpr std::string_view open = "<pre class=\"command\">";
    for (auto p = html.find(open); p != std::string::npos; p = html.find(open, p + 1)) {
        const auto end = html.find("</pre>", p);
        REQUIRE(end != std::string::npos);
        // Tags inside (none today) would not be part of the command.
        const std::string plain = strip_tags(html.substr(p + open.size(), end - p - open.size()));
        for (auto& l : test::split_lines(html_unescape(plain)))
            out.push_back(l);
    }
    return out;
}

// Lines under "fix (...):", "verify:" and "rollback:" in the text triage (indented four spaces).
std::vector<std::string> text_commands(const std::string& txt) {
    std::vector<std::string> out;
    bool in = false;
    for (const auto& line : test::split_lines(txt)) {
        if (line.rfind("  fix (", 0) == 0 || line == "  verify:" || line == "  rollback:") {
            in = true;
            continue;
        }
        if (in && line.rfind("    ", 0) == 0) {
            out.push_back(line.substr(4));
            continue;
        }
        in = false;
    }
    return out;
}

// Every line of a fix script that is not a comment.
std::vector<std::string> script_commands(const std::string& script, const std::string& shell) {
    std::vector<std::string> out;
    for (const auto& line : test::split_lines(script)) {
        if (line.empty()) continue;
        if (shell == "cmd" ? line.rfind("REM", 0) == 0 : line.rfind("#", 0) == 0) continue;
        out.push_back(line);
    }
    return out;
}

// RFC 4180 CSV: the fields named `columns`, every record.
std::vector<std::string> csv_fields(const std::string& csv, const std::set<std::string>& columns) {
    const auto records = test::parse_csv(csv);
    REQUIRE_FALSE(records.empty());
    const auto& header = records.front();
    std::vector<std::string> out;
    for (std::size_t r = 1; r < records.size(); ++r) {
        REQUIRE(records[r].size() == header.size());
        for (std::size_t k = 0; k < header.size(); ++k)
            if (columns.count(header[k]))
                for (auto& l : test::split_lines(records[r][k]))
                    if (!l.empty()) out.push_back(l);
    }
    return out;
}

std::vector<std::string> json_commands(const std::string& json) {
    auto m = store::db::open(":memory:", store::open_mode::memory);
    auto st = m.prepare(
        "SELECT c.value FROM json_each(?1, '$.findings') AS f, "
        "json_each(f.value, '$.remediation.commands') AS c UNION ALL "
        "SELECT c.value FROM json_each(?1, '$.findings') AS f, "
        "json_each(f.value, '$.remediation.verify') AS c UNION ALL "
        "SELECT c.value FROM json_each(?1, '$.findings') AS f, "
        "json_each(f.value, '$.remediation.rollback') AS c");
    st.bind(1, json);
    std::vector<std::string> out;
    while (st.step())
        for (auto& l : test::split_lines(st.column_text(0)))
            out.push_back(l);
    return out;
}

// The value as it stands inside a PowerShell single-quoted string: each single quote (and
// typographic look-alike) doubled.
std::string ps_doubled(const std::string& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size();) {
        std::size_t q = 0;
        if (test::ps_quote_at(v, i, q)) {
            out += v.substr(i, q) + v.substr(i, q);
            i += q;
        } else {
            out += v[i++];
        }
    }
    return out;
}

// Where each occurrence of the canary stands in a cmd.exe line: inside "..." or not.
bool cmd_canary_quoted(const std::string& line) {
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '"') quoted = !quoted;
        if (line.compare(i, kCanary.size(), kCanary) == 0 && !quoted) return false;
    }
    return true;
}

// PowerShell: inside a single-quoted (verbatim) string. A double-quoted string expands $(...)
// and backticks, so data there is not safe either.
bool ps_canary_quoted(const std::string& line) {
    bool single = false;
    for (std::size_t i = 0; i < line.size();) {
        std::size_t q = 0;
        if (test::ps_quote_at(line, i, q)) {
            std::size_t q2 = 0;
            if (single && i + q < line.size() && test::ps_quote_at(line, i + q, q2)) {
                i += q + q2;  // doubled quote: a literal
                continue;
            }
            single = !single;
            i += q;
            continue;
        }
        if (line.compare(i, kCanary.size(), kCanary) == 0 && !single) return false;
        ++i;
    }
    return !single;
}

// cmd.exe would expand % and ! anywhere: only the template's own variables may appear.
std::string cmd_live(std::string line) {
    for (std::string_view var : {"%ProgramFiles%", "%RANDOM%"})
        for (auto p = line.find(var); p != std::string::npos; p = line.find(var))
            line.erase(p, var.size());
    std::string live;
    for (char c : test::cmd_specials(line))
        if (c == '%' || c == '!' || c == '<') live += c;  // '<' of "<unbalanced>"
    return live;
}

std::string lower(std::string s) {
    for (auto& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

struct corpus_outputs {
    test::temp_dir dir;
    std::string db;
    std::vector<output> outputs;
    std::vector<std::string> values;  // the hostile values as the dumps hold them
};

const corpus_outputs& hostile_outputs() {
    static corpus_outputs o;
    static const bool ready = [] {
        o.db = "--db " + test::shell_quote(o.dir.file("h.sqlite"));
        const auto ing =
            test::run_csx("ingest -q " + o.db + " corpus/hostile-values", test::source_path(""));
        REQUIRE(ing.exit_code == 0);
        for (const std::string tenant : {"hostile", "hostile2"}) {
            for (const std::string sh : {"cmd", "powershell"}) {
                const std::string common = " --tenant " + tenant + " --shell " + sh + " " + o.db;
                for (const std::string fmt : {"text", "json", "csv", "md"}) {
                    const auto r = test::run_csx("triage --format " + fmt + common);
                    REQUIRE(r.exit_code == 0);
                    o.outputs.push_back({"triage " + fmt + " " + sh + " " + tenant, sh, r.out, {}});
                }
                const auto fix = test::run_csx("fix" + common);
                REQUIRE(fix.exit_code == 0);
                o.outputs.push_back({"fix " + sh + " " + tenant, sh, fix.out, {}});
                for (const std::string fmt : {"md", "html"}) {
                    const auto r = test::run_csx("report --format " + fmt + common);
                    REQUIRE(r.exit_code == 0);
                    o.outputs.push_back({"report " + fmt + " " + sh + " " + tenant, sh, r.out, {}});
                }
            }
        }
        for (auto& out : o.outputs) {
            if (out.what.rfind("fix", 0) == 0)
                out.commands = script_commands(out.text, out.shell);
            else if (out.what.rfind("triage text", 0) == 0)
                out.commands = text_commands(out.text);
            else if (out.what.rfind("triage json", 0) == 0)
                out.commands = json_commands(out.text);
            else if (out.what.rfind("triage csv", 0) == 0)
                out.commands = csv_fields(out.text, {"commands", "verify", "rollback"});
            else if (out.what.find(" md ") != std::string::npos)
                out.commands = fenced(out.text);
            else
                out.commands = html_commands(out.text);
        }
        auto d = store::db::open(o.dir.file("h.sqlite"), store::open_mode::read_only);
        auto st = d.prepare(
            "SELECT cs_dn FROM cs_object WHERE cs_dn LIKE '%csx-canary%' UNION "
            "SELECT value FROM provisioning_error WHERE value LIKE '%csx-canary%' UNION "
            "SELECT address FROM v_address WHERE address LIKE '%csx-canary%' UNION "
            "SELECT lower(substr(value, 6)) FROM provisioning_error WHERE value LIKE "
            "'smtp:%csx-canary%' UNION "
            "SELECT user_principal_name FROM cloud_object WHERE user_principal_name LIKE "
            "'%csx-canary%'");
        while (st.step())
            o.values.push_back(st.column_text(0));
        return true;
    }();
    REQUIRE(ready);
    return o;
}

}  // namespace

TEST_CASE("hostile values: every command line of every format keeps the data quoted",
          "[hostile][remediation]") {
    const auto& c = hostile_outputs();
    REQUIRE(c.outputs.size() == 28);
    REQUIRE(c.values.size() >= 10);
    int lines = 0, with_data = 0;
    for (const auto& o : c.outputs) {
        CAPTURE(o.what);
        CHECK_FALSE(o.commands.empty());
        for (const auto& line : o.commands) {
            CAPTURE(line);
            ++lines;
            const bool has = line.find(kCanary) != std::string::npos;
            with_data += has;
            if (o.shell == "cmd") {
                CHECK(cmd_live(line).empty());
                CHECK(cmd_canary_quoted(line));
                // Each argument holding data holds a whole value, never a piece of one.
                if (has) {
                    for (const auto& arg : test::crt_split(line)) {
                        if (arg.find(kCanary) == std::string::npos) continue;
                        // A PowerShell command run from cmd carries the value with its single
                        // quotes doubled for PowerShell (pwsh then checks what arrives).
                        bool whole = false;
                        for (const auto& v : c.values)
                            whole = whole || arg.find(v) != std::string::npos ||
                                    arg.find(ps_doubled(v)) != std::string::npos;
                        CHECK(whole);
                    }
                }
                // The PowerShell a cmd line runs: its data is quoted for PowerShell too.
                const auto args = test::crt_split(line);
                if (args.size() > 2 && lower(args[0]) == "powershell") {
                    std::string inner;
                    for (std::size_t k = 1; k < args.size(); ++k) {
                        if (args[k - 1] != "-Command") continue;
                        for (std::size_t j = k; j < args.size(); ++j)
                            inner += (j > k ? " " : "") + args[j];
                    }
                    CHECK(ps_canary_quoted(inner));
                }
            } else {
                CHECK(ps_canary_quoted(line));
            }
        }
        // Prose never quotes a command with data in it (a rollback, a "run this" in a note):
        // a line naming a tool and holding data must be one of the command lines. (JSON and
        // CSV carry the same notes as the text output, checked there.)
        if (o.what.find(" json ") != std::string::npos || o.what.find(" csv ") != std::string::npos)
            continue;
        const std::set<std::string> cmds(o.commands.begin(), o.commands.end());
        const std::string prose =
            o.what.find(" html ") != std::string::npos ? html_unescape(strip_tags(o.text)) : o.text;
        for (auto line : test::split_lines(prose)) {
            line.erase(0, line.find_first_not_of(' ') == std::string::npos
                              ? 0
                              : line.find_first_not_of(' '));
            if (line.find(kCanary) == std::string::npos || cmds.count(line)) continue;
            for (std::string_view tool :
                 {"dsacls \"", "dsacls '", "dsquery *", "ldifde -", "csexport.exe\"",
                  "Get-ADObject -", "Set-Acl ", "powershell -"}) {
                CAPTURE(line, tool);
                CHECK(line.find(tool) == std::string::npos);
            }
        }
    }
    CHECK(lines > 300);
    CHECK(with_data >= 8);  // the data does reach commands (quoted), so the checks bite
    WARN(lines << " command lines in " << c.outputs.size() << " outputs, " << with_data
               << " holding hostile data");
}

TEST_CASE("hostile values: no output carries terminal escapes, invisible characters or live HTML",
          "[hostile][report]") {
    const auto& c = hostile_outputs();
    for (const auto& o : c.outputs) {
        CAPTURE(o.what);
        CHECK(test::invisible_chars(o.text) == std::vector<std::string>{});
        if (o.what.find(" md ") != std::string::npos) {
            // Markdown passes inline HTML through: outside code blocks, none may be live.
            CHECK(test::live_tags(test::md_outside_fences(o.text)) == std::vector<std::string>{});
        }
        if (o.what.find(" html ") != std::string::npos) {
            const std::string l = lower(o.text);
            CHECK(l.find("<script") == std::string::npos);
            CHECK(l.find("<img") == std::string::npos);
            CHECK(l.find("<svg onload") == std::string::npos);
        }
    }
}

TEST_CASE("hostile values: real PowerShell runs what csx printed and never runs the payload",
          "[hostile][powershell]") {
    // The PowerShell fix scripts and the PowerShell that cmd lines hand to powershell.exe, run
    // by pwsh under 'Legacy' (Windows PowerShell 5.1's argument passing) and 'Windows'. Native
    // tools print their argv; any other command is a stub that prints its name; csx-canary
    // (and calc) are native programs that leave a mark if anything ever runs them.
    const std::string pwsh = test::find_pwsh();
    INFO("pwsh is installed by .ci/install-deps (dotnet tool install --global PowerShell)");
    REQUIRE_FALSE(pwsh.empty());
    const auto& c = hostile_outputs();
    std::string script;
    for (const auto& o : c.outputs) {
        if (o.what.rfind("fix ", 0) != 0) continue;
        if (o.shell == "powershell") {
            script += o.text + "\n";
            continue;
        }
        for (const auto& line : o.commands) {
            const auto args = test::crt_split(line);
            if (args.size() < 3 || lower(args[0]) != "powershell") continue;
            std::string inner;
            for (std::size_t k = 1; k < args.size(); ++k) {
                if (args[k - 1] != "-Command") continue;
                for (std::size_t j = k; j < args.size(); ++j)
                    inner += (j > k ? " " : "") + args[j];
            }
            script += inner + "\n";
        }
    }
    test::temp_dir td;
    const std::string bin = td.file("bin"), mark = td.file("canary-ran");
    const std::string csexport_dir = td.file("pf") + "/Microsoft Azure AD Sync/Bin";
    fs::create_directories(bin);
    fs::create_directories(csexport_dir);
    const std::string printer =
        "#!/bin/sh\nLC_ALL=C\nexport LC_ALL\nprintf 'argv:%s|' \"${0##*/}\"\n"
        "for a in \"$@\"; do printf '%d:%s|' \"${#a}\" \"$a\"; done\n"
        "printf '\\n'\n";
    for (const std::string tool : {"dsacls", "dsquery", "ldifde", "nltest", "repadmin"})
        test::write_file(bin + "/" + tool, printer);
    test::write_file(csexport_dir + "/csexport.exe", printer);
    for (const std::string payload : {"csx-canary", "calc"})
        test::write_file(bin + "/" + payload,
                         "#!/bin/sh\necho ran >> " + test::shell_quote(mark) + "\n");
    for (const auto& e : fs::directory_iterator(bin))
        fs::permissions(e.path(), fs::perms::owner_all);
    fs::permissions(csexport_dir + "/csexport.exe", fs::perms::owner_all);
    // Any command PowerShell cannot find (the ADSync and ActiveDirectory cmdlets, Graph ...)
    // becomes a stub that prints its name.
    const std::string prelude =
        "$ExecutionContext.InvokeCommand.CommandNotFoundAction = {\n"
        "  param($Name, $EventArgs)\n"
        "  $n = $Name\n"
        "  $EventArgs.CommandScriptBlock = { \"stub:$n\" }.GetNewClosure()\n"
        "  $EventArgs.StopSearch = $true\n"
        "}\n"
        "$env:ProgramFiles = '" +
        td.file("pf") +
        "'\n"
        "$PSStyle.OutputRendering = 'PlainText'\n";
    for (const char* mode : {"Legacy", "Windows"}) {
        CAPTURE(mode);
        const std::string ps1 = td.file(std::string(mode) + ".ps1");
        test::write_file(ps1, "\xEF\xBB\xBF$PSNativeCommandArgumentPassing = '" +
                                  std::string(mode) + "'\n" + prelude + script);
        const auto r = test::run_shell(
            "cd " + test::shell_quote(td.path().string()) + " && PATH=" + test::shell_quote(bin) +
                ":\"$PATH\" " + test::shell_quote(pwsh) + " -NoProfile -NonInteractive -File " +
                test::shell_quote(ps1),
            td.file(std::string(mode) + ".out"));
        INFO(r.out.substr(0, 4000));
        CHECK_FALSE(fs::exists(mark));
        int native = 0, with_data = 0;
        for (const auto& line : test::split_lines(r.out)) {
            if (line.rfind("argv:", 0) != 0) continue;
            ++native;
            const auto args = test::parse_argv_line(line.substr(line.find('|') + 1));
            for (const auto& arg : args) {
                if (arg.find(kCanary) == std::string::npos) continue;
                ++with_data;
                bool whole = false;
                for (const auto& v : c.values)
                    whole = whole || arg.find(v) != std::string::npos;
                CAPTURE(arg);
                CHECK(whole);
            }
        }
        CHECK(native >= 10);
        CHECK(with_data >= 2);
        WARN(mode << ": " << native << " native calls, " << with_data
                  << " arguments carried hostile data intact; the payload never ran");
    }
}
