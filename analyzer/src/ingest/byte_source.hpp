// byte_source: where one input stream's bytes come from — a file on disk, a member of an
// archive, or bytes already read followed by the rest (prefixed_source).
//
// The ingester reads every stream through this interface in large chunks, so a member of a zip
// is parsed exactly like a file: sniffed from its first 64 KiB, then fed to the same handler.
// A source can stop short in two ways, and who must act differs:
//   unreadable: the disk failed us (a read error): nothing of the stream is kept;
//   damaged:    the container is broken or a bomb cap stopped it (a corrupt deflate stream, a
//               truncated zip, a member expanding 1000:1): what was read before is good and kept,
//               the stream is marked partial, like a truncated file.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace csx::ingest {

struct source_fault {
    enum class kind { unreadable, damaged };
    kind what = kind::damaged;
    std::string message;  // a sentence, without the stream's name
};

class byte_source {
public:
    virtual ~byte_source() = default;
    // Up to `cap` bytes into dst; 0 at the end of the stream, or when it stopped short (then
    // fault() is set).
    virtual std::size_t read(char* dst, std::size_t cap) = 0;
    virtual const std::optional<source_fault>& fault() const = 0;
    // Skips up to n bytes without reading them; returns how many were skipped (0: this source
    // cannot skip, read instead).
    virtual std::uint64_t skip(std::uint64_t n) {
        (void)n;
        return 0;
    }
};

// The bytes already read for sniffing (`head`), then the rest of `rest`: the stream from its
// first byte without reading anything twice.
class prefixed_source final : public byte_source {
public:
    prefixed_source(std::string_view head, byte_source& rest) : head_(head), rest_(rest) {}

    std::size_t read(char* dst, std::size_t cap) override {
        if (!head_.empty()) {
            const std::size_t n = std::min(cap, head_.size());
            std::memcpy(dst, head_.data(), n);
            head_.remove_prefix(n);
            return n;
        }
        return rest_.read(dst, cap);
    }
    const std::optional<source_fault>& fault() const override { return rest_.fault(); }
    std::uint64_t skip(std::uint64_t n) override {
        if (!head_.empty()) {
            const std::size_t k =
                static_cast<std::size_t>(std::min<std::uint64_t>(n, head_.size()));
            head_.remove_prefix(k);
            return k;
        }
        return rest_.skip(n);
    }

private:
    std::string_view head_;
    byte_source& rest_;
};

}  // namespace csx::ingest
