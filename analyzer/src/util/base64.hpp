// Base64 (RFC 4648, standard alphabet) decoding of values read from dumps.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace csx::base64 {

// The decoded bytes; whitespace (line breaks of wrapped LDIF values) is skipped; padding is
// optional. nullopt for any other character or an impossible length.
std::optional<std::string> decode(std::string_view in);

}  // namespace csx::base64
