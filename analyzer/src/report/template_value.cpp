#include "report/template_value.hpp"

#include <fmt/format.h>

#include "util/error.hpp"

namespace csx::report {

template_value::template_value(std::int64_t n) : kind_(kind::text), text_(fmt::format("{}", n)) {}

template_value template_value::list() {
    template_value v;
    v.kind_ = kind::list;
    return v;
}

template_value template_value::object() {
    template_value v;
    v.kind_ = kind::object;
    return v;
}

template_value template_value::markup(std::string s) {
    template_value v(std::move(s));
    v.raw_ = true;
    return v;
}

template_value template_value::text_or_null(std::string s) {
    if (s.empty()) return {};
    return template_value(std::move(s));
}

bool template_value::truthy() const {
    switch (kind_) {
        case kind::null:
            return false;
        case kind::boolean:
            return flag_;
        case kind::text:
            return !text_.empty();
        case kind::list:
            return !items_.empty();
        case kind::object:
            return true;
    }
    return false;
}

template_value& template_value::push(template_value v) {
    if (kind_ != kind::list) throw internal_error("template_value::push on a non-list");
    items_.push_back(std::move(v));
    return items_.back();
}

template_value& template_value::set(std::string_view key, template_value v) {
    if (kind_ != kind::object) throw internal_error("template_value::set on a non-object");
    for (std::size_t i = 0; i < keys_.size(); ++i) {
        if (keys_[i] == key) {
            items_[i] = std::move(v);
            return items_[i];
        }
    }
    keys_.emplace_back(key);
    items_.push_back(std::move(v));
    return items_.back();
}

const template_value* template_value::find(std::string_view key) const {
    if (kind_ != kind::object) return nullptr;
    for (std::size_t i = 0; i < keys_.size(); ++i)
        if (keys_[i] == key) return &items_[i];
    return nullptr;
}

}  // namespace csx::report
