#include "rules/catalog_digest.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "util/sha256.hpp"

namespace csx::rules {

std::string catalog_digest(const std::vector<rule>& rules) {
    std::vector<const rule*> sorted;
    sorted.reserve(rules.size());
    for (const auto& r : rules)
        sorted.push_back(&r);
    std::sort(sorted.begin(), sorted.end(),
              [](const rule* a, const rule* b) { return a->id < b->id; });
    sha256 h;
    for (const rule* r : sorted) {
        // Length-prefixed fields: no two catalogs serialise to the same bytes.
        for (const std::string& field : {r->id, std::string(to_string(r->level)), r->title,
                                         std::string(r->fallback ? "1" : "0"), r->sql}) {
            h.update(fmt::format("{}:", field.size()));
            h.update(field);
        }
    }
    return h.hex_digest();
}

}  // namespace csx::rules
