// name_table: maps element names to a handler's small integer ids, fast.
//
// libxml2 interns element names per parser, so after the first lookup of a name by string,
// later lookups hit a tiny open-addressing cache keyed by the name's pointer (a few ns,
// against ~20 ns for a string hash). Unknown names are cached too (as `unknown`).
// One table per parser: pointers from another parser's dictionary must not be mixed in.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace csx::xml {

template <class Id>
class name_table {
public:
    name_table(std::initializer_list<std::pair<std::string_view, Id>> names, Id unknown)
        : unknown_(unknown), slots_(64) {
        for (const auto& [n, id] : names)
            by_name_.emplace(n, id);
    }

    Id lookup(std::string_view name) {
        const char* key = name.data();
        std::size_t mask = slots_.size() - 1;
        for (std::size_t i = hash(key) & mask;; i = (i + 1) & mask) {
            slot& s = slots_[i];
            if (s.key == key) return s.id;
            if (s.key == nullptr) {
                auto it = by_name_.find(name);
                Id id = it == by_name_.end() ? unknown_ : it->second;
                s = slot{key, id};
                if (++used_ * 2 > slots_.size()) grow();
                return id;
            }
        }
    }

private:
    struct slot {
        const char* key = nullptr;
        Id id{};
    };

    static std::size_t hash(const char* p) {
        auto v = reinterpret_cast<std::uintptr_t>(p);
        return static_cast<std::size_t>((v >> 3) * 0x9E3779B97F4A7C15ull >> 20);
    }

    void grow() {
        std::vector<slot> old(slots_.size() * 2);
        old.swap(slots_);
        std::size_t mask = slots_.size() - 1;
        for (const slot& s : old) {
            if (!s.key) continue;
            std::size_t i = hash(s.key) & mask;
            while (slots_[i].key)
                i = (i + 1) & mask;
            slots_[i] = s;
        }
    }

    Id unknown_;
    std::vector<slot> slots_;
    std::size_t used_ = 0;
    std::unordered_map<std::string_view, Id> by_name_;
};

}  // namespace csx::xml
