// encoding: the text encodings csx reads, and their names.
//
// A file is UTF-8 (with or without a BOM), UTF-16LE/BE, or in a Windows code page: the ANSI
// pages (windows-1252 ...) that Windows PowerShell 5.1 and ldifde write, or the OEM pages
// (437, 850, 852, 866 ...) that cmd's `>` writes for a console program such as dsacls. The
// Unicode forms are decoded by hand (text_decoder); a code page through glibc iconv (converter),
// by the same tables libxml2 uses for XML in that page.
//
// Names, as stored in source_file.encoding: utf-8, utf-8-bom, utf-16le, utf-16be,
// windows-125N for the ANSI pages 1250-1258, iso-8859-N for 28591-28599, cpN otherwise
// (cp437, cp850, cp852, cp866 ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace csx::text {

struct encoding {
    enum class form : std::uint8_t { utf8, utf8_bom, utf16le, utf16be, code_page };

    form kind = form::utf8;
    std::uint16_t code_page = 0;  // form::code_page: the Windows code page number

    static const encoding utf8, utf8_bom, utf16le, utf16be, windows1252, iso8859_1;

    static constexpr encoding page(std::uint16_t n) { return {form::code_page, n}; }
    constexpr bool is_code_page() const { return kind == form::code_page; }
    constexpr bool is_utf16() const { return kind == form::utf16le || kind == form::utf16be; }

    friend constexpr bool operator==(const encoding&, const encoding&) = default;
};

inline constexpr encoding encoding::utf8{encoding::form::utf8, 0};
inline constexpr encoding encoding::utf8_bom{encoding::form::utf8_bom, 0};
inline constexpr encoding encoding::utf16le{encoding::form::utf16le, 0};
inline constexpr encoding encoding::utf16be{encoding::form::utf16be, 0};
inline constexpr encoding encoding::windows1252 = encoding::page(1252);
inline constexpr encoding encoding::iso8859_1 = encoding::page(28591);

// The stored name: "utf-8", "windows-1252", "cp850" ...
std::string to_string(encoding e);

// The name glibc iconv (and so libxml2) knows the code page by: "WINDOWS-1252", "ISO-8859-1",
// "CP850". Only for form::code_page.
std::string iconv_name(encoding e);

// An encoding from a name as csx or libxml2 writes it ("UTF-8", "utf-16le", "windows-1252",
// "CP850", "IBM437", "ISO-8859-1", "latin1", "us-ascii"), case-insensitive; nullopt for a name
// it does not know. ASCII is read as UTF-8 (a subset).
std::optional<encoding> encoding_named(std::string_view name);

// A code page given on the command line (`--codepage 850`): the ANSI or OEM page of files that
// are neither UTF-8 nor UTF-16. nullopt when `n` is a Unicode page (65001, 1200, 1201) or one
// this system's iconv does not convert.
std::optional<encoding> code_page_from_number(long n);

}  // namespace csx::text
