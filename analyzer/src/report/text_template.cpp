#include "report/text_template.hpp"

#include <charconv>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/text.hpp"

namespace csx::report {

namespace {

struct token {
    enum class kind { text, var, markup, open, inverted, close, comment };
    kind k = kind::text;
    std::string text;  // literal, or the tag's name
    std::string filter;
    int line = 0;
};

bool valid_name(std::string_view n) {
    if (n.empty()) return false;
    if (n == ".") return true;
    for (char c : n)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.')) return false;
    return n.front() != '.' && n.back() != '.';
}

int line_at(std::string_view text, std::size_t pos) {
    int line = 1;
    for (std::size_t i = 0; i < pos && i < text.size(); ++i)
        if (text[i] == '\n') ++line;
    return line;
}

std::vector<token> tokenize(std::string_view text, const std::string& source) {
    std::vector<token> out;
    std::size_t pos = 0;
    auto fail = [&](std::size_t at, std::string_view what) {
        throw internal_error(fmt::format("{}:{}: {}", source, line_at(text, at), what));
    };
    while (pos < text.size()) {
        const std::size_t open = text.find("{{", pos);
        if (open == std::string_view::npos) {
            out.push_back({token::kind::text, std::string(text.substr(pos)), {}, 0});
            break;
        }
        if (open > pos)
            out.push_back({token::kind::text, std::string(text.substr(pos, open - pos)), {}, 0});
        const bool triple = text.substr(open, 3) == "{{{";
        const std::string_view closer = triple ? "}}}" : "}}";
        const std::size_t body = open + (triple ? 3 : 2);
        const std::size_t close = text.find(closer, body);
        if (close == std::string_view::npos) fail(open, "a tag is not closed");
        std::string_view inner = text::trim(text.substr(body, close - body));
        token t;
        t.line = line_at(text, open);
        if (triple) {
            t.k = token::kind::markup;
        } else if (!inner.empty() &&
                   (inner[0] == '#' || inner[0] == '^' || inner[0] == '/' || inner[0] == '!')) {
            t.k = inner[0] == '#'   ? token::kind::open
                  : inner[0] == '^' ? token::kind::inverted
                  : inner[0] == '/' ? token::kind::close
                                    : token::kind::comment;
            inner = text::trim(inner.substr(1));
        } else {
            t.k = token::kind::var;
        }
        if (t.k != token::kind::comment) {
            if (auto bar = inner.find('|'); bar != std::string_view::npos) {
                if (t.k != token::kind::var) fail(open, "only {{name | filter}} takes a filter");
                t.filter = std::string(text::trim(inner.substr(bar + 1)));
                inner = text::trim(inner.substr(0, bar));
                if (!valid_name(t.filter)) fail(open, "malformed filter name");
            }
            if (!valid_name(inner)) fail(open, fmt::format("malformed tag name '{}'", inner));
            t.text = std::string(inner);
        }
        out.push_back(std::move(t));
        pos = close + closer.size();
    }
    return out;
}

// A line holding only a section, inverted, closing or comment tag (and blanks) becomes just the
// tag: its indentation and line break disappear from the output. Done on lines before
// tokenizing, so consecutive tag lines all qualify.
std::string strip_standalone(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto eol = text.find('\n', pos);
        const bool has_nl = eol != std::string_view::npos;
        if (!has_nl) eol = text.size();
        const std::string_view line = text.substr(pos, eol - pos);
        const std::string_view body =
            text::trim(line.back() == '\r' ? line.substr(0, line.size() - 1) : line);
        const bool standalone = body.size() >= 5 && body.substr(0, 2) == "{{" &&
                                body.substr(body.size() - 2) == "}}" &&
                                std::string_view("#^/!").find(body[2]) != std::string_view::npos &&
                                body.find("{{", 2) == std::string_view::npos;
        // A comment over several lines, alone on its lines, is standalone as a whole.
        if (!standalone && body.substr(0, 3) == "{{!" &&
            body.find("}}") == std::string_view::npos) {
            const std::size_t close = text.find("}}", pos);
            if (close != std::string_view::npos) {
                auto close_eol = text.find('\n', close);
                const bool close_nl = close_eol != std::string_view::npos;
                if (!close_nl) close_eol = text.size();
                if (text::trim(text.substr(close + 2, close_eol - close - 2)).empty() ||
                    text.substr(close + 2, close_eol - close - 2) == "\r") {
                    out +=
                        text::trim(text.substr(pos, close + 2 - pos));  // newlines stay inside it
                    if (close_nl) out += "{{!\n}}";
                    pos = close_eol + (close_nl ? 1 : 0);
                    continue;
                }
            }
        }
        if (standalone) {
            out += body;
            // The line break moves into a comment: gone from the output, still counted for the
            // line numbers of messages.
            if (has_nl) out += "{{!\n}}";
        } else {
            out += line;
            if (has_nl) out += '\n';
        }
        pos = eol + (has_nl ? 1 : 0);
    }
    return out;
}

using node = text_template::node;

std::vector<node> build(const std::vector<token>& toks, std::size_t& i, const std::string& source,
                        const token* opener) {
    std::vector<node> out;
    while (i < toks.size()) {
        const token& t = toks[i++];
        switch (t.k) {
            case token::kind::text:
                if (!t.text.empty()) out.push_back({node::type::text, t.text, {}, t.line, {}});
                break;
            case token::kind::comment:
                break;
            case token::kind::var:
                out.push_back({node::type::var, t.text, t.filter, t.line, {}});
                break;
            case token::kind::markup:
                out.push_back({node::type::markup, t.text, {}, t.line, {}});
                break;
            case token::kind::open:
            case token::kind::inverted: {
                node n{t.k == token::kind::open ? node::type::section : node::type::inverted,
                       t.text,
                       {},
                       t.line,
                       {}};
                n.children = build(toks, i, source, &t);
                out.push_back(std::move(n));
                break;
            }
            case token::kind::close:
                if (!opener || opener->text != t.text)
                    throw internal_error(fmt::format("{}:{}: {{{{/{}}}}} closes nothing open",
                                                     source, t.line, t.text));
                return out;
        }
    }
    if (opener)
        throw internal_error(
            fmt::format("{}:{}: {{{{#{}}}}} is never closed", source, opener->line, opener->text));
    return out;
}

class renderer {
public:
    renderer(const std::string& source, const escapers& esc) : source_(source), esc_(esc) {}

