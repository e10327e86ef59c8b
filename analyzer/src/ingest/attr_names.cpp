#include "ingest/attr_names.hpp"

#include "store/db.hpp"
#include "util/fnv1a.hpp"

namespace csx::ingest {

namespace {
inline unsigned char lower(unsigned char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c;
}
}  // namespace

std::size_t attr_names::ci_hash::operator()(std::string_view s) const noexcept {
    std::uint64_t h = kFnv1aOffset;
    for (unsigned char c : s)
        h = fnv1a_byte(h, lower(c));
    return static_cast<std::size_t>(h);
}

bool attr_names::ci_equal::operator()(std::string_view a, std::string_view b) const noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(static_cast<unsigned char>(a[i])) != lower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

attr_names::attr_names(store::db& d)
    : db_(d),
      insert_(d.prepare(
          "INSERT INTO attr_name(name, type, multivalued, is_dn) VALUES (?1, ?2, ?3, ?4)", true)) {
    reload();
}

void attr_names::reload() {
    hints_.clear();
    map_.clear();
    auto st = db_.prepare("SELECT name_id, name, indexed, is_dn FROM attr_name");
    while (st.step()) {
        map_.emplace(st.column_text(1),
                     info{st.column_int64(0), st.column_int64(2) != 0, st.column_int64(3) != 0});
    }
}

const attr_names::info& attr_names::get(std::string_view name, std::string_view type,
                                        std::string_view multivalued, bool is_dn) {
    auto it = map_.find(name);
    if (it != map_.end()) return it->second;
    insert_.bind_view(1, name);
    insert_.bind_view_or_null(2, type);
    if (multivalued.empty()) {
        insert_.bind_null(3);
    } else {
        insert_.bind(3, static_cast<std::int64_t>(multivalued == "true" || multivalued == "1"));
    }
    insert_.bind(4, static_cast<std::int64_t>(is_dn));
    insert_.step();
    insert_.reset();
    return map_.emplace(std::string(name), info{db_.last_insert_rowid(), false, is_dn})
        .first->second;
}

}  // namespace csx::ingest

namespace csx::ingest {

const attr_names::info& attr_names::get(std::size_t hint, std::string_view name,
                                        std::string_view type, std::string_view multivalued,
                                        bool is_dn) {
    if (hint < hints_.size() && hints_[hint].first == name) return *hints_[hint].second;
    const info& i = get(name, type, multivalued, is_dn);
    if (hint < 256) {
        if (hint >= hints_.size()) hints_.resize(hint + 1);
        hints_[hint] = {std::string(name), &i};
    }
    return i;
}

}  // namespace csx::ingest
