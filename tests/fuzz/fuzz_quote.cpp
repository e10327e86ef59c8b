// libFuzzer harness: values from a dump placed into commands. The input is split at NUL bytes
// into a DN, an account and an attribute; for both shells the rendered command must either be
// withheld with a reason or keep every value inside its quotes: outside the template's own
// quotes nothing a shell interprets may appear, and cmd must find no % or ! at all.
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "remediation/fix_template.hpp"

namespace {

using namespace csx::remediation;

const char* const kTemplate = R"(---
---
## step: grant
```cmd
dsacls "CN=AdminSDHolder,CN=System,{domain_dn}" /G "{principal}:WP;{attribute}"
powershell -NoProfile -Command "Get-ADObject -Identity '{object_dn}'"
```
```powershell
dsacls 'CN=AdminSDHolder,CN=System,{domain_dn}' /G '{principal}:WP;{attribute}'
Get-ADObject -Identity '{object_dn}'
```
)";

bool ps_quote_at(std::string_view s, std::size_t i, std::size_t& len) {
    if (s[i] == '\'') {
        len = 1;
        return true;
    }
    if (s.size() - i >= 3 && static_cast<unsigned char>(s[i]) == 0xE2 &&
        static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) >= 0x98 &&
        static_cast<unsigned char>(s[i + 2]) <= 0x9B) {
        len = 3;
        return true;
    }
    return false;
}

void check_cmd(std::string_view line) {
    bool quoted = false;
    for (char c : line) {
        if (c == '"') quoted = !quoted;
        if (c == '%' || c == '!' || c == '\n' || c == '\r' || c == '\0') std::abort();
        if (!quoted && std::string_view("&|<>^").find(c) != std::string_view::npos) std::abort();
    }
    if (quoted) std::abort();
}

void check_ps(std::string_view line) {
    for (std::size_t i = 0; i < line.size();) {
        std::size_t q = 0;
        if (ps_quote_at(line, i, q)) {
            i += q;
            for (;;) {
                if (i >= line.size()) std::abort();  // unterminated string
                std::size_t q2 = 0, q3 = 0;
                if (ps_quote_at(line, i, q2)) {
                    if (i + q2 < line.size() && ps_quote_at(line, i + q2, q3)) {
                        i += q2 + q3;
                        continue;
                    }
                    i += q2;
                    break;
                }
                if (line[i] == '\n' || line[i] == '\r' || line[i] == '"') std::abort();
                ++i;
            }
            continue;
        }
        if (std::string_view("$`;&|(){}@\"\r\n").find(line[i]) != std::string_view::npos)
            std::abort();
        ++i;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const fix_template t = parse_fix_template(kTemplate, "fuzz");
    std::vector<std::string> parts(3);
    std::size_t k = 0;
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] == 0 && k < 2) {
            ++k;
            continue;
        }
        parts[k] += static_cast<char>(data[i]);
    }
    const std::map<std::string, std::string> values = {{"domain_dn", "DC=" + parts[0]},
                                                       {"object_dn", "CN=" + parts[0]},
                                                       {"principal", parts[1]},
                                                       {"attribute", parts[2]}};
    for (shell sh : {shell::cmd, shell::powershell}) {
        const auto r = render(t, values, {}, sh);
        for (const auto& s : r.sections) {
            for (const auto& b : s.blocks) {
                if (b.withheld()) {
                    if (b.refusal.empty() || !b.text.empty()) std::abort();
                    continue;
                }
                std::size_t pos = 0;
                while (pos <= b.text.size()) {
                    auto eol = b.text.find('\n', pos);
                    if (eol == std::string::npos) eol = b.text.size();
                    const std::string_view line(b.text.data() + pos, eol - pos);
                    // The second cmd line runs PowerShell inside cmd's quotes: check cmd only.
                    if (sh == shell::cmd)
                        check_cmd(line);
                    else
                        check_ps(line);
                    pos = eol + 1;
                }
            }
        }
    }
    return 0;
}