    void run(const std::vector<node>& nodes, std::vector<const template_value*>& stack,
             std::string& out) const {
        for (const auto& n : nodes) {
            switch (n.t) {
                case node::type::text:
                    out += n.text;
                    break;
                case node::type::var:
                    out += text_of(n, lookup(n, stack));
                    break;
                case node::type::markup: {
                    const template_value& v = lookup(n, stack);
                    if (v.type() == template_value::kind::null) break;
                    if (!v.is_raw())
                        fail(n, fmt::format("{{{{{{{}}}}}}} is not markup: use {{{{{}}}}}", n.text,
                                            n.text));
                    out += v.text();
                    break;
                }
                case node::type::section: {
                    const template_value& v = lookup(n, stack);
                    if (!v.truthy()) break;
                    if (v.type() == template_value::kind::list) {
                        for (const auto& item : v.items()) {
                            stack.push_back(&item);
                            run(n.children, stack, out);
                            stack.pop_back();
                        }
                    } else if (v.type() == template_value::kind::object) {
                        stack.push_back(&v);
                        run(n.children, stack, out);
                        stack.pop_back();
                    } else {
                        run(n.children, stack, out);
                    }
                    break;
                }
                case node::type::inverted:
                    if (!lookup(n, stack).truthy()) run(n.children, stack, out);
                    break;
            }
        }
    }

private:
    [[noreturn]] void fail(const node& n, const std::string& what) const {
        throw internal_error(fmt::format("{}:{}: {}", source_, n.line, what));
    }

    const template_value& lookup(const node& n,
                                 const std::vector<const template_value*>& stack) const {
        if (n.text == ".") return *stack.back();
        std::vector<std::string_view> parts;
        for (std::string_view rest = n.text;;) {
            const auto dot = rest.find('.');
            parts.push_back(rest.substr(0, dot));
            if (dot == std::string_view::npos) break;
            rest.remove_prefix(dot + 1);
        }
        const template_value* v = nullptr;
        for (auto it = stack.rbegin(); it != stack.rend() && !v; ++it)
            v = (*it)->find(parts.front());
        for (std::size_t i = 1; v && i < parts.size(); ++i) {
            if (v->type() == template_value::kind::list) {
                // items.0: a list's element by position (e.g. "does the list have one").
                std::size_t index = 0;
                const auto [end, ec] =
                    std::from_chars(parts[i].data(), parts[i].data() + parts[i].size(), index);
                if (ec != std::errc{} || end != parts[i].data() + parts[i].size())
                    fail(n, fmt::format("'{}': a list takes a number", n.text));
                static const template_value absent;
                v = index < v->items().size() ? &v->items()[index] : &absent;
            } else {
                v = v->find(parts[i]);
            }
        }
        if (!v) fail(n, fmt::format("no value named '{}'", n.text));
        return *v;
    }

    std::string text_of(const node& n, const template_value& v) const {
        switch (v.type()) {
            case template_value::kind::null:
                return {};
            case template_value::kind::boolean:
                return v.flag() ? "true" : "false";
            case template_value::kind::text:
                break;
            default:
                fail(n, fmt::format("'{}' is a list or object, not text", n.text));
        }
        if (n.filter.empty()) return esc_.fallback(v.text());
        auto it = esc_.filters.find(n.filter);
        if (it == esc_.filters.end())
            fail(n, fmt::format("this format has no filter '{}'", n.filter));
        return it->second(v.text());
    }

    const std::string& source_;
    const escapers& esc_;
};

}  // namespace

text_template text_template::parse(std::string_view text, std::string source) {
    const auto toks = tokenize(strip_standalone(text), source);
    text_template t;
    t.source_ = std::move(source);
    std::size_t i = 0;
    t.nodes_ = build(toks, i, t.source_, nullptr);
    return t;
}

std::string text_template::render(const template_value& data, const escapers& esc) const {
    std::string out;
    std::vector<const template_value*> stack{&data};
    renderer(source_, esc).run(nodes_, stack, out);
    return out;
}

}  // namespace csx::report
