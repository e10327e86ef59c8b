// background_hasher: SHA-256 of a file computed on a second thread while the file is parsed.
//
// The reader borrows a chunk buffer (acquire), fills it, hands it over (submit) and may go on
// reading the same buffer (parsing only reads it); the hasher thread hashes chunks in order and
// returns each buffer to the pool (util/bounded_pipeline). Parsing and hashing then overlap
// instead of adding up (SHA-256 is ~7% of a csexport parse on one thread).
#pragma once

#include <atomic>
#include <string>
#include <string_view>

#include "util/bounded_pipeline.hpp"
#include "util/sha256.hpp"

namespace csx::ingest {

class background_hasher {
public:
    struct chunk {
        std::string data;  // sized once to the chunk capacity
        std::size_t size = 0;
        std::string_view view() const { return {data.data(), size}; }
    };

    // `buffers` at least 2: the reader parses one chunk while the next is read.
    background_hasher(std::size_t chunk_bytes, std::size_t buffers = 4);

    // A free chunk to read into (waits while all are being hashed).
    chunk& acquire() { return chunks_.acquire(); }
    // Queues the buffer from acquire() for hashing. The caller may still read it, not write it.
    void submit() { chunks_.submit(); }
    // Waits for every chunk and returns the lower-case hex digest. A failure of the hashing
    // thread (which never reaches std::terminate) is rethrown here, or by acquire()/submit().
    std::string finish();
    // Tests: make the hashing thread throw at its next chunk.
    void fail_for_test() { fail_for_test_ = true; }

private:
    csx::sha256 hash_;
    std::atomic<bool> fail_for_test_{false};
    bounded_pipeline<chunk> chunks_;  // last: its thread uses the members above
};

}  // namespace csx::ingest
