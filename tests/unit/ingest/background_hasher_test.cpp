// background_hasher: the digest of what was submitted, in order; a failure of its thread comes
// back to the reader (acquire, submit or finish) instead of ending the process.
#include <catch2/catch.hpp>

#include <cstring>
#include <stdexcept>

#include "ingest/background_hasher.hpp"
#include "util/sha256.hpp"

using csx::ingest::background_hasher;

namespace {

std::string pattern(std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = static_cast<char>('a' + (i * 7 + i / 13) % 26);
    return s;
}

// Feeds `data` in chunks as the ingester does (acquire, fill, submit; an empty chunk ends).
void feed(background_hasher& h, const std::string& data, std::size_t chunk) {
    for (std::size_t pos = 0;; pos += chunk) {
        auto& c = h.acquire();
        c.size = pos < data.size() ? std::min(chunk, data.size() - pos) : 0;
        if (c.size) std::memcpy(c.data.data(), data.data() + pos, c.size);
        h.submit();
        if (c.size == 0) break;
    }
}

}  // namespace

TEST_CASE("background_hasher: the SHA-256 of the chunks, in order", "[ingest][hash]") {
    const std::string data = pattern(1'000'003);
    csx::sha256 direct;
    direct.update(data);
    const std::string want = direct.hex_digest();
    for (std::size_t chunk : {1024u, 4096u, 65536u}) {
        background_hasher h(chunk, 3);
        feed(h, data, chunk);
        CHECK(h.finish() == want);
    }
}

TEST_CASE("background_hasher: a failure of the hashing thread reaches the reader",
          "[ingest][hash]") {
    background_hasher h(4096, 2);
    h.fail_for_test();
    // Rethrown by the next acquire/submit or by finish, never std::terminate; the reader is
    // never left waiting for a buffer (two buffers, 25 chunks).
    CHECK_THROWS_AS(
        [&] {
            feed(h, pattern(100'000), 4096);
            h.finish();
        }(),
        std::runtime_error);
}
