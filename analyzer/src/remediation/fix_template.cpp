#include "remediation/fix_template.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"

namespace csx::remediation {

namespace {

bool valid_name(std::string_view n) {
    return !n.empty() && std::all_of(n.begin(), n.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

// Splits a line into pieces, tracking quotes for the block's language.
std::vector<piece> scan(std::string_view line, const std::string& lang, const std::string& source,
                        int line_no) {
    std::vector<piece> out;
    std::string lit;
    bool dq = false, sq = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '{' && i + 1 < line.size() && line[i + 1] == '{') {
            lit += '{';
            ++i;
            continue;
        }
        if (c == '}' && i + 1 < line.size() && line[i + 1] == '}') {
            lit += '}';
            ++i;
            continue;
        }
        if (c == '{') {
            const auto close = line.find('}', i);
            if (close == std::string_view::npos)
                throw rule_error(fmt::format(
                    "{}:{}: '{{' without '}}' (write {{{{ for a literal brace)", source, line_no));
            std::string name(line.substr(i + 1, close - i - 1));
            if (!valid_name(name))
                throw rule_error(
                    fmt::format("{}:{}: placeholder '{{{}}}' must be a lower-case column name",
                                source, line_no, name));
            if (!lit.empty()) out.push_back({false, std::move(lit), value_context::text});
            lit.clear();
            value_context where = value_context::text;
            if (lang == "cmd")
                where = !dq  ? value_context::bare
                        : sq ? value_context::cmd_double_quoted_ps_single
                             : value_context::cmd_double_quoted;
            else if (lang == "powershell")
                where = sq   ? value_context::ps_single_quoted
                        : dq ? value_context::ps_double_quoted
                             : value_context::bare;
            // At the start of an argument: after a space (or the line start), or right after
            // a quote that opens one.
            const auto before = [&](std::size_t back) { return i >= back ? line[i - back] : ' '; };
            const bool blank1 = before(1) == ' ' || before(1) == '\t';
            const bool opens = (before(1) == '"' || before(1) == '\'') &&
                               (before(2) == ' ' || before(2) == '\t' || before(2) == '(');
            out.push_back(
                {true, std::move(name), where, where != value_context::text && (blank1 || opens)});
            i = close;
            continue;
        }
        if (c == '}')
            throw rule_error(fmt::format(
                "{}:{}: '}}' without '{{' (write }}}} for a literal brace)", source, line_no));
        if (lang == "cmd" && c == '"') {
            dq = !dq;
            sq = false;
        }
        if (lang == "cmd" && c == '\'' && dq)
            sq = !sq;  // a PowerShell string inside powershell -Command "..."

        if (lang == "powershell") {
            if (c == '\'' && !dq) {
                if (sq && i + 1 < line.size() && line[i + 1] == '\'') {
                    lit += "''";
                    ++i;
                    continue;
                }
                sq = !sq;
            } else if (c == '"' && !sq) {
                dq = !dq;
            }
        }
        lit += c;
    }
    if (!lit.empty()) out.push_back({false, std::move(lit), value_context::text});
    return out;
}

}  // namespace

fix_template parse_fix_template(const std::string& text, const std::string& source) {
    fix_template t;
    t.source = source;
    std::vector<std::string> lines;
    {
        std::size_t pos = 0;
        while (pos <= text.size()) {
            auto eol = text.find('\n', pos);
            if (eol == std::string::npos) eol = text.size();
            lines.emplace_back(std::string_view(text).substr(pos, eol - pos));
            if (!lines.back().empty() && lines.back().back() == '\r') lines.back().pop_back();
            if (eol >= text.size()) break;
            pos = eol + 1;
        }
    }
    std::size_t i = 0;
    if (!lines.empty() && text::trim(lines[0]) == "---") {
        for (i = 1; i < lines.size() && text::trim(lines[i]) != "---"; ++i) {
            std::string_view l = text::trim(lines[i]);
            if (l.empty()) continue;
            const auto colon = l.find(':');
            if (colon == std::string_view::npos)
                throw rule_error(
                    fmt::format("{}:{}: expected 'key: value' in the front matter", source, i + 1));
            const std::string key(text::trim(l.substr(0, colon)));
            const std::string value(text::trim(l.substr(colon + 1)));
            if (key == "expand") {
                const auto in = value.find(" in ");
                if (in == std::string::npos)
                    throw rule_error(fmt::format(
                        "{}:{}: expected 'expand: <name> in <list column>'", source, i + 1));
                t.expand_var = std::string(text::trim(std::string_view(value).substr(0, in)));
                t.expand_column = std::string(text::trim(std::string_view(value).substr(in + 4)));
                if (!valid_name(t.expand_var) || !valid_name(t.expand_column))
                    throw rule_error(fmt::format(
                        "{}:{}: expand names must be lower-case column names", source, i + 1));
            } else if (key.starts_with("missing.") && valid_name(key.substr(8))) {
                t.missing[key.substr(8)] = value;
            } else if (key.starts_with("grammar.") && valid_name(key.substr(8))) {
                const auto g = parse_value_grammar(value);
                if (!g)
                    throw rule_error(
                        fmt::format("{}:{}: grammar must be ldap-name or account, not '{}'", source,
                                    i + 1, value));
                t.grammar[key.substr(8)] = *g;
            } else {
                throw rule_error(fmt::format(
                    "{}:{}: unknown front-matter key '{}' (expected expand, missing.<name> or "
                    "grammar.<name>)",
                    source, i + 1, key));
            }
        }
        if (i >= lines.size())
            throw rule_error(fmt::format("{}:1: front matter not closed with ---", source));
        ++i;
    }
    template_section intro;
    intro.kind = section_kind::intro;
    intro.line = static_cast<int>(i + 1);
    t.sections.push_back(std::move(intro));
    for (; i < lines.size(); ++i) {
        std::string_view l = lines[i];
        const int line_no = static_cast<int>(i + 1);
        if (l.starts_with("```")) {
            code_block b;
            b.lang = std::string(text::trim(l.substr(3)));
            b.line = line_no;
            if (b.lang != "cmd" && b.lang != "powershell" && b.lang != "text")
                throw rule_error(fmt::format(
                    "{}:{}: code block language must be cmd, powershell or text, not '{}'", source,
                    line_no, b.lang));
            for (++i; i < lines.size() && !std::string_view(lines[i]).starts_with("```"); ++i)
                b.lines.push_back(lines[i]);
            if (i >= lines.size())
                throw rule_error(fmt::format("{}:{}: code block not closed", source, line_no));
            t.sections.back().blocks.push_back(std::move(b));
            continue;
        }
        if (l.starts_with("## ")) {
            std::string_view h = text::trim(l.substr(3));
            const auto colon = h.find(':');
            std::string_view kind = colon == std::string_view::npos
                                        ? std::string_view()
                                        : text::trim(h.substr(0, colon));
            template_section s;
            s.line = line_no;
            if (const auto ifpos = kind.find(" if "); ifpos != std::string_view::npos) {
                s.condition = std::string(text::trim(kind.substr(ifpos + 4)));
                kind = text::trim(kind.substr(0, ifpos));
                if (!valid_name(s.condition))
                    throw rule_error(
                        fmt::format("{}:{}: condition '{}' must be a lower-case column name",
                                    source, line_no, s.condition));
            }
            s.title = colon == std::string_view::npos
                          ? std::string()
                          : std::string(text::trim(h.substr(colon + 1)));
            if (kind == "step")
                s.kind = section_kind::step;
            else if (kind == "verify")
                s.kind = section_kind::verify;
            else if (kind == "rollback")
                s.kind = section_kind::rollback;
            else if (kind == "note")
                s.kind = section_kind::note;
            else
                throw rule_error(
                    fmt::format("{}:{}: section headings are '## step: ...', '## verify: ...', "
                                "'## rollback: ...' or '## note: ...'",
                                source, line_no));
            t.sections.push_back(std::move(s));
            continue;
        }
        if (l.starts_with("# ") && t.sections.size() == 1 && t.sections[0].text.empty())
            continue;  // the title
        t.sections.back().text.emplace_back(l);
    }
    // Split every line into pieces once (this also validates the placeholder syntax).
    for (auto& s : t.sections) {
        s.title_pieces = scan(s.title, "text", source, s.line);
        for (std::size_t k = 0; k < s.text.size(); ++k)
            s.text_pieces.push_back(
                scan(s.text[k], "text", source, s.line + static_cast<int>(k) + 1));
        for (auto& b : s.blocks)
            for (std::size_t k = 0; k < b.lines.size(); ++k)
                b.pieces.push_back(
                    scan(b.lines[k], b.lang, source, b.line + static_cast<int>(k) + 1));
    }
    return t;
}

std::set<std::string> placeholders(const fix_template& t) {
    std::set<std::string> out;
    for (const auto& s : t.sections) {
        if (!s.condition.empty()) out.insert(s.condition);
        for (const auto& pieces : s.text_pieces)
            for (const auto& p : pieces)
                if (p.is_placeholder) out.insert(p.text);
        for (const auto& p : s.title_pieces)
            if (p.is_placeholder) out.insert(p.text);
        for (const auto& b : s.blocks)
            for (const auto& pieces : b.pieces)
                for (const auto& p : pieces)
                    if (p.is_placeholder) out.insert(p.text);
    }
    return out;
}

std::vector<std::string> check_template(const fix_template& t) {
    std::vector<std::string> problems;
    bool has_cmd = false, has_ps = false;
    for (const auto& s : t.sections) {
        for (const auto& b : s.blocks) {
            has_cmd = has_cmd || b.lang == "cmd";
            has_ps = has_ps || b.lang == "powershell";
            for (std::size_t k = 0; k < b.lines.size(); ++k) {
                for (const auto& p : b.pieces[k]) {
                    if (!p.is_placeholder) continue;
                    if (p.where == value_context::ps_double_quoted)
                        problems.push_back(
                            fmt::format("{}:{}: {{{}}} inside a PowerShell double-quoted string",
                                        t.source, b.line + static_cast<int>(k) + 1, p.text));
                    if (p.where == value_context::bare)
                        problems.push_back(fmt::format(
                            "{}:{}: {{{}}} outside quotes in a {} command: quote it", t.source,
                            b.line + static_cast<int>(k) + 1, p.text, b.lang));
                }
            }
        }
        if ((s.kind == section_kind::step || s.kind == section_kind::verify ||
             s.kind == section_kind::rollback) &&
            has_cmd != has_ps) {
            problems.push_back(
                fmt::format("{}:{}: step '{}' needs both a cmd and a powershell block", t.source,
                            s.line, s.title));
        }
        has_cmd = has_ps = false;
    }
    return problems;
}

namespace {

// cmd lines: the C runtime reads N backslashes before a quote as N/2 backslashes (and an
// escaped quote when N is odd): a value ending in backslashes before the closing quote would
// lose them or swallow the quote. Doubled, they arrive as written (values never contain a
// quote, so every quote here is the template's).
std::string crt_backslashes(const std::string& line) {
    std::string escaped;
    escaped.reserve(line.size() + 8);
    for (std::size_t k = 0; k < line.size(); ++k) {
        if (line[k] != '\\') {
            escaped += line[k];
            continue;
        }
        std::size_t run = 0;
        while (k + run < line.size() && line[k + run] == '\\')
            ++run;
        const bool before_quote = k + run < line.size() && line[k + run] == '"';
        escaped.append(before_quote ? 2 * run : run, '\\');
        k += run - 1;
    }
    return escaped;
}

// PowerShell lines: Windows PowerShell 5.1 wraps an argument with a space in "..." for the
// native program without escaping a trailing backslash, so the C runtime would read it as an
// escaped quote: a quoted string may not end in a backslash. A quote: ' or one of the
// typographic ones PowerShell also takes (U+2018-B).
bool ps_argument_ends_in_backslash(const std::string& line) {
    for (std::size_t k = 1, next = 1; k < line.size(); k = next) {
        const std::uint32_t cp = utf8::decode(line, next);
        const bool quote = cp == '\'' || (cp >= 0x2018 && cp <= 0x201B);
        if (quote && line[k - 1] == '\\' && (next >= line.size() || line[next] == ' ')) return true;
    }
    return false;
}

}  // namespace

rendered_fix render(const fix_template& t, const std::map<std::string, std::string>& values,
                    const std::vector<std::string>& expansion, shell sh) {
    rendered_fix out;
    const std::string lang = std::string(to_string(sh));
    std::set<std::string> missing_seen;
    auto value_of = [&](const std::string& name, const std::string* expanded) -> std::string {
        if (expanded && name == t.expand_var) return *expanded;
        auto it = values.find(name);
        return it == values.end() ? std::string() : it->second;
    };
    auto note_missing = [&](const std::string& name) {
        if (!missing_seen.insert(name).second) return;
        auto it = t.missing.find(name);
        out.missing_notes.push_back(
            it != t.missing.end()
                ? fmt::format("<{}>: {}", name, it->second)
                : fmt::format("<{}>: the ingested files hold no value for it; fill it in by hand",
                              name));
    };
    // Text: placeholders replaced by sanitised values.
    auto render_text = [&](const std::vector<line_pieces>& lines, const std::string* expanded) {
        std::string text;
        for (const auto& pieces : lines) {
            for (const auto& p : pieces) {
                if (!p.is_placeholder) {
                    text += p.text;
                    continue;
                }
                std::string v = value_of(p.text, expanded);
                if (v.empty()) {
                    note_missing(p.text);
                    v = "<" + p.text + ">";
                }
                text += sanitize_text(v);
            }
            text += '\n';
        }
        while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
            text.pop_back();
        while (!text.empty() && text.front() == '\n')
            text.erase(0, 1);
        return text;
    };
    // A block: every placeholder checked for its quoting context; one unsafe value withholds
    // the whole block (a half-pasted snippet is worse than none).
    auto render_block = [&](const code_block& b, const std::string* expanded) {
        rendered_block rb;
        rb.lang = b.lang;
        for (const auto& pieces : b.pieces) {
            std::string line;
            for (const auto& p : pieces) {
                if (!p.is_placeholder) {
                    line += p.text;
                    continue;
                }
                if (auto r = values.find(std::string(kRefusedPrefix) + p.text); r != values.end()) {
                    rb.refusal = fmt::format("{{{}}} is refused: {}", p.text, r->second);
                    rb.text.clear();
                    return rb;
                }
                std::string v = value_of(p.text, expanded);
                if (v.empty()) {
                    note_missing(p.text);
                    v = "<" + p.text + ">";
                    if (p.where == value_context::bare) {
                        rb.refusal =
                            fmt::format("no value for {{{}}} in the ingested files", p.text);
                        return rb;
                    }
                    line += v;
                    continue;
                }
                if (p.arg_start && (v.front() == '-' || v.front() == '/')) {
                    rb.refusal = fmt::format(
                        "the value for {{{}}} starts with '{}', which the program would read as "
                        "an option",
                        p.text, v.front());
                    rb.text.clear();
                    return rb;
                }
                if (auto g = t.grammar.find(p.text); g != t.grammar.end()) {
                    if (auto why = grammar_violation(g->second, v)) {
                        rb.refusal = fmt::format("the value for {{{}}} cannot be used safely: {}",
                                                 p.text, *why);
                        rb.text.clear();
                        return rb;
                    }
                }
                placed q = place(v, p.where);
                if (!q.ok()) {
                    rb.refusal = fmt::format("the value for {{{}}} cannot be used safely: {}",
                                             p.text, q.refusal);
                    rb.text.clear();
                    return rb;
                }
                line += q.text;
            }
            if (b.lang == "cmd") {
                line = crt_backslashes(line);
            } else if (b.lang == "powershell") {
                if (ps_argument_ends_in_backslash(line)) {
                    rb.refusal =
                        "an argument would end in a backslash, which Windows PowerShell "
                        "passes to the program in a way that swallows its closing quote";
                    rb.text.clear();
                    return rb;
                }
            }
            rb.text += line;
            rb.text += '\n';
        }
        while (!rb.text.empty() && rb.text.back() == '\n')
            rb.text.pop_back();
        return rb;
    };

    std::vector<const std::string*> instances;
    if (t.expand_var.empty() || expansion.empty()) {
        instances.push_back(nullptr);
    } else {
        for (const auto& e : expansion)
            instances.push_back(&e);
    }
    const std::string empty;
    for (std::size_t si = 0; si < t.sections.size(); ++si) {
        const auto& s = t.sections[si];
        if (!s.condition.empty()) {
            auto it = values.find(s.condition);
            if (it == values.end() || it->second.empty() || it->second == "0") continue;
        }
        rendered_section rs;
        rs.index = si;
        rs.kind = s.kind;
        // Prose names every expanded value at once ("a, b"); commands get one each.
        std::string all_expanded;
        for (const auto& e : expansion)
            all_expanded += (all_expanded.empty() ? "" : ", ") + e;
        const std::string* prose_expansion = t.expand_var.empty() ? nullptr : &all_expanded;
        rs.title = render_text({s.title_pieces}, prose_expansion);
        rs.text = render_text(s.text_pieces, prose_expansion);
        for (const auto* inst : instances) {
            const std::string* expanded = inst ? inst : (t.expand_var.empty() ? nullptr : &empty);
            for (const auto& b : s.blocks) {
                if (b.lang != lang && b.lang != "text") continue;
                rendered_block rb = render_block(b, expanded);
                const bool dup =
                    std::any_of(rs.blocks.begin(), rs.blocks.end(), [&](const rendered_block& o) {
                        return o.text == rb.text && o.refusal == rb.refusal;
                    });
                if (!dup) rs.blocks.push_back(std::move(rb));
            }
        }
        if (s.kind == section_kind::intro && rs.text.empty() && rs.blocks.empty()) continue;
        out.sections.push_back(std::move(rs));
    }
    return out;
}

}  // namespace csx::remediation
