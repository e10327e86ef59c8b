// input_file: the one owner of an open input file, read in large chunks.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "ingest/byte_source.hpp"
#include "util/c_handle.hpp"

namespace csx::ingest {

class input_file final : public byte_source {
public:
    // Opens for reading; on failure returns nullopt and sets `error` (a sentence).
    static std::optional<input_file> open(const std::string& path, std::string& error);

    // Reads up to `cap` bytes into buf (resized); returns false at end of file or on a read
    // error (then error() is set: the disk, not the content, is at fault).
    bool read(std::string& buf, std::size_t cap);
    // The same into caller-owned memory (no zero-filling of a resized string): returns the
    // number of bytes read, 0 at end of file or on a read error.
    std::size_t read(char* dst, std::size_t cap) override;
    // A read error, as a byte_source fault (unreadable).
    const std::optional<source_fault>& fault() const override { return fault_; }
    void rewind();
    // Moves forward up to n bytes without reading them (not past the end of the file); returns
    // how many bytes were skipped. Archive members csx does not read are skipped this way.
    std::uint64_t skip(std::uint64_t n) override;
    std::uint64_t size() const { return size_; }
    const std::string& error() const { return error_; }

private:
    input_file(std::FILE* f, std::uint64_t size, std::string path)
        : file_(f), size_(size), path_(std::move(path)) {}

    c_handle<std::FILE, std::fclose> file_;
    std::uint64_t size_ = 0;
    std::string path_;
    std::string error_;
    std::optional<source_fault> fault_;
};

}  // namespace csx::ingest
