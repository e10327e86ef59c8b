#include "rules/rule_loader.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "util/embedded.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace csx::rules {

namespace fs = std::filesystem;

namespace {

bool valid_id(std::string_view id) {
    if (id.empty() || id.front() == '-' || id.back() == '-') return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

std::string stem(std::string_view path) {
    auto slash = path.find_last_of('/');
    auto name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    auto dot = name.find('.');
    return std::string(name.substr(0, dot));
}

std::string read_all(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    if (!f) throw rule_error(fmt::format("{}: cannot read", p.string()));
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

}  // namespace

rule parse_rule(std::string_view text, const std::string& source) {
    rule r;
    r.source = source;
    static const char* kKnown[] = {"id",      "title",    "severity", "category",
                                   "summary", "fallback", "verify"};
    std::map<std::string, std::string> seen;
    std::size_t pos = 0;
    int line = 0;
    std::size_t body_start = std::string_view::npos;
    while (pos <= text.size()) {
        const std::size_t eol = std::min(text.find('\n', pos), text.size());
        std::string_view l = text::trim(text.substr(pos, eol - pos));
        ++line;
        if (l.starts_with("--")) {
            std::string_view kv = text::trim(l.substr(2));
            const auto colon = kv.find(':');
            if (colon != std::string_view::npos && !kv.empty() && kv.front() != ' ') {
                std::string key(text::trim(kv.substr(0, colon)));
                const bool plain_key =
                    !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
                        return (c >= 'a' && c <= 'z') || c == '-' || c == '_';
                    });
                if (plain_key && body_start == std::string_view::npos) {
                    if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown)) {
                        throw rule_error(fmt::format(
                            "{}:{}: unknown header key '{}' (expected one of: id, title, severity, "
                            "category, summary, fallback, verify)",
                            source, line, key));
                    }
                    if (seen.count(key))
                        throw rule_error(
                            fmt::format("{}:{}: header key '{}' given twice", source, line, key));
                    seen[key] = std::string(text::trim(kv.substr(colon + 1)));
                }
            }
        } else if (!l.empty() && body_start == std::string_view::npos) {
            body_start = pos;
            r.sql_line = line;
        }
        if (eol >= text.size()) break;
        pos = eol + 1;
    }
    for (const char* k : {"id", "title", "severity", "category", "summary"}) {
        if (!seen.count(k) || seen[k].empty())
            throw rule_error(fmt::format("{}:1: missing header '-- {}: ...'", source, k));
    }
    r.id = seen["id"];
    if (!valid_id(r.id))
        throw rule_error(fmt::format("{}:1: id '{}' must be lower-case letters, digits and dashes",
                                     source, r.id));
    if (stem(source) != r.id)
        throw rule_error(fmt::format("{}:1: id '{}' does not match the file name '{}.sql'", source,
                                     r.id, stem(source)));
    r.title = seen["title"];
    r.category = seen["category"];
    r.summary = seen["summary"];
    auto sev = parse_severity(seen["severity"]);
    if (!sev)
        throw rule_error(
            fmt::format("{}:1: severity '{}' is not one of info, low, medium, high, critical",
                        source, seen["severity"]));
    r.level = *sev;
    if (seen.count("fallback")) {
        if (seen["fallback"] != "true" && seen["fallback"] != "false")
            throw rule_error(fmt::format("{}:1: fallback must be true or false", source));
        r.fallback = seen["fallback"] == "true";
    }
    if (seen.count("verify")) {
        if (seen["verify"] == "adminsdholder")
            r.verify = verify_mode::adminsdholder;
        else if (seen["verify"] == "inheritance")
            r.verify = verify_mode::inheritance;
        else
            throw rule_error(
                fmt::format("{}:1: verify must be adminsdholder or inheritance", source));
    }
    if (body_start == std::string_view::npos)
        throw rule_error(fmt::format("{}:{}: no SQL after the header", source, line));
    // Without its final semicolon, so the engine can wrap it as a subquery (tenant filter).
    std::string_view body = text.substr(body_start);
    while (!body.empty() &&
           (std::isspace(static_cast<unsigned char>(body.back())) || body.back() == ';'))
        body.remove_suffix(1);
    r.sql = std::string(body);
    return r;
}

std::vector<rule> builtin_rules() {
    std::vector<rule> out;
    std::map<std::string, std::string_view> fixes;
    for (const auto& f : embedded::rules()) {
        if (f.path.ends_with(".fix.md")) fixes[stem(f.path)] = f.content;
    }
    for (const auto& f : embedded::rules()) {
        if (!f.path.ends_with(".sql")) continue;
        rule r = parse_rule(f.content, "builtin:analyzer/rules/" + std::string(f.path));
        if (auto it = fixes.find(r.id); it != fixes.end()) {
            r.fix_text = std::string(it->second);
            r.fix_source = "builtin:analyzer/rules/" +
                           std::string(f.path.substr(0, f.path.size() - 4)) + ".fix.md";
        }
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<rule> load_rule_dir(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw rule_error(fmt::format("{}: not a folder of rules", dir));
    std::vector<fs::path> files;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".sql") files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    std::vector<rule> out;
    for (const auto& p : files) {
        rule r = parse_rule(read_all(p), p.string());
        fs::path fix = p;
        fix.replace_extension(".fix.md");
        if (fs::exists(fix)) {
            r.fix_text = read_all(fix);
            r.fix_source = fix.string();
        }
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<rule> load_rules(const std::string& dir) {
    std::vector<rule> all = builtin_rules();
    if (!dir.empty()) {
        for (auto& r : load_rule_dir(dir)) {
            auto same =
                std::find_if(all.begin(), all.end(), [&](const rule& b) { return b.id == r.id; });
            if (same != all.end()) {
                *same = std::move(r);
            } else {
                all.push_back(std::move(r));
            }
        }
    }
    std::sort(all.begin(), all.end(), [](const rule& a, const rule& b) { return a.id < b.id; });
    for (std::size_t i = 1; i < all.size(); ++i) {
        if (all[i].id == all[i - 1].id)
            throw rule_error(fmt::format("{}: rule id '{}' is also defined in {}", all[i].source,
                                         all[i].id, all[i - 1].source));
    }
    return all;
}

}  // namespace csx::rules
