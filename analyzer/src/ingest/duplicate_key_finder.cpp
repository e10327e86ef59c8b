#include "ingest/duplicate_key_finder.hpp"

#include <algorithm>

#include "store/db.hpp"
#include "store/statement.hpp"
#include "util/fnv1a.hpp"

namespace csx::ingest {

std::uint64_t duplicate_key_finder::hash(char space, std::string_view key) {
    return fnv1a(key, fnv1a_byte(kFnv1aOffset, static_cast<unsigned char>(space)));
}

void duplicate_key_finder::add(char space, std::string_view key, std::int64_t object_id) {
    if (overflow_) return;
    if (keys_.size() >= limit_) {
        overflow_ = true;
        keys_.clear();
        keys_.shrink_to_fit();
        return;
    }
    keys_.emplace_back(hash(space, key), object_id);
}

void duplicate_key_finder::clear() {
    keys_.clear();
    overflow_ = false;
}

void duplicate_key_finder::finish(store::db& d, std::int64_t file_id) {
    if (overflow_) {
        clear();
        return;
    }
    std::sort(keys_.begin(), keys_.end());
    std::vector<std::uint64_t> shared;
    std::vector<std::int64_t> holders;
    for (std::size_t i = 0; i < keys_.size();) {
        std::size_t j = i + 1;
        while (j < keys_.size() && keys_[j].first == keys_[i].first)
            ++j;
        if (keys_[j - 1].second != keys_[i].second) {  // sorted: two objects differ at the ends
            shared.push_back(keys_[i].first);
            for (std::size_t k = i; k < j; ++k)
                holders.push_back(keys_[k].second);
        }
        i = j;
    }
    clear();
    std::sort(holders.begin(), holders.end());
    holders.erase(std::unique(holders.begin(), holders.end()), holders.end());
    if (!holders.empty()) {
        // The keys of each holder, formed as schema/derive_preflight.sql forms them.
        auto keys = d.prepare(
            "SELECT 'a', address FROM attr_value WHERE object_id = ?1 AND section_id = 5 "
            "AND name_id IN (1, 2, 3) AND address IS NOT NULL "
            "UNION ALL SELECT 'a', lower(substr(target_address, 6)) FROM cs_object_value "
            "WHERE object_id = ?1 AND target_address LIKE 'smtp:%' "
            "UNION ALL SELECT 'n', lower(mail_nickname) FROM cs_object_value "
            "WHERE object_id = ?1 AND mail_nickname IS NOT NULL");
        auto insert = d.prepare(
            "INSERT OR IGNORE INTO duplicate_key(file_id, space, key) VALUES (?1, ?2, ?3)");
        for (const auto object_id : holders) {
            keys.bind(1, object_id);
            while (keys.step()) {
                const std::string_view space = keys.column_view(0);
                const std::string_view key = keys.column_view(1);
                if (!std::binary_search(shared.begin(), shared.end(), hash(space[0], key)))
                    continue;
                insert.bind(1, file_id);
                insert.bind(2, space[0] == 'n' ? "nickname" : "address");
                insert.bind(3, key);
                insert.step();
                insert.reset();
            }
            keys.reset();
        }
    }
    auto mark =
        d.prepare("INSERT OR REPLACE INTO preflight_derived(file_id, scope) VALUES (?1, 'file')");
    mark.bind(1, file_id);
    mark.step();
}

}  // namespace csx::ingest
