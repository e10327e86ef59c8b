#include "report/error_line.hpp"

#include <fmt/format.h>

namespace csx::report {

namespace {

// `text` begins with the word(s) `type`, not merely with the same letters.
bool begins_with_type(std::string_view text, std::string_view type) {
    if (type.empty() || !text.starts_with(type)) return false;
    if (text.size() == type.size()) return true;
    const char next = text[type.size()];
    return next == ' ' || next == ':' || next == ',' || next == ';';
}

}  // namespace

std::string error_line(const rules::finding& f, std::string_view separator) {
    std::string out = f.error_code ? fmt::format("{} ", *f.error_code) : std::string();
    if (!f.error_type.empty() && !begins_with_type(f.error_text, f.error_type)) {
        out += f.error_type;
        out += separator;
    }
    out += f.error_text;
    return out;
}

}  // namespace csx::report
