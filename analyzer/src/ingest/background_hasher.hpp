// background_hasher: SHA-256 of a file computed on a second thread while the file is parsed.
//
// The reader borrows a chunk buffer (acquire), fills it, hands it over (submit) and may go on
// reading the same buffer (parsing only reads it); the hasher thread hashes chunks in order and
// returns each buffer to the pool. Parsing and hashing then overlap instead of adding up
// (SHA-256 is ~7% of a csexport parse on one thread).
#pragma once

#include <atomic>
#include <condition_variable>
#include <exception>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "util/sha256.hpp"

namespace csx::ingest {

class background_hasher {
public:
    struct chunk {
        std::string data;  // sized once to the chunk capacity
        std::size_t size = 0;
        std::string_view view() const { return {data.data(), size}; }
    };

    background_hasher(std::size_t chunk_bytes, std::size_t buffers = 4);
    ~background_hasher();  // joins quietly
    background_hasher(const background_hasher&) = delete;
    background_hasher& operator=(const background_hasher&) = delete;

    // A free chunk to read into (waits while all are being hashed).
    chunk& acquire();
    // Queues the buffer from acquire() for hashing. The caller may still read it, not write it.
    void submit();
    // Waits for every chunk and returns the lower-case hex digest; rethrows a failure of the
    // hashing thread (which never reaches std::terminate).
    std::string finish();
    // Tests: make the hashing thread throw at its next chunk.
    void fail_for_test() { fail_for_test_ = true; }

private:
    void run();

    csx::sha256 hash_;
    std::vector<chunk> buffers_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<chunk*> free_, work_;
    chunk* current_ = nullptr;
    bool stop_ = false;
    bool failed_ = false;  // the thread stopped on an exception (error_)
    std::exception_ptr error_;
    std::atomic<bool> fail_for_test_{false};
    std::thread thread_;
};

}  // namespace csx::ingest
