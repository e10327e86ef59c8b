#include "ingest/background_hasher.hpp"

#include <pthread.h>

namespace csx::ingest {

background_hasher::background_hasher(std::size_t chunk_bytes, std::size_t buffers)
    : buffers_(buffers) {
    for (auto& b : buffers_) {
        b.data.resize(chunk_bytes);
        free_.push_back(&b);
    }
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "csx-hash");
        run();
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
        work_.push_back(current_);
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
        hash_.update(c->view());
        {
            std::lock_guard lock(mutex_);
            free_.push_back(c);
        }
        cv_.notify_all();
    }
}

}  // namespace csx::ingest
