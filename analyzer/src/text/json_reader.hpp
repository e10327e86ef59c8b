// json_reader: a streaming JSON tokenizer and grammar check, fed UTF-8 in chunks, emitting
// events with line numbers (SAX for JSON). Memory is bounded by the largest single token;
// nesting is limited (kMaxDepth) and so is a single string (kMaxString), so hostile input
// fails with a message instead of exhausting memory.
//
// Source capture: from inside a start_object/start_array event, begin_capture() starts keeping
// the text of that container exactly as the input holds it (the decoded UTF-8: escapes,
// spacing, digits and key order untouched), with the indentation before its opening bracket
// when the bracket is the first thing on its line, so a pretty-printed file's lines come out
// whole; end_capture() from the matching end event returns it. At most `cap` bytes are kept,
// cut at a UTF-8 character boundary; the rest is only counted. One capture at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/damage.hpp"

namespace csx::text {

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
    // Damage that did not stop the parse: a string longer than kMaxString, kept cut at that
    // size (decoded bytes count, escapes included), as libxml2 does for a long XML text.
    const std::optional<damage>& notice() const { return notice_; }
    std::int64_t line() const { return line_; }

    struct capture {
        std::string text;     // the container as written (at most the cap)
        std::size_t cut = 0;  // bytes of it not kept
    };
    void begin_capture(std::size_t cap);
    capture end_capture();
    bool capturing() const { return capturing_; }

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
    void begin_string(bool is_key, std::int64_t line);
    bool read_string(bool final, bool& complete);
    void put(std::string_view decoded);
    void after_value();
    void keep_captured(std::size_t end);

    static constexpr std::size_t kMaxIndent = 256;

    json_events& events_;
    std::string buf_;
    std::size_t pos_ = 0;
    std::int64_t line_ = 1;
    std::int64_t line_start_ = 0;  // absolute offset of the current line's first byte
    std::int64_t consumed_ = 0;    // absolute offset of buf_[0]
    std::vector<char> stack_;      // '{' or '['
    expect expect_ = expect::value;
    std::string scratch_;  // the string being read, decoded (at most kMaxString)
    std::optional<damage> failure_;
    std::optional<damage> notice_;

    // The string being read, resumed where the last chunk ended (read_string).
    bool in_string_ = false;
    bool string_is_key_ = false;
    std::int64_t string_line_ = 0;
    std::size_t string_scan_ = 0;     // offset in buf_ of the next byte to decode
    std::uint32_t string_high_ = 0;   // a high surrogate escape waiting for its low half
    std::uint64_t string_bytes_ = 0;  // decoded bytes so far, the cut ones included
    bool string_cut_ = false;         // string_bytes_ passed kMaxString: nothing more is kept

    // Indentation of the current line, while nothing but whitespace has been read on it.
    std::string indent_;
    bool line_blank_ = true;
    bool token_opens_line_ = false;  // the token being read is the first on its line
    // Source capture (begin_capture / end_capture).
    bool capturing_ = false;
    std::size_t capture_from_ = 0;  // offset in buf_ of the first byte not yet kept
    std::size_t capture_cap_ = 0;
    std::size_t capture_total_ = 0;
    std::string capture_;
};

}  // namespace csx::text
