// text_template: the report skeletons under reports/templates/, a small Mustache subset.
//
//   {{name}}  {{a.b}}  {{.}}     text, escaped by the output format's default escaper
//   {{name | filter}}            text, escaped by a named escaper of the format (e.g. md `cell`)
//   {{{name}}}                   markup (template_value::markup) emitted as is; anything else
//                                there is refused, so data can never reach the output unescaped
//   {{#name}} ... {{/name}}      a list: once per element; an object: once inside it; other
//                                truthy values: once; null/false/""/[]: not at all
//   {{^name}} ... {{/name}}      once when `name` is not truthy
//   {{! comment }}
//
// A section, inverted, closing or comment tag alone on its line takes the line with it, so
// templates can be indented and line-structured (Markdown) without stray blank lines.
// A name missing from every enclosing context is a template bug: render() throws, naming the
// template and line (the example-report test renders every template over every demo tenant).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "report/template_value.hpp"

namespace csx::report {

using escaper = std::function<std::string(std::string_view)>;

struct escapers {
    escaper fallback;                        // for {{name}}
    std::map<std::string, escaper> filters;  // for {{name | filter}}
};

class text_template {
public:
    // Throws internal_error (with `source` and line) for an unbalanced or malformed template.
    static text_template parse(std::string_view text, std::string source);

    std::string render(const template_value& data, const escapers& esc) const;

    struct node {
        enum class type { text, var, markup, section, inverted };
        type t = type::text;
        std::string text;  // literal text, or the name
        std::string filter;
        int line = 0;
        std::vector<node> children;
    };

private:
    std::string source_;
    std::vector<node> nodes_;
};

}  // namespace csx::report
