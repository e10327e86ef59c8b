// cs_object_pipeline: parse on this thread, write on a second one.
//
// The csexport handler borrows records from a fixed pool (next_record), fills them while
// libxml2 parses, and submits them; a writer thread takes them in order, writes them with
// cs_object_writer (JSON packing and SQLite inserts) and returns them to the pool
// (util/bounded_pipeline). With two cores this overlaps parsing and writing; memory stays
// bounded by the pool (records keep their capacity, see cs_object_record::clear).
//
// The database connection is used only by the writer thread while the pipeline runs: the
// caller must not touch it between construction and finish(). A writer failure is stashed and
// rethrown on this thread by the next next_record()/submit() or by finish().
#pragma once

#include <cstddef>

#include "ingest/cs_object_record.hpp"
#include "ingest/cs_object_sink.hpp"
#include "util/bounded_pipeline.hpp"

namespace csx::ingest {

class cs_object_writer;

class cs_object_pipeline final : public cs_object_sink {
public:
    explicit cs_object_pipeline(cs_object_writer& writer, std::size_t pool_size = 64);
    // Stops the writer (after the batch it is writing) and joins it; never throws.
    ~cs_object_pipeline() override = default;

    cs_object_record& next_record() override { return records_.acquire(); }
    void submit() override { records_.submit(); }

    // Waits until every submitted record is written, stops the writer thread and rethrows its
    // failure, if any. The database is the caller's again afterwards.
    void finish() { records_.finish(); }

private:
    static constexpr std::size_t kBatch = 16;  // records per writer wake-up
    bounded_pipeline<cs_object_record> records_;
};

}  // namespace csx::ingest
