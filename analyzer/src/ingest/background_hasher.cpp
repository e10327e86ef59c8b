#include "ingest/background_hasher.hpp"

#include <pthread.h>

#include <stdexcept>

namespace csx::ingest {

background_hasher::background_hasher(std::size_t chunk_bytes, std::size_t buffers)
    : buffers_(buffers) {
    for (auto& b : buffers_) {
        b.data.resize(chunk_bytes);
        free_.push_back(&b);
    }
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "csx-hash");
        // Nothing may leave a thread function (std::terminate): a failure is stashed, the
        // producer released, and finish() rethrows it on the caller's thread.
        try {
            run();
        } catch (...) {
            std::lock_guard lock(mutex_);
            error_ = std::current_exception();
            failed_ = true;
            for (auto* c : work_)
                free_.push_back(c);
            work_.clear();
        }
        cv_.notify_all();
    });
}

background_hasher::~background_hasher() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

background_hasher::chunk& background_hasher::acquire() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [this] { return !free_.empty(); });
    current_ = free_.front();
    free_.pop_front();
    return *current_;
}

void background_hasher::submit() {
    {
        std::lock_guard lock(mutex_);
        // After a failure nothing more is hashed: the buffer goes straight back to the pool.
        (failed_ ? free_ : work_).push_back(current_);
        current_ = nullptr;
    }
    cv_.notify_all();
}

std::string background_hasher::finish() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(error_);
    return hash_.hex_digest();
}

void background_hasher::run() {
    for (;;) {
        chunk* c = nullptr;
        {
            std::unique_lock lock(mutex_);
            cv_.wait(lock, [this] { return !work_.empty() || stop_; });
            if (work_.empty()) return;  // stopped and drained
            c = work_.front();
            work_.pop_front();
        }
        if (fail_for_test_) throw std::runtime_error("hasher failure (test)");
        hash_.update(c->view());
        {
            std::lock_guard lock(mutex_);
            free_.push_back(c);
        }
        cv_.notify_all();
    }
}

}  // namespace csx::ingest
