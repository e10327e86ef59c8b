// bounded_pipeline: a producer fills items borrowed from a fixed pool; one worker thread
// consumes them in the order they were submitted and returns them to the pool.
//
//   acquire()  an item to fill (the same one again while it is not submitted); waits while
//              every item is queued or being consumed
//   submit()   queues the acquired item. The producer may go on reading it (not writing it)
//              until its next acquire()
//   finish()   waits until everything submitted is consumed and joins the worker
//
// Memory stays bounded by the pool whatever the input size. The worker is woken once per
// `batch` items (or when the producer waits or finishes), not per item: for small items a
// futex wake and two context switches cost more than the work. A failure of the consumer is
// stashed (nothing may leave a thread function: std::terminate) and rethrown on the
// producer's thread by the next acquire(), submit() or finish(); the producer is never left
// waiting for an item. The destructor stops the worker after its current batch, quietly.
//
// Used for the csexport writer thread (ingest/cs_object_pipeline) and the hashing thread
// (ingest/background_hasher).
#pragma once

#include <pthread.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace csx {

template <class T>
class bounded_pipeline {
public:
    using consumer = std::function<void(T&)>;

    // `pool` must hold at least two items when the producer reads an item after submitting it.
    // `thread_name` (at most 15 characters) shows in top, perf and gdb.
    bounded_pipeline(std::vector<T> pool, consumer consume, const char* thread_name,
                     std::size_t batch = 1)
        : pool_(std::move(pool)), consume_(std::move(consume)), batch_(batch ? batch : 1) {
        for (auto& item : pool_)
            free_.push_back(&item);
        thread_ = std::thread([this, name = std::string(thread_name)] {
            pthread_setname_np(pthread_self(), name.c_str());
            run();
        });
    }

    ~bounded_pipeline() {
        {
            std::lock_guard lock(mutex_);
            abort_ = true;
        }
        work_cv_.notify_all();
        if (thread_.joinable()) thread_.join();
    }

    bounded_pipeline(const bounded_pipeline&) = delete;
    bounded_pipeline& operator=(const bounded_pipeline&) = delete;

    T& acquire() {
        std::unique_lock lock(mutex_);
        if (current_) return *current_;  // the previous item was never submitted
        if (free_.empty()) {
            // Everything is queued: make sure the worker takes it before waiting for an item.
            producer_waiting_ = true;
            work_cv_.notify_one();
            free_cv_.wait(lock, [this] { return !free_.empty() || error_; });
            producer_waiting_ = false;
        }
        if (error_) std::rethrow_exception(error_);
        current_ = free_.front();
        free_.pop_front();
        return *current_;
    }

    void submit() {
        bool wake = false;
        {
            std::lock_guard lock(mutex_);
            if (error_) std::rethrow_exception(error_);
            if (!current_) return;
            work_.push_back(current_);
            current_ = nullptr;
            wake = worker_idle_ && work_.size() >= batch_;
        }
        if (wake) work_cv_.notify_one();
    }

    void finish() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;  // the worker drains the queue before it stops
        }
        work_cv_.notify_all();
        if (thread_.joinable()) thread_.join();
        if (error_) std::rethrow_exception(error_);
    }

private:
    void run() {
        std::vector<T*> taken;
        for (;;) {
            {
                std::unique_lock lock(mutex_);
                worker_idle_ = true;
                work_cv_.wait(lock, [this] {
                    return work_.size() >= batch_ ||
                           (!work_.empty() && (producer_waiting_ || stop_)) || stop_ || abort_;
                });
                worker_idle_ = false;
                if (abort_ || work_.empty()) return;  // aborted, or stopped and drained
                taken.assign(work_.begin(), work_.end());
                work_.clear();
            }
            std::exception_ptr failure;
            try {
                for (T* item : taken)
                    consume_(*item);
            } catch (...) {
                failure = std::current_exception();
            }
            {
                std::lock_guard lock(mutex_);
                for (T* item : taken)
                    free_.push_back(item);
                error_ = failure;
            }
            free_cv_.notify_all();
            if (failure) return;
        }
    }

    std::vector<T> pool_;
    consumer consume_;
    const std::size_t batch_;
    std::mutex mutex_;
    std::condition_variable free_cv_, work_cv_;
    std::deque<T*> free_, work_;
    T* current_ = nullptr;           // acquired by the producer, not yet submitted
    bool worker_idle_ = false;       // the worker waits for work
    bool producer_waiting_ = false;  // the producer waits for a free item
    bool stop_ = false;              // finish(): drain the queue, then stop
    bool abort_ = false;             // destructor: stop after the current batch
    std::exception_ptr error_;
    std::thread thread_;  // last: started once everything above exists
};

}  // namespace csx
