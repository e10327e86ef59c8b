// converter: the one owner of a glibc iconv conversion descriptor (iconv_t), from a code page
// to UTF-8.
//
// iconv_t is an opaque pointer whose "no descriptor" value is (iconv_t)-1, not NULL; the
// constructor turns that into an empty handle and throws, so a converter in hand always
// converts. iconv_close is called in exactly one place, the handle's deleter.
//
// convert() appends to a std::string and reports how far it got: iconv's EILSEQ (bytes that
// are no character in the page) and EINVAL (a multi-byte character cut by the end of the
// input) are results, not errors, so a chunked caller can carry the cut bytes to the next
// chunk and name the offset of bad ones. Cost: one iconv() call per chunk, table-driven.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "util/c_handle.hpp"

namespace csx::text {

class converter {
public:
    // Throws csx::error when iconv does not know `from_code` (an iconv name: "CP850").
    explicit converter(const std::string& from_code);

    // Whether this system's iconv converts `from_code` to UTF-8.
    static bool available(const std::string& from_code);

    enum class stop { done, invalid, incomplete };
    struct result {
        std::size_t consumed = 0;  // input bytes converted
        stop why = stop::done;     // invalid: in[consumed] starts no character of the page;
                                   // incomplete: in[consumed..] is the start of one, cut short
    };

    // Converts `in` to UTF-8, appended to `out`, until the end or the first byte that is not
    // a character of the page.
    result convert(std::string_view in, std::string& out);
    // Back to the initial shift state (for stateful pages; a no-op for the single-byte ones).
    void reset();

private:
    static int close(void* cd);
    c_handle<void, &converter::close> cd_;
};

}  // namespace csx::text
