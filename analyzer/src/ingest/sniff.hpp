// sniff: decides a file's kind and encoding from its first bytes (content, never the name).
//
// Encoding: a BOM decides (UTF-8, UTF-16LE/BE); without one, a '<' or '{' followed or preceded
// by NUL means BOM-less UTF-16; otherwise UTF-8 if the sampled bytes are valid UTF-8, else
// windows-1252 (what Windows PowerShell 5.1 and ldifde write by default) - except for dsacls
// output, which cmd's `>` writes in the console's OEM code page: cp850, cp437 or windows-1252,
// whichever reads the sample's names best (text/code_page_guess). `csx ingest --codepage N`
// overrides both guesses (the ingester applies it).
// Archives (zip, tar, gzip) are recognised by their magic bytes and opened by the ingester.
// Kind: the name of the first XML element (cs-objects / cs-object, run-history / run-details,
// ma-data, Objs holding a RunStepResult or ActiveDirectory module objects), JSON mentioning
// onPremisesProvisioningErrors, LDIF (after comments and `version: 1`, a `dn:` line), or text
// laid out as dsacls output ("Access list:", or "Owner:" then "Group:").
#pragma once

#include <string>
#include <string_view>

#include "ingest/input_kind.hpp"

namespace csx::ingest {

struct sniff_result {
    input_kind kind = input_kind::unknown;
    // An archive (kind stays unknown): the ingester opens it and sniffs every member.
    archive_format archive = archive_format::none;
    text_encoding encoding = text_encoding::utf8;
    bool declaration_mismatch = false;  // UTF-8 bytes under an encoding="utf-16" declaration
    // A dsacls output whose code page was guessed and could be another (code_page_guess):
    // which, and how to force it; "" otherwise.
    std::string encoding_note;
    std::string reason;  // for unknown: what the file looks like instead
};

// How many leading bytes sniff() wants to see.
inline constexpr std::size_t kSniffBytes = 64 * 1024;

sniff_result sniff(std::string_view head, bool whole_file);

// zip, tar or gzip from the magic bytes at the start of `head` (tar needs its first 262 bytes).
archive_format archive_format_of(std::string_view head);

}  // namespace csx::ingest
