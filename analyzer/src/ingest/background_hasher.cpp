#include "ingest/background_hasher.hpp"

#include <stdexcept>
#include <vector>

namespace csx::ingest {

namespace {

std::vector<background_hasher::chunk> make_chunks(std::size_t chunk_bytes, std::size_t buffers) {
    std::vector<background_hasher::chunk> out(buffers < 2 ? 2 : buffers);
    for (auto& c : out)
        c.data.resize(chunk_bytes);
    return out;
}

}  // namespace

background_hasher::background_hasher(std::size_t chunk_bytes, std::size_t buffers)
    : chunks_(
          make_chunks(chunk_bytes, buffers),
          [this](chunk& c) {
              if (fail_for_test_) throw std::runtime_error("hasher failure (test)");
              hash_.update(c.view());
          },
          "csx-hash") {}

std::string background_hasher::finish() {
    chunks_.finish();
    return hash_.hex_digest();
}

}  // namespace csx::ingest
