#include "ingest/ldif_reader.hpp"

#include <cctype>

#include <fmt/format.h>

#include "util/base64.hpp"
#include "util/text.hpp"

namespace csx::ingest {

using text::iequals;
using text::istarts_with;

namespace {

// An attribute description: a name or OID with options (`member;range=0-1499`,
// `objectSid;binary`). Anything else before the first ':' is not LDIF.
bool attribute_description(std::string_view s) {
    if (s.empty() || !std::isalnum(static_cast<unsigned char>(s.front()))) return false;
    bool options = false;  // after the first ';': "range=0-1499", "range=1500-*"
    for (char c : s) {
        if (c == ';') {
            options = true;
        } else if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.' &&
                   c != '_' && !(options && (c == '=' || c == '*'))) {
            return false;
        }
    }
    return true;
}

constexpr std::string_view kInsideEntry =
    "expected `attribute: value`, `attribute:: base64`, a continuation line (one leading "
    "space), a `#` comment or the blank line that ends the entry";

}  // namespace

bool looks_like_ldif(std::string_view text) {
    bool version_seen = false;
    bool in_comment = false;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        std::string_view l = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        if (l.empty()) {
            in_comment = false;
            continue;
        }
        if (l.front() == ' ') {
            if (in_comment) continue;  // a wrapped comment
            return false;
        }
        if (l.front() == '#') {
            in_comment = true;
            continue;
        }
        in_comment = false;
        if (!version_seen && istarts_with(l, "version:")) {
            version_seen = true;
            continue;
        }
        return istarts_with(l, "dn:");
    }
    return false;
}

void ldif_reader::fail(std::int64_t at, std::string message) {
    if (!damage_) damage_ = damage{at, 0, std::move(message)};
}

bool ldif_reader::append(std::string_view piece) {
    if (logical_.size() + piece.size() > kMaxLine) {
        fail(logical_at_,
             fmt::format("line {} is longer than {} MiB (its continuation lines included): no "
                         "value ldifde writes comes near it, so reading stops there",
                         logical_at_, kMaxLine >> 20));
        return false;
    }
    logical_.append(piece);
    return true;
}

bool ldif_reader::feed(std::string_view text) {
    while (!text.empty()) {
        if (damage_) return false;
        if (!in_line_) {
            ++line_;
            in_line_ = true;
            const char c = text.front();
            if (c == ' ' || c == '\t') {
                // A continuation: the rest of this line joins the logical line being read.
                text.remove_prefix(1);
                if (!have_logical_) {
                    have_logical_ = true;
                    orphan_ = true;
                    logical_.clear();
                    logical_at_ = line_;
                }
            } else {
                if (have_logical_) {
                    have_logical_ = false;
                    take(logical_, logical_at_);
                    if (damage_) return false;
                }
                have_logical_ = true;
                orphan_ = false;
                logical_.clear();
                logical_at_ = line_;
            }
        }
        const auto nl = text.find('\n');
        if (!append(text.substr(0, nl))) return false;
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
        in_line_ = false;
        if (!logical_.empty() && logical_.back() == '\r') logical_.pop_back();
        if (logical_.empty()) {
            // A blank line (or a lone space with nothing to continue): it ends the entry.
            have_logical_ = false;
            blank();
        }
    }
    return !damage_;
}

bool ldif_reader::finish() {
    if (damage_) return false;
    if (in_line_ && !logical_.empty() && logical_.back() == '\r') logical_.pop_back();
    in_line_ = false;
    if (have_logical_) {
        have_logical_ = false;
        if (logical_.empty()) {
            blank();
        } else {
            take(logical_, logical_at_);
        }
    }
    if (damage_) return false;
    if (open_) {
        fail(line_, fmt::format("the file ends inside the entry that begins at line {} (expected "
                                "the blank line ldifde writes after every entry): it looks cut "
                                "short, and that entry is not kept",
                                entry_at_));
        open_ = false;
    }
    return !damage_;
}

void ldif_reader::blank() {
    if (!open_) return;
    open_ = false;
    ++entries_;
    ev_.entry_end();
}

void ldif_reader::take(std::string_view l, std::int64_t at) {
    if (orphan_) {
        orphan_ = false;
        if (text::trim(l).empty()) {
            blank();
        } else {
            fail(at, fmt::format("line {} begins with a space but follows no line it could "
                                 "continue: {}",
                                 at, kInsideEntry));
        }
        return;
    }
    if (l.front() == '#') return;  // a comment (with its continuation lines)
    const auto colon = l.find(':');
    const std::string_view name = l.substr(0, colon);
    const bool attr_line = colon != std::string_view::npos && attribute_description(name);

    ldif_value v;
    if (attr_line) {
        std::string_view rest = l.substr(colon + 1);
        v.attr = name;
        v.line = at;
        if (!rest.empty() && rest.front() == ':') {
            v.base64 = true;
            rest.remove_prefix(1);
        } else if (!rest.empty() && rest.front() == '<') {
            v.url = true;
            rest.remove_prefix(1);
        }
        while (!rest.empty() && rest.front() == ' ')
            rest.remove_prefix(1);
        v.value = rest;
        if (v.base64) {
            if (auto bytes = base64::decode(rest)) {
                decoded_ = std::move(*bytes);
                v.value = decoded_;
            } else {
                v.valid = false;
            }
        }
    }

    if (!open_) {
        if (attr_line && iequals(name, "dn")) {
            if (!v.valid || v.url) {
                fail(at, fmt::format("the `dn:{}` value at line {} is not {}: the entry cannot be "
                                     "named",
                                     v.url ? "<" : ":", at, v.url ? "a DN" : "base64"));
                return;
            }
            open_ = true;
            entry_at_ = at;
            seen_record_ = true;
            ev_.entry_begin(v.value, v.base64, at);
        } else if (attr_line && !seen_record_ && iequals(name, "version")) {
            seen_record_ = true;
        } else if (attr_line && (iequals(name, "search") || iequals(name, "result"))) {
            // The trailer ldapsearch prints after its entries ("search: 2", "result: 0 Success").
        } else if (attr_line) {
            fail(at, fmt::format("`{}:` at line {} is outside any entry: expected a `dn:` line to "
                                 "begin one",
                                 name, at));
        } else {
            fail(at, fmt::format("line {} is not LDIF: expected an entry's `dn:` line, a `#` "
                                 "comment or a blank line",
                                 at));
        }
        return;
    }
    if (l == "-") return;  // the end of one modification in a change record
    if (!attr_line) {
        fail(at, fmt::format("line {} inside the entry that begins at line {} is not LDIF: {}", at,
                             entry_at_, kInsideEntry));
        return;
    }
    if (iequals(name, "dn")) {
        fail(at, fmt::format("a second `dn:` at line {} inside the entry that begins at line {}: "
                             "expected a blank line between entries",
                             at, entry_at_));
        return;
    }
    ev_.value(v);
}

}  // namespace csx::ingest
