#include "ingest/cs_object_pipeline.hpp"

#include <pthread.h>

#include "ingest/cs_object_writer.hpp"

namespace csx::ingest {

cs_object_pipeline::cs_object_pipeline(cs_object_writer& writer, std::size_t pool_size)
    : writer_(writer) {
    pool_.reserve(pool_size);
    for (std::size_t i = 0; i < pool_size; ++i) {
        pool_.push_back(std::make_unique<cs_object_record>());
        free_.push_back(pool_.back().get());
    }
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "csx-writer");  // shows in top, perf, gdb
        run();
    });
}

cs_object_pipeline::~cs_object_pipeline() {
    {
        std::lock_guard lock(mutex_);
        abort_ = true;
    }
    work_cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void cs_object_pipeline::rethrow_if_failed() {
    if (error_) std::rethrow_exception(error_);
}

cs_object_record& cs_object_pipeline::next_record() {
    std::unique_lock lock(mutex_);
    if (current_) return *current_;  // the previous object was never submitted (damage)
    if (free_.empty()) {
        // Everything is queued: make sure the writer works on it before waiting for a record.
        producer_waiting_ = true;
        work_cv_.notify_one();
        free_cv_.wait(lock, [this] { return !free_.empty() || error_; });
        producer_waiting_ = false;
    }
    rethrow_if_failed();
    current_ = free_.front();
    free_.pop_front();
    return *current_;
}

void cs_object_pipeline::submit() {
    bool wake = false;
    {
        std::lock_guard lock(mutex_);
        rethrow_if_failed();
        work_.push_back(current_);
        current_ = nullptr;
        // Wake the writer once per batch, not per object: a futex wake and two context
        // switches per record would cost more than writing it.
        wake = writer_idle_ && work_.size() >= kBatch;
    }
    if (wake) work_cv_.notify_one();
}

void cs_object_pipeline::finish() {
    if (finished_) return;
    finished_ = true;
    {
        std::lock_guard lock(mutex_);
        stop_ = true;  // the writer drains the queue before it stops
    }
    work_cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    rethrow_if_failed();
}

void cs_object_pipeline::run() {
    std::vector<cs_object_record*> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            writer_idle_ = true;
            work_cv_.wait(lock, [this] {
                return work_.size() >= kBatch || (!work_.empty() && (producer_waiting_ || stop_)) ||
                       stop_ || abort_;
            });
            writer_idle_ = false;
            if (abort_ || work_.empty() || error_) return;  // aborted, or stopped and drained
            batch.assign(work_.begin(), work_.end());
            work_.clear();
        }
        std::size_t done = 0;
        try {
            for (; done < batch.size(); ++done)
                writer_.write(*batch[done]);
        } catch (...) {
            std::lock_guard lock(mutex_);
            error_ = std::current_exception();
        }
        for (auto* r : batch)
            r->clear();
        {
            std::lock_guard lock(mutex_);
            for (auto* r : batch)
                free_.push_back(r);
        }
        free_cv_.notify_all();
        if (error_) return;
    }
}

}  // namespace csx::ingest
