#include "xml/serialize.hpp"

namespace csx::xml {

void append_escaped(std::string& out, std::string_view text, bool in_attribute) {
    for (char c : text) {
        switch (c) {
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            case '"':
                if (in_attribute) {
                    out += "&quot;";
                } else {
                    out += c;
                }
                break;
            case '\n':
                if (in_attribute) {
                    out += "&#10;";
                } else {
                    out += c;
                }
                break;
            default:
                out += c;
        }
    }
}

void append_start_tag(std::string& out, std::string_view name, const attributes& attrs) {
    out += '<';
    out += name;
    for (int i = 0; i < attrs.size(); ++i) {
        out += ' ';
        out += attrs.name(i);
        out += "=\"";
        append_escaped(out, attrs.value(i), true);
        out += '"';
    }
    out += '>';
}

void append_end_tag(std::string& out, std::string_view name) {
    out += "</";
    out += name;
    out += '>';
}

}  // namespace csx::xml
