// sax_handler: the events a csx input handler receives from sax_parser.
//
// Names are local names (namespace prefixes dropped: CLIXML and DSML use default namespaces).
// A name's data() pointer is interned by the parser for its whole life: equal names have
// equal pointers, so handlers may cache lookups by pointer (see name_table).
// Text may arrive in several characters() calls for one text node.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace csx::xml {

// The attributes of one start tag, as libxml2 hands them over (5 pointers per attribute).
// `fixed`, when given, holds per attribute a corrected value (non-empty `has_fix`): libxml2
// without entity substitution delivers "&amp;" in attribute values as "&#38;" (for its tree
// builder to re-parse); sax_parser undoes that so handlers always see the real text.
class attributes {
public:
    attributes(const unsigned char** raw, int count, const std::string* fixed = nullptr,
               const unsigned char* has_fix = nullptr)
        : raw_(raw), count_(count), fixed_(fixed), has_fix_(has_fix) {}

    int size() const { return count_; }
    std::string_view name(int i) const;
    std::string_view value(int i) const;
    // The value of the attribute with this local name, or an empty view.
    std::string_view get(std::string_view local_name) const;

private:
    const unsigned char** raw_;
    int count_;
    const std::string* fixed_;
    const unsigned char* has_fix_;
};

class sax_handler {
public:
    virtual ~sax_handler() = default;
    virtual void start_element(std::string_view name, const attributes& attrs) = 0;
    virtual void end_element(std::string_view name) = 0;
    virtual void characters(std::string_view text) = 0;
};

}  // namespace csx::xml
