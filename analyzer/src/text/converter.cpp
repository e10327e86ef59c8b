#include "text/converter.hpp"

#include <cerrno>

#include <iconv.h>

#include <fmt/format.h>

#include "util/error.hpp"

namespace csx::text {

namespace {

iconv_t open_to_utf8(const std::string& from_code) {
    return iconv_open("UTF-8", from_code.c_str());
}

bool opened(iconv_t cd) {
    return cd != reinterpret_cast<iconv_t>(-1);
}

}  // namespace

int converter::close(void* cd) {
    return iconv_close(static_cast<iconv_t>(cd));
}

converter::converter(const std::string& from_code) {
    iconv_t cd = open_to_utf8(from_code);
    if (!opened(cd))
        throw error(fmt::format("this system's iconv cannot convert {} to UTF-8", from_code));
    cd_.reset(cd);
}

bool converter::available(const std::string& from_code) {
    iconv_t cd = open_to_utf8(from_code);
    if (!opened(cd)) return false;
    c_handle<void, &converter::close> owner(cd);
    return true;
}

converter::result converter::convert(std::string_view in, std::string& out) {
    result r;
    // A code page character is at most 4 bytes of UTF-8 (a BMP one at most 3) for every input
    // byte; room for the worst case means one iconv() call per chunk.
    const std::size_t start = out.size();
    out.resize(start + in.size() * 4 + 16);
    char* src = const_cast<char*>(in.data());  // iconv's prototype; it does not write there
    std::size_t src_left = in.size();
    char* dst = out.data() + start;
    std::size_t dst_left = out.size() - start;
    while (src_left > 0) {
        const std::size_t n = iconv(cd_.get(), &src, &src_left, &dst, &dst_left);
        if (n != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {  // not expected with the room above; grow and go on
            const std::size_t used = static_cast<std::size_t>(dst - out.data());
            out.resize(out.size() + src_left * 4 + 16);
            dst = out.data() + used;
            dst_left = out.size() - used;
            continue;
        }
        r.why = errno == EINVAL ? stop::incomplete : stop::invalid;
        break;
    }
    out.resize(static_cast<std::size_t>(dst - out.data()));
    r.consumed = in.size() - src_left;
    return r;
}

void converter::reset() {
    iconv(cd_.get(), nullptr, nullptr, nullptr, nullptr);
}

}  // namespace csx::text
