// ldif_reader: reads LDIF (RFC 2849) as `ldifde -f out.ldf` writes it (UTF-8 text, fed in any
// pieces) and reports each entry's values as they are read, so memory stays bounded by one
// logical line whatever the file size.
//
// Layout:
//   version: 1                        optional, before the first entry
//   # comment                         anywhere; its continuation lines are comment too
//   dn: CN=Dana Admin,OU=IT,DC=contoso,DC=com
//   dn:: Q049...                      or the DN in base64 (UTF-8), when it is not plain ASCII
//   changetype: add
//   objectClass: user                 `attr: value`; several lines for several values
//   objectSid:: AQUAAAAAAAUVAAAA...   `attr:: base64` (binary values, non-ASCII text)
//    lTRjQ==                          a continuation: ONE leading space (or a tab), then more
//   member;range=0-1499: CN=...       attribute options are part of the name as written
//                                     a blank line ends the entry
// ldifde wraps lines at 80 columns and ends every entry, the last one too, with a blank line:
// a file that ends inside an entry (no blank line after it) is taken as cut short.
//
// Damage (the reader stops; what was reported before stays reported, the entry being read is
// never ended): a line inside an entry that is neither `attr: value`, `attr:: base64`,
// `attr:< URL`, a comment, a continuation nor blank; a line outside entries that is no `dn:`;
// a `dn::` that is not base64; a logical line (continuations included) longer than kMaxLine;
// the end of the file inside an entry. A value written with `::` that is not base64 is not
// damage: it is reported with `valid` false and the caller decides.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/file_handler.hpp"

namespace csx::ingest {

struct ldif_value {
    std::string_view attr;   // the attribute description as written ("member;range=0-1499")
    std::string_view value;  // the value; decoded from base64 when written `attr::` (raw bytes)
    bool base64 = false;     // written `attr::`
    bool valid = true;       // false: written `attr::` but not base64 (value = the text as written)
    bool url = false;        // written `attr:<` (value = the URL; ldifde never writes it)
    std::int64_t line = 0;   // the line the value starts on
};

class ldif_events {
public:
    virtual ~ldif_events() = default;
    // An entry begins: its DN (raw bytes when it was base64: UTF-8 as ldifde writes it) and the
    // line of its `dn:`.
    virtual void entry_begin(std::string_view dn, bool base64, std::int64_t line) = 0;
    virtual void value(const ldif_value& v) = 0;
    // The entry ended with its blank line. Never called for an entry cut by damage.
    virtual void entry_end() = 0;
};

class ldif_reader {
public:
    explicit ldif_reader(ldif_events& ev) : ev_(ev) {}

    // UTF-8 text, any split. false once damaged (then failure() says where and what).
    bool feed(std::string_view text);
    // End of input: the last line, and damage when it ends inside an entry.
    bool finish();

    const std::optional<damage>& failure() const { return damage_; }
    // The line the next byte belongs to (for damage found outside the reader, e.g. decoding).
    std::int64_t next_line() const { return in_line_ ? line_ : line_ + 1; }
    std::int64_t entries() const { return entries_; }

    static constexpr std::size_t kMaxLine = 16u << 20;

private:
    void take(std::string_view l, std::int64_t at);
    void blank();
    void fail(std::int64_t at, std::string message);
    bool append(std::string_view piece);

    ldif_events& ev_;
    std::string logical_;  // the logical line being assembled (continuations joined, no CR)
    std::int64_t logical_at_ = 0;
    bool have_logical_ = false;
    bool orphan_ = false;   // it began with a space: a continuation of nothing
    bool in_line_ = false;  // inside a physical line (its '\n' not seen yet)
    std::int64_t line_ = 0;
    std::int64_t entries_ = 0;
    bool open_ = false;  // inside an entry
    std::int64_t entry_at_ = 0;
    bool seen_record_ = false;  // a version: or dn: line was read (version: may come only first)
    std::string decoded_;
    std::optional<damage> damage_;
};

// True when `text` (the start of a file, UTF-8) is LDIF: after blank lines, `#` comments and an
// optional `version: 1` line, the first line starts with `dn:` (any case).
bool looks_like_ldif(std::string_view text);

}  // namespace csx::ingest
