#include "ingest/ldif_handler.hpp"

#include <fmt/format.h>

#include "util/dn.hpp"
#include "util/utf8.hpp"
#include "util/sid.hpp"
#include "util/text.hpp"

namespace csx::ingest {

using text::iequals;

namespace {

// The attribute name without its options ("member;range=0-1499" -> "member").
std::string_view base_name(std::string_view attr) {
    return attr.substr(0, attr.find(';'));
}

// A text value: plain values are UTF-8 already (decoded from the file's encoding); base64 ones
// are UTF-8 bytes as RFC 2849 and ldifde write them; anything else is read as windows-1252
// rather than stored as invalid UTF-8.
std::string as_text(std::string_view bytes, bool base64) {
    if (!base64 || utf8::valid(bytes)) return std::string(bytes);
    return text::decode_sample(bytes, text_encoding::windows1252);
}

}  // namespace

ldif_handler::ldif_handler(text_encoding enc, store::db& d, std::int64_t file_id)
    : decoder_(enc), reader_(*this), writer_(d, file_id, "ldif"), objects_(d, file_id) {}

bool ldif_handler::feed(std::string_view bytes) {
    if (damage_) return false;
    utf8_.clear();
    const bool ok = decoder_.decode(bytes, utf8_);
    // What decoded cleanly is read, then the damage is reported where decoding stopped.
    if (!reader_.feed(utf8_)) {
        damage_ = reader_.failure();
        return false;
    }
    if (!ok) {
        damage_ = damage{reader_.next_line(), 0, *decoder_.error()};
        return false;
    }
    return true;
}

bool ldif_handler::finish() {
    objects_.finish();  // the duplicate keys of the entries read, whatever follows
    if (damage_) return false;
    if (!decoder_.finish()) {
        damage_ = damage{reader_.next_line(), 0, *decoder_.error()};
        return false;
    }
    if (!reader_.finish()) {
        damage_ = reader_.failure();
        return false;
    }
    if (reader_.entries() == 0) {
        damage_ = damage{1, 0,
                         "no LDIF entry found: expected a `dn:` line beginning an entry (the "
                         "output of ldifde -f out.ldf -d \"<DN>\" ...)"};
    }
    return !damage_;
}

file_facts ldif_handler::facts() const {
    file_facts f;
    f.tenant_hint = dn::dns_name(first_dn_);
    if (bad_sids_ > 0) {
        f.note = fmt::format(
            "{} objectSid / tokenGroups value(s) are not a SID and were skipped (the first at line "
            "{})",
            bad_sids_, first_bad_sid_line_);
    }
    if (change_records_ > 0) {
        if (!f.note.empty()) f.note += "; ";
        f.note += fmt::format(
            "{} change record(s) (changetype other than add) skipped: they describe changes to "
            "make, not the objects as they are",
            change_records_);
    }
    return f;
}

void ldif_handler::skipped_sid(std::int64_t line) {
    if (bad_sids_++ == 0) first_bad_sid_line_ = line;
}

void ldif_handler::entry_begin(std::string_view dn, bool base64, std::int64_t line) {
    entry_.clear();
    change_record_ = false;
    entry_.dn = as_text(dn, base64);
    entry_.line = line;
    object_.values.clear();
}

void ldif_handler::value(const ldif_value& v) {
    const std::string_view name = base_name(v.attr);
    if (v.url) return;  // a value to be read from elsewhere: not in this file
    auto sid_of = [&]() -> std::optional<std::string> {
        if (!v.valid) return std::nullopt;
        return v.base64 ? sid::from_binary(v.value) : sid::parse(v.value);
    };
    if (iequals(name, "objectSid")) {
        if (auto s = sid_of()) {
            entry_.sid = std::move(*s);
        } else {
            skipped_sid(v.line);
        }
        return;
    }
    if (iequals(name, "tokenGroups")) {
        if (auto s = sid_of()) {
            entry_.token_groups.push_back({std::move(*s), v.line});
        } else {
            token_groups_damaged_ = true;  // the list lacks a group: it proves no absence
            skipped_sid(v.line);
        }
        return;
    }
    if (!v.valid) return;  // text that should have been base64: nothing trustworthy in it
    if (ldif_object_writer::checked(name)) {
        // Certificates and the photo are counted and measured: their bytes as they are.
        const bool binary = iequals(name, "userCertificate") ||
                            iequals(name, "userSMIMECertificate") ||
                            iequals(name, "thumbnailPhoto");
        object_.values.emplace_back(std::string(name),
                                    binary ? std::string(v.value) : as_text(v.value, v.base64));
    }
    if (iequals(name, "memberOf")) {
        entry_.member_of.push_back({as_text(v.value, v.base64), v.line});
    } else if (iequals(name, "member")) {
        entry_.member.push_back({as_text(v.value, v.base64), v.line});
    } else if (iequals(name, "objectClass")) {
        entry_.object_class = as_text(v.value, v.base64);  // the last value is the most specific
    } else if (iequals(name, "sAMAccountName")) {
        entry_.sam_account_name = as_text(v.value, v.base64);
    } else if (iequals(name, "adminCount")) {
        entry_.admin_count = text::to_int(v.value);
    } else if (iequals(name, "primaryGroupID")) {
        entry_.primary_group_id = text::to_int(v.value);
    } else if (iequals(name, "isCriticalSystemObject")) {
        const std::string_view b = text::trim(v.value);
        if (iequals(b, "TRUE")) entry_.is_critical = true;
        if (iequals(b, "FALSE")) entry_.is_critical = false;
    } else if (iequals(name, "changetype")) {
        change_record_ = !iequals(text::trim(v.value), "add");
    }
}

void ldif_handler::entry_end() {
    if (change_record_) {
        ++change_records_;
        entry_.clear();
        object_.values.clear();
        token_groups_damaged_ = false;
        return;
    }
    // ldifde omits an attribute without values: an entry without memberOf may be in no group or
    // may not have been asked for it. Only values prove the list was read; the same for
    // tokenGroups. adminCount likewise: admin_count_known stays false.
    entry_.member_of_listed = !entry_.member_of.empty();
    entry_.token_groups_listed = !entry_.token_groups.empty() && !token_groups_damaged_;
    entry_.admin_count_known = false;
    writer_.write(entry_);
    if (ldif_object_writer::wanted(entry_.dn, entry_.object_class)) {
        object_.dn = entry_.dn;
        object_.line = entry_.line;
        object_.object_class = entry_.object_class;
        objects_.write(object_);
    }
    object_.values.clear();
    if (first_dn_.empty()) first_dn_ = entry_.dn;
    entry_.clear();
    token_groups_damaged_ = false;
}

}  // namespace csx::ingest
