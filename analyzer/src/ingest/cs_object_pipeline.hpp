// cs_object_pipeline: parse on this thread, write on a second one.
//
// The csexport handler borrows records from a fixed pool (next_record), fills them while
// libxml2 parses, and submits them; a writer thread takes them in order, writes them with
// cs_object_writer (JSON packing and SQLite inserts) and returns them to the pool. With two
// cores this overlaps parsing and writing; memory stays bounded by the pool (records keep
// their capacity, see cs_object_record::clear).
//
// The database connection is used only by the writer thread while the pipeline runs: the
// caller must not touch it between construction and finish(). A writer failure is stashed and
// rethrown on this thread by the next next_record()/submit() or by finish().
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "ingest/cs_object_sink.hpp"

namespace csx::ingest {

class cs_object_writer;

class cs_object_pipeline final : public cs_object_sink {
public:
    explicit cs_object_pipeline(cs_object_writer& writer, std::size_t pool_size = 64);
    // Stops the writer (after the record it is writing) and joins it; never throws.
    ~cs_object_pipeline() override;
    cs_object_pipeline(const cs_object_pipeline&) = delete;
    cs_object_pipeline& operator=(const cs_object_pipeline&) = delete;

    cs_object_record& next_record() override;
    void submit() override;

    // Waits until every submitted record is written, stops the writer thread and rethrows its
    // failure, if any. The database is the caller's again afterwards.
    void finish();

private:
    void run();
    void rethrow_if_failed();

    cs_object_writer& writer_;
    std::vector<std::unique_ptr<cs_object_record>> pool_;
    std::mutex mutex_;
    std::condition_variable free_cv_, work_cv_;
    std::deque<cs_object_record*> free_;
    std::deque<cs_object_record*> work_;
    cs_object_record* current_ = nullptr;      // borrowed by the producer, not yet submitted
    static constexpr std::size_t kBatch = 16;  // records per writer wake-up
    bool writer_idle_ = false;                 // the writer waits for work
    bool producer_waiting_ = false;            // the producer waits for a free record
    bool stop_ = false;                        // finish(): drain the queue, then stop
    bool abort_ = false;                       // destructor: stop after the current batch
    bool finished_ = false;
    std::exception_ptr error_;
    std::thread thread_;
};

}  // namespace csx::ingest
