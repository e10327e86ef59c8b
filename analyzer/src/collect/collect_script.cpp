#include "collect/collect_script.hpp"

#include <cctype>

#include <fmt/format.h>

#include "util/embedded.hpp"
#include "util/error.hpp"
#include "util/utf8.hpp"

namespace csx::collect {

std::optional<std::string> ps_literal(std::string_view value, std::string& why) {
    if (!utf8::valid(value)) {
        why = "it is not valid UTF-8";
        return std::nullopt;
    }
    std::string out = "'";
    for (std::size_t i = 0; i < value.size();) {
        const std::size_t start = i;
        const std::uint32_t cp = utf8::decode(value, i);
        if (utf8::is_control(cp)) {
            why = fmt::format(
                "it holds the control character U+{:04X} (a line break would end "
                "the string in the pasted script)",
                cp);
            return std::nullopt;
        }
        if (utf8::is_format(cp)) {
            why = fmt::format(
                "it holds the invisible format character U+{:04X} (the script "
                "would display otherwise than it runs)",
                cp);
            return std::nullopt;
        }
        const std::string_view piece = value.substr(start, i - start);
        out += piece;
        // PowerShell ends a single-quoted string at ' and at its look-alikes U+2018-U+201B;
        // doubling any of them keeps it one literal character.
        if (cp == '\'' || (cp >= 0x2018 && cp <= 0x201B)) out += piece;
    }
    out += "'";
    return out;
}

std::string_view script_template() {
    for (const auto& f : embedded::collect())
        if (f.path == "collect.ps1") return f.content;
    throw std::logic_error("the collect script template is not compiled in");
}

namespace {

void replace_all(std::string& s, std::string_view what, std::string_view with) {
    for (std::size_t at = s.find(what); at != std::string::npos;
         at = s.find(what, at + with.size()))
        s.replace(at, what.size(), with);
}

}  // namespace

std::string render_script(const script_options& o) {
    if (o.days < 1 || o.days > 3650)
        throw usage_error(fmt::format("--days must be between 1 and 3650, not {}", o.days));
    std::string objects;
    for (const auto& dn : o.objects) {
        std::string why;
        auto lit = ps_literal(dn, why);
        if (!lit)
            throw usage_error(fmt::format("--object '{}' cannot be put in the script: {}",
                                          utf8::valid(dn) ? dn : "(not UTF-8)", why));
        // A DN starts with an attribute type and '=' (CN=, OU=, or an OID): never a leading / or
        // - that dsacls or ldifde would take for a switch.
        const auto eq = dn.find('=');
        const bool dn_like = eq != std::string::npos && eq > 0 &&
                             std::isalpha(static_cast<unsigned char>(dn[0])) &&
                             dn.substr(0, eq).find_first_not_of(
                                 "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                 "0123456789-.") == std::string::npos;
        if (!dn.empty() && !dn_like)
            throw usage_error(fmt::format(
                "--object '{}' is not a DN (it must start with an attribute type and '=', such as "
                "CN=)",
                dn));
        if (!dn.empty()) objects += (objects.empty() ? "" : ", ") + *lit;
    }
    std::string why;
    const auto version = ps_literal(CSX_VERSION, why);
    std::string s(script_template());
    // The version sits inside a comment and inside '...'; it is ours, never input.
    replace_all(s, "'{{CSX_VERSION}}'", *version);
    replace_all(s, "{{CSX_VERSION}}", CSX_VERSION);
    replace_all(s, "{{DAYS}}", std::to_string(o.days));
    replace_all(s, "{{FULL}}", o.full ? "$true" : "$false");
    replace_all(s, "{{OBJECTS}}", objects);
    if (s.find("{{") != std::string::npos)
        throw std::logic_error("the collect script template has a placeholder csx does not fill");
    return s;
}

}  // namespace csx::collect
