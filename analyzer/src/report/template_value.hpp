// template_value: the data a report template is rendered from: null, a boolean, text, a list
// or an object (ordered keys). Built by report_model, redacted by redactor, rendered by
// text_template. `raw` marks text that is already markup of the output format (the SVG
// charts): only `{{{name}}}` may emit it, and only such text may be emitted unescaped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace csx::report {

class template_value {
public:
    enum class kind { null, boolean, text, list, object };

    template_value() = default;
    template_value(bool b) : kind_(kind::boolean), flag_(b) {}  // NOLINT: implicit by design
    template_value(std::string s) : kind_(kind::text), text_(std::move(s)) {}  // NOLINT
    template_value(const char* s) : kind_(kind::text), text_(s) {}             // NOLINT
    template_value(std::int64_t n);                                            // NOLINT: as text
    template_value(int n) : template_value(static_cast<std::int64_t>(n)) {}    // NOLINT

    static template_value list();
    static template_value object();
    static template_value markup(std::string s);  // raw text (see above)
    // Text, or null when empty (templates test presence with {{#name}}).
    static template_value text_or_null(std::string s);

    kind type() const { return kind_; }
    bool is_raw() const { return raw_; }
    bool flag() const { return flag_; }
    const std::string& text() const { return text_; }
    std::string& text() { return text_; }
    const std::vector<template_value>& items() const { return items_; }
    std::vector<template_value>& items() { return items_; }
    const std::vector<std::string>& keys() const { return keys_; }

    // Mustache truthiness: null, false, "" and [] are false.
    bool truthy() const;

    // list: appends and returns the new element.
    template_value& push(template_value v);
    // object: sets (replacing) and returns the value.
    template_value& set(std::string_view key, template_value v);
    // object: the value of `key`, or nullptr.
    const template_value* find(std::string_view key) const;

private:
    kind kind_ = kind::null;
    bool flag_ = false;
    bool raw_ = false;
    std::string text_;
    std::vector<std::string> keys_;      // object keys, parallel to items_
    std::vector<template_value> items_;  // list elements or object values
};

}  // namespace csx::report
