#include "text/encoding.hpp"

#include <charconv>

#include <fmt/format.h>

#include "text/converter.hpp"
#include "util/text.hpp"

namespace csx::text {

std::string to_string(encoding e) {
    switch (e.kind) {
        case encoding::form::utf8:
            return "utf-8";
        case encoding::form::utf8_bom:
            return "utf-8-bom";
        case encoding::form::utf16le:
            return "utf-16le";
        case encoding::form::utf16be:
            return "utf-16be";
        case encoding::form::code_page:
            break;
    }
    if (e.code_page >= 1250 && e.code_page <= 1258) return fmt::format("windows-{}", e.code_page);
    if (e.code_page >= 28591 && e.code_page <= 28599)
        return fmt::format("iso-8859-{}", e.code_page - 28590);
    return fmt::format("cp{}", e.code_page);
}

std::string iconv_name(encoding e) {
    if (e.code_page >= 1250 && e.code_page <= 1258) return fmt::format("WINDOWS-{}", e.code_page);
    if (e.code_page >= 28591 && e.code_page <= 28599)
        return fmt::format("ISO-8859-{}", e.code_page - 28590);
    return fmt::format("CP{}", e.code_page);
}

namespace {

std::optional<std::uint16_t> number_after(std::string_view name, std::string_view prefix) {
    if (!text::istarts_with(name, prefix)) return std::nullopt;
    name.remove_prefix(prefix.size());
    unsigned v = 0;
    const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), v);
    if (ec != std::errc() || end != name.data() + name.size() || v == 0 || v > 65535)
        return std::nullopt;
    return static_cast<std::uint16_t>(v);
}

}  // namespace

std::optional<encoding> encoding_named(std::string_view name) {
    using text::iequals;
    if (name.empty() || iequals(name, "utf-8") || iequals(name, "utf8") || iequals(name, "ascii") ||
        iequals(name, "us-ascii"))
        return encoding::utf8;
    if (iequals(name, "utf-16le")) return encoding::utf16le;
    if (iequals(name, "utf-16be")) return encoding::utf16be;
    if (iequals(name, "latin1") || iequals(name, "iso-latin-1") || iequals(name, "iso8859-1"))
        return encoding::iso8859_1;
    if (auto n = number_after(name, "iso-8859-"); n && *n <= 9) return encoding::page(28590 + *n);
    for (std::string_view prefix : {"windows-", "cp", "ibm"})
        if (auto n = number_after(name, prefix)) return encoding::page(*n);
    return std::nullopt;
}

std::optional<encoding> code_page_from_number(long n) {
    // The Unicode "code pages" are not code pages: UTF-8 and UTF-16 are detected, never forced.
    if (n <= 0 || n > 65535 || n == 65001 || n == 1200 || n == 1201 || n == 12000 || n == 12001)
        return std::nullopt;
    const encoding e = encoding::page(static_cast<std::uint16_t>(n));
    if (!converter::available(iconv_name(e))) return std::nullopt;
    return e;
}

}  // namespace csx::text
