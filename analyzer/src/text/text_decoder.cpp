#include "text/text_decoder.hpp"

#include <fmt/format.h>

#include "util/utf8.hpp"

namespace csx::text {

text_decoder::text_decoder(encoding enc, on_invalid mode) : enc_(enc), mode_(mode) {
    if (!enc_.is_code_page()) return;
    const std::string name = iconv_name(enc_);
    if (converter::available(name))
        converter_.emplace(name);
    else
        error_ = fmt::format("this system's iconv does not convert {} to UTF-8", to_string(enc_));
}

std::string decode_sample(std::string_view bytes, encoding enc) {
    std::string out;
    text_decoder d(enc, text_decoder::on_invalid::replace);
    // Keep what decoded: a sample may legitimately end mid-sequence or be partly invalid.
    d.decode(bytes, out);
    return out;
}

bool text_decoder::fail(std::string msg) {
    if (!error_) error_ = std::move(msg);
    return false;
}

bool text_decoder::decode(std::string_view bytes, std::string& out) {
    if (error_) return false;
    std::string joined;
    if (!pending_.empty()) {
        joined = pending_;
        joined.append(bytes);
        pending_.clear();
        bytes = joined;
    }
    if (!bom_checked_) {
        const std::string_view bom = enc_ == encoding::utf8_bom  ? "\xEF\xBB\xBF"
                                     : enc_ == encoding::utf16le ? "\xFF\xFE"
                                     : enc_ == encoding::utf16be ? "\xFE\xFF"
                                                                 : "";
        if (bytes.size() < bom.size()) {
            pending_.assign(bytes);
            return true;
        }
        bom_checked_ = true;
        if (!bom.empty() && bytes.starts_with(bom)) {
            bytes.remove_prefix(bom.size());
            offset_ += bom.size();
        }
    }
    switch (enc_.kind) {
        case encoding::form::utf8:
        case encoding::form::utf8_bom:
            return decode_utf8(bytes, out);
        case encoding::form::utf16le:
        case encoding::form::utf16be:
            return decode_utf16(bytes, out);
        case encoding::form::code_page:
            return decode_code_page(bytes, out);
    }
    return true;
}

bool text_decoder::decode_utf8(std::string_view bytes, std::string& out) {
    const std::size_t valid = utf8::valid_prefix(bytes);
    out.append(bytes.substr(0, valid));
    offset_ += valid;
    const std::string_view rest = bytes.substr(valid);
    if (rest.empty() || utf8::truncated_sequence(rest)) {
        pending_.assign(rest);
        return true;
    }
    return fail(fmt::format("invalid UTF-8 byte 0x{:02X} at byte offset {}",
                            static_cast<unsigned char>(rest[0]), offset_));
}

bool text_decoder::decode_utf16(std::string_view bytes, std::string& out) {
    const bool le = enc_ == encoding::utf16le;
    std::size_t i = 0;
    for (; i + 1 < bytes.size(); i += 2) {
        auto b0 = static_cast<unsigned char>(bytes[i]);
        auto b1 = static_cast<unsigned char>(bytes[i + 1]);
        std::uint32_t unit = le ? (b0 | (b1 << 8)) : ((b0 << 8) | b1);
        if (high_surrogate_) {
            if (unit < 0xDC00 || unit > 0xDFFF)
                return fail(
                    fmt::format("unpaired UTF-16 surrogate at byte offset {}", offset_ + i - 2));
            utf8::append(out, 0x10000 + ((high_surrogate_ - 0xD800) << 10) + (unit - 0xDC00));
            high_surrogate_ = 0;
        } else if (unit >= 0xD800 && unit <= 0xDBFF) {
            high_surrogate_ = unit;
        } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
            return fail(fmt::format("unpaired UTF-16 surrogate at byte offset {}", offset_ + i));
        } else {
            utf8::append(out, unit);
        }
    }
    offset_ += i;
    pending_.assign(bytes.substr(i));
    return true;
}

bool text_decoder::decode_code_page(std::string_view bytes, std::string& out) {
    while (!bytes.empty()) {
        const converter::result r = converter_->convert(bytes, out);
        offset_ += r.consumed;
        bytes.remove_prefix(r.consumed);
        if (r.why == converter::stop::done) break;
        if (r.why == converter::stop::incomplete) {
            pending_.assign(bytes);
            break;
        }
        if (mode_ == on_invalid::stop)
            return fail(fmt::format("byte 0x{:02X} at byte offset {} is no character in {}",
                                    static_cast<unsigned char>(bytes[0]), offset_,
                                    to_string(enc_)));
        utf8::append(out, 0xFFFD);
        converter_->reset();
        bytes.remove_prefix(1);
        ++offset_;
    }
    return true;
}

bool text_decoder::finish() {
    if (error_) return false;
    if (!pending_.empty()) {
        if (enc_.is_utf16())
            return fail(
                fmt::format("odd number of bytes in UTF-16 text (the file ends mid-character at "
                            "byte offset {})",
                            offset_));
        if (enc_.is_code_page())
            return fail(fmt::format("the file ends inside a {} character at byte offset {}",
                                    to_string(enc_), offset_));
        return fail(
            fmt::format("the file ends inside a UTF-8 sequence at byte offset {}", offset_));
    }
    if (high_surrogate_) return fail("the file ends after an unpaired UTF-16 surrogate");
    return true;
}

}  // namespace csx::text
