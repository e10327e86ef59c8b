// cs_object_sink: where the csexport handler's records go.
//
// The handler borrows an empty record with next_record(), fills it while the cs-object is
// open, and hands it back with submit() when the object closes (an object cut off by damage is
// simply never submitted). Elements found outside any cs-object travel the same way, as a
// record of kind loose_extras. Implementations: cs_object_writer (writes at once) and
// cs_object_pipeline (writes on a second thread).
#pragma once

#include "ingest/cs_object_record.hpp"

namespace csx::ingest {

class cs_object_sink {
public:
    virtual ~cs_object_sink() = default;
    virtual cs_object_record& next_record() = 0;
    virtual void submit() = 0;
};

}  // namespace csx::ingest
