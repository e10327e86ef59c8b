#include "ingest/value_shape.hpp"

#include <bit>

#include "store/db.hpp"
#include "util/utf8.hpp"

namespace csx::ingest {
namespace {

void collapse_into(std::string& out, std::string_view v) {
    bool run = false;
    for (unsigned char c : v) {
        if (is_ascii_alnum(c)) {
            if (!run) out += 'a';
            run = true;
        } else {
            out += static_cast<char>(c);
            run = false;
        }
    }
}

// The key of a shape in the cache and in value_shape.signature: each field with its length in
// front, so no two different shapes share a key whatever their characters.
void add_field(std::string& key, std::optional<std::string_view> v) {
    if (!v) {
        key += "-;";
        return;
    }
    key += std::to_string(v->size());
    key += ':';
    key += *v;
}

void add_field(std::string& key, std::optional<std::int64_t> v) {
    key += v ? std::to_string(*v) : std::string("-");
    key += ';';
}

}  // namespace

std::string collapse_alnum(std::string_view v) {
    std::string out;
    collapse_into(out, v);
    return out;
}

std::string collapse_local_part(std::string_view v) {
    const auto at = v.find('@');
    if (at == std::string_view::npos) return collapse_alnum(v);
    std::string out;
    collapse_into(out, v.substr(0, at + 1));
    out += v.substr(at + 1);
    return out;
}

std::string edges(std::string_view v) {
    if (v.empty()) return {};
    std::string out;
    const auto one = [&](std::string_view ch) {
        if (ch.size() == 1 && is_ascii_alnum(static_cast<unsigned char>(ch[0])))
            out += 'a';
        else
            out += ch;
    };
    // The first and the last code point, whole (a UTF-8 sequence is never cut).
    std::size_t i = 0;
    utf8::decode(v, i);
    one(v.substr(0, i));
    std::size_t last = v.size() - 1;
    while (last > 0 && (static_cast<unsigned char>(v[last]) & 0xC0) == 0x80)
        --last;
    one(v.substr(last));
    return out;
}

std::int64_t len8(std::string_view v) {
    std::int64_t n = 0;
    for (unsigned char c : v)
        if ((c & 0xC0) != 0x80) ++n;  // one per code point, as SQLite's length() counts
    return (n + 7) / 8;
}

std::int64_t pow2_ceil(std::int64_t n) {
    if (n <= 0) return 0;
    return static_cast<std::int64_t>(std::bit_ceil(static_cast<std::uint64_t>(n)));
}

value_shape_writer::value_shape_writer(store::db& d)
    : insert_(d.prepare(
          "INSERT INTO value_shape(signature, screened, object_type, upn, upn_len8, mail, "
          "mail_len8, sam, sam_len8, mail_nickname, mail_nickname_len8, target_address, "
          "target_address_len8, display_name, display_name_len8, given_name, given_name_len8, "
          "sn, sn_len8, proxy_chars, proxy_len8, user_certificates, smime_certificates, "
          "photo_pow2, proxy_edges) VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
          "?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24) "
          "ON CONFLICT(signature) DO UPDATE SET screened = 1 RETURNING shape_id",
          true)) {}

std::int64_t value_shape_writer::id_of(const shape_facts& f) {
    // The shapes, in the order of the statement's columns.
    const std::optional<std::string_view> values[] = {f.upn,    f.mail,    f.sam,   f.nickname,
                                                      f.target, f.display, f.given, f.sn};
    for (int i = 0; i < 8; ++i) {
        texts_[i].clear();
        if (!values[i]) continue;
        if (i == 0)
            texts_[i] = collapse_local_part(*values[i]);
        else if (i >= 5)
            texts_[i] = edges(*values[i]);
        else
            texts_[i] = collapse_alnum(*values[i]);
    }
    const std::optional<std::int64_t> proxy_len8 =
        f.proxy_len ? std::optional<std::int64_t>((*f.proxy_len + 7) / 8) : std::nullopt;
    const std::optional<std::int64_t> photo =
        f.photo ? std::optional<std::int64_t>(pow2_ceil(*f.photo)) : std::nullopt;

    key_.clear();
    add_field(key_, std::optional<std::string_view>(f.object_type));
    for (int i = 0; i < 8; ++i) {
        add_field(key_, values[i] ? std::optional<std::string_view>(texts_[i]) : std::nullopt);
        add_field(key_, values[i] ? std::optional<std::int64_t>(len8(*values[i])) : std::nullopt);
    }
    add_field(key_, std::optional<std::string_view>(f.proxy_chars));
    add_field(key_, std::optional<std::string_view>(f.proxy_edges));
    add_field(key_, proxy_len8);
    add_field(key_, f.certs);
    add_field(key_, f.smime);
    add_field(key_, photo);
    if (auto it = cache_.find(key_); it != cache_.end()) return it->second;

    insert_.bind_view(1, key_);
    insert_.bind_view_or_null(2, f.object_type);
    int p = 3;
    for (int i = 0; i < 8; ++i) {
        if (values[i]) {
            insert_.bind_view(p, texts_[i]);
            insert_.bind(p + 1, len8(*values[i]));
        } else {
            insert_.bind_null(p);
            insert_.bind_null(p + 1);
        }
        p += 2;
    }
    insert_.bind_view(19, f.proxy_chars);
    insert_.bind(20, proxy_len8);
    insert_.bind(21, f.certs);
    insert_.bind(22, f.smime);
    insert_.bind(23, photo);
    insert_.bind_view(24, f.proxy_edges);
    insert_.step();
    const std::int64_t id = insert_.column_int64(0);
    insert_.reset();
    if (cache_.size() >= kCacheLimit) cache_.clear();
    cache_.emplace(key_, id);
    return id;
}

}  // namespace csx::ingest
