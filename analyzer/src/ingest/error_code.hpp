// Normalises a cd-error/error-code as written to one integer, so rules compare numbers:
//   "0x2098", "0X2098", "8344" -> 8344
//   HRESULT of a Win32 error ("0x80072098", facility 7) -> the Win32 code (8344)
//   negative decimal HRESULTs ("-2147016552") -> their unsigned 32-bit value (then as above)
//   other HRESULTs ("0x80230703") stay as they are (2149779203).
// Returns nullopt for text that is not a number; the raw text is always kept beside it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace csx::ingest {

std::optional<std::int64_t> normalize_error_code(std::string_view raw);

}  // namespace csx::ingest
