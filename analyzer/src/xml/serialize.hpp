// Re-serialising SAX events as XML text: how csx keeps elements it does not model (and the
// free-form parts of error details) verbatim instead of dropping them.
#pragma once

#include <string>
#include <string_view>

#include "xml/sax_handler.hpp"

namespace csx::xml {

void append_escaped(std::string& out, std::string_view text, bool in_attribute);
void append_start_tag(std::string& out, std::string_view name, const attributes& attrs);
void append_end_tag(std::string& out, std::string_view name);

}  // namespace csx::xml
