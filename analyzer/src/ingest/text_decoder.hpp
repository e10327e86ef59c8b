// text_decoder: turns input bytes in any accepted encoding into UTF-8, chunk by chunk.
//
// XML inputs are decoded by libxml2 itself; this is for the JSON reader and for sniffing.
// The decoder keeps an incomplete trailing code unit / sequence between chunks, strips a BOM,
// and reports the first invalid sequence (odd-length UTF-16 at the end, lone surrogates,
// invalid UTF-8) with its byte offset instead of guessing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/input_kind.hpp"

namespace csx::ingest {

// True when `b` is valid UTF-8; an incomplete sequence at the very end is tolerated unless
// `complete` says `b` is the whole file.
bool valid_utf8_prefix(std::string_view b, bool complete);

// Best-effort UTF-8 rendering of a sample (invalid units become U+FFFD); for sniffing only.
std::string decode_sample(std::string_view bytes, text_encoding enc);

class text_decoder {
public:
    explicit text_decoder(text_encoding enc) : enc_(enc) {}

    // Appends the UTF-8 form of `bytes` to `out`. Returns false at the first invalid sequence
    // (then error() says what and where); what was decoded before it is in `out`.
    bool decode(std::string_view bytes, std::string& out);
    // Call after the last chunk: a dangling partial sequence is an error (truncated file).
    bool finish();

    const std::optional<std::string>& error() const { return error_; }

private:
    bool fail(std::string msg);
    void append_utf8(std::uint32_t cp, std::string& out);

    text_encoding enc_;
    std::string pending_;  // incomplete unit(s) carried to the next chunk
    std::uint64_t offset_ = 0;
    bool bom_checked_ = false;
    std::uint32_t high_surrogate_ = 0;
    std::optional<std::string> error_;
};

}  // namespace csx::ingest
