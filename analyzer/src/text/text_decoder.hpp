// text_decoder: turns input bytes in any accepted encoding into UTF-8, chunk by chunk.
//
// XML inputs are decoded by libxml2 itself; this is for the JSON, LDIF and dsacls readers, for
// sniffing, and for the line tap's excerpts of XML. UTF-8 is validated (util/utf8) and UTF-16
// decoded by hand: both are exact and cheaper than a conversion; a code page (windows-1252,
// cp850 ...) goes through glibc iconv (converter), the tables libxml2 uses too.
// The decoder keeps an incomplete trailing code unit / sequence between chunks, strips a BOM,
// and reports the first invalid sequence (odd-length UTF-16 at the end, lone surrogates,
// invalid UTF-8, a byte that is no character of the code page: 0x81 in windows-1252) with its
// byte offset instead of guessing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "text/converter.hpp"
#include "text/encoding.hpp"

namespace csx::text {

class text_decoder {
public:
    // stop: the first invalid sequence ends decoding (an input). replace: a byte that is no
    // character of a code page becomes U+FFFD and decoding goes on (a sample being sniffed;
    // UTF-8 and UTF-16 still stop).
    enum class on_invalid { stop, replace };

    explicit text_decoder(encoding enc, on_invalid mode = on_invalid::stop);

    // Appends the UTF-8 form of `bytes` to `out`. Returns false at the first invalid sequence
    // (then error() says what and where); what was decoded before it is in `out`.
    bool decode(std::string_view bytes, std::string& out);
    // Call after the last chunk: a dangling partial sequence is an error (truncated file).
    bool finish();

    const std::optional<std::string>& error() const { return error_; }

private:
    bool fail(std::string msg);
    bool decode_utf8(std::string_view bytes, std::string& out);
    bool decode_utf16(std::string_view bytes, std::string& out);
    bool decode_code_page(std::string_view bytes, std::string& out);

    encoding enc_;
    on_invalid mode_;
    std::optional<converter> converter_;  // code pages only
    std::string pending_;                 // incomplete unit(s) carried to the next chunk
    std::uint64_t offset_ = 0;
    bool bom_checked_ = false;
    std::uint32_t high_surrogate_ = 0;
    std::optional<std::string> error_;
};

// Best-effort UTF-8 rendering of a sample: bytes that are no character of a code page become
// U+FFFD; UTF-8 / UTF-16 stop at the first invalid sequence. For sniffing only.
std::string decode_sample(std::string_view bytes, encoding enc);

}  // namespace csx::text
