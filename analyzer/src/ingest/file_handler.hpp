// file_handler: one input file's parser, whatever its kind, as the ingester drives it.
//
// The ingester feeds the file's raw bytes in chunks and calls finish(). Damage is a result,
// not an exception: feed()/finish() return false and failure() says where and what was
// expected; everything complete before the damage has already been written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "text/damage.hpp"

namespace csx::ingest {

// Where a file stops making sense (text/damage.hpp): every reader's and handler's result.
using text::damage;

// What a handler learnt about the file as a whole, for its source_file row.
struct file_facts {
    std::string tenant_hint;     // a forest / domain name found in the data ("contoso.com")
    std::string connector_kind;  // csexport: "ad" | "aad" | ""
    std::string connector_hint;  // csexport: ma-name / ma-id written in the objects
    // A sentence worth reading about a file read without damage (what was skipped, what the
    // file cannot say on its own): it becomes the file's message (`csx ingest` prints it as a
    // note). Damage, when there is any, is the message instead.
    std::string note;
};

class file_handler {
public:
    virtual ~file_handler() = default;
    virtual bool feed(std::string_view bytes) = 0;
    virtual bool finish() = 0;
    virtual const std::optional<damage>& failure() const = 0;
    // Top-level records written so far (cs-objects, run-details, connectors, Graph objects, steps).
    virtual std::int64_t records() const = 0;
    virtual file_facts facts() const = 0;
};

}  // namespace csx::ingest
