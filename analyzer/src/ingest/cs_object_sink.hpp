// cs_object_sink: where the csexport handler delivers each finished cs-object (and the rare
// elements found outside any cs-object). The writer implements it; the benchmark and tests
// may substitute their own.
#pragma once

#include <cstdint>
#include <string_view>

#include "ingest/cs_object_record.hpp"

namespace csx::ingest {

class cs_object_sink {
public:
    virtual ~cs_object_sink() = default;
    // The record is only valid during the call.
    virtual void consume(const cs_object_record& rec) = 0;
    // An element outside any cs-object, kept verbatim.
    virtual void extra(std::int64_t line, std::string_view path, std::string_view xml) = 0;
};

}  // namespace csx::ingest
