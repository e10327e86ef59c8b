#include "ingest/object_value_writer.hpp"

#include <algorithm>

#include "store/db.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"

namespace csx::ingest {
namespace {

// ASCII case folding in place, as SQLite's lower() does it (no allocation: a hot path).
void ascii_lower(std::string& a) {
    for (auto& c : a)
        c = text::ascii_lower(c);
}

void add_once(std::vector<std::uint32_t>& set, std::uint32_t cp) {
    if (std::find(set.begin(), set.end(), cp) == set.end()) set.push_back(cp);
}

std::string as_text(std::vector<std::uint32_t>& set) {
    std::sort(set.begin(), set.end());
    std::string out;
    for (auto cp : set)
        utf8::append(out, cp);
    return out;
}

bool is_smtp(std::string_view v) {
    return text::istarts_with(v, "smtp:");
}

}  // namespace

void normalize_address(std::string& a) {
    if (is_smtp(a)) a.erase(0, 5);
    ascii_lower(a);
}

object_value_writer::object_value_writer(store::db& d)
    : db_(d),
      insert_(d.prepare(
          "INSERT INTO cs_object_value(object_id, upn, mail, sam, mail_nickname, display_name, "
          "given_name, sn, target_address, user_certificates, smime_certificates, photo_bytes, "
          "critical, address_chars, address_max, file_id, shape_id) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
          true)),
      shapes_(d) {}

void object_value_writer::begin_file(std::int64_t file_id) {
    file_id_ = file_id;
    shapes_.forget();  // a rolled-back file takes its new shapes with it
    dup_keys_.clear();
}

void object_value_writer::end_file() {
    dup_keys_.finish(db_, file_id_);
}

void object_value_writer::begin(std::int64_t object_id, std::string_view object_type) {
    object_id_ = object_id;
    facts_ = shape_facts{};
    facts_.object_type = object_type;
    critical_.reset();
    chars_.clear();
    proxy_chars_.clear();
    proxy_edges_.clear();
    longest_ = -1;
}

void object_value_writer::value(std::string_view name, std::string_view v, bool base64) {
    using text::iequals;
    const auto first = [&](std::optional<std::string_view>& out) {
        if (!out) out = v;
    };
    const bool upn = iequals(name, "userPrincipalName"), mail = iequals(name, "mail"),
               proxy = iequals(name, "proxyAddresses");
    if (upn || mail || proxy) {
        if (upn) first(facts_.upn);
        if (mail) first(facts_.mail);
        key_.assign(v);
        normalize_address(key_);  // as attr_value.address holds it
        dup_keys_.add('a', key_, object_id_);
        const bool smtp = is_smtp(v);
        std::int64_t n = 0;
        for (std::size_t i = 0; i < v.size(); ++n) {
            const auto c = static_cast<unsigned char>(v[i]);
            if (is_ascii_alnum(c)) {
                ++i;
                continue;
            }
            const std::size_t at = i;
            const std::uint32_t cp = utf8::decode(v, i);
            add_once(chars_, cp);
            // The value shape of the proxy addresses: the characters of the smtp ones, and the
            // first and last of every one (an X500 or X400 address holds spaces and
            // parentheses that are no fault).
            if (proxy && smtp) add_once(proxy_chars_, cp);
            if (proxy && (at == 0 || i == v.size())) add_once(proxy_edges_, cp);
        }
        longest_ = std::max(longest_, n);
        if (proxy) facts_.proxy_len = std::max(facts_.proxy_len.value_or(0), n);
    } else if (iequals(name, "sAMAccountName")) {
        first(facts_.sam);
    } else if (iequals(name, "mailNickname")) {
        first(facts_.nickname);
    } else if (iequals(name, "displayName")) {
        first(facts_.display);
    } else if (iequals(name, "givenName")) {
        first(facts_.given);
    } else if (iequals(name, "sn")) {
        first(facts_.sn);
    } else if (iequals(name, "targetAddress")) {
        first(facts_.target);
    } else if (iequals(name, "userCertificate")) {
        facts_.certs = facts_.certs.value_or(0) + 1;
    } else if (iequals(name, "userSMIMECertificate")) {
        facts_.smime = facts_.smime.value_or(0) + 1;
    } else if (iequals(name, "thumbnailPhoto") && !facts_.photo) {
        // Decoded size: base64 holds 3 bytes per 4 characters, less the padding.
        if (base64) {
            std::size_t pad = 0;
            while (pad < v.size() && pad < 2 && v[v.size() - 1 - pad] == '=')
                ++pad;
            facts_.photo =
                static_cast<std::int64_t>(v.size() / 4 * 3 - std::min(pad, v.size() / 4 * 3));
        } else {
            facts_.photo = static_cast<std::int64_t>(v.size());
        }
    } else if (iequals(name, "isCriticalSystemObject") && !critical_) {
        const auto t = text::trim(v);
        critical_ = text::to_int(t);
        if (iequals(t, "TRUE")) critical_ = 1;
        if (iequals(t, "FALSE")) critical_ = 0;
    }
}

void object_value_writer::finish() {
    // The keys the duplicate rule compares beside the addresses (schema/derive_preflight.sql).
    if (facts_.target && is_smtp(*facts_.target)) {
        key_.assign(facts_.target->substr(5));
        ascii_lower(key_);
        dup_keys_.add('a', key_, object_id_);
    }
    if (facts_.nickname) {
        key_.assign(*facts_.nickname);
        ascii_lower(key_);
        dup_keys_.add('n', key_, object_id_);
    }
    const std::string char_text = as_text(chars_);
    facts_.proxy_chars = as_text(proxy_chars_);
    facts_.proxy_edges = as_text(proxy_edges_);
    const std::int64_t shape_id = shapes_.id_of(facts_);
    insert_.bind(1, object_id_);
    const std::optional<std::string_view> texts[] = {facts_.upn,      facts_.mail,    facts_.sam,
                                                     facts_.nickname, facts_.display, facts_.given,
                                                     facts_.sn,       facts_.target};
    int i = 2;
    for (const auto& v : texts) {
        if (v)
            insert_.bind_view(i, *v);
        else
            insert_.bind_null(i);
        ++i;
    }
    insert_.bind(10, facts_.certs);
    insert_.bind(11, facts_.smime);
    insert_.bind(12, facts_.photo);
    insert_.bind(13, critical_);
    insert_.bind_view(14, char_text);
    if (longest_ >= 0)
        insert_.bind(15, longest_);
    else
        insert_.bind_null(15);
    insert_.bind(16, file_id_);
    insert_.bind(17, shape_id);
    insert_.step();
    insert_.reset();
}

}  // namespace csx::ingest
