// json_reader: a streaming JSON tokenizer and grammar check, fed UTF-8 in chunks, emitting
// events with line numbers (SAX for JSON). Memory is bounded by the largest single token;
// nesting is limited (kMaxDepth) and so is a single string (kMaxString), so hostile input
// fails with a message instead of exhausting memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/file_handler.hpp"

namespace csx::ingest {

enum class json_scalar : std::uint8_t { string, number, boolean, null };

class json_events {
public:
    virtual ~json_events() = default;
    virtual void start_object(std::int64_t line) = 0;
    virtual void end_object() = 0;
    virtual void start_array(std::int64_t line) = 0;
    virtual void end_array() = 0;
    virtual void key(std::string_view k) = 0;
    // Strings arrive decoded; numbers, booleans and null as their literal text.
    virtual void scalar(json_scalar kind, std::string_view value, std::int64_t line) = 0;
};

class json_reader {
public:
    static constexpr std::size_t kMaxDepth = 512;
    static constexpr std::size_t kMaxString = 16u << 20;

    explicit json_reader(json_events& events) : events_(events) {}

    bool feed(std::string_view utf8);
    bool finish();
    const std::optional<damage>& failure() const { return failure_; }
    std::int64_t line() const { return line_; }

private:
    enum class expect : std::uint8_t {
        value,
        key_or_end,
        key,
        colon,
        comma_or_end,
        value_or_end,
        done
    };

    bool run(bool final);
    bool fail(std::string message);
    bool value_token(bool final);
    bool read_string(bool final, std::string& out, bool& complete);
    void after_value();

    json_events& events_;
    std::string buf_;
    std::size_t pos_ = 0;
    std::int64_t line_ = 1;
    std::int64_t line_start_ = 0;  // absolute offset of the current line's first byte
    std::int64_t consumed_ = 0;    // absolute offset of buf_[0]
    std::vector<char> stack_;      // '{' or '['
    expect expect_ = expect::value;
    std::string scratch_;
    std::optional<damage> failure_;
};

}  // namespace csx::ingest
