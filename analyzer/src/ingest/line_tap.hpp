// line_tap: the raw lines of an XML input, kept beside its parser, so that a handler can store
// an element as the file writes it (the report's evidence excerpts: README "Decisions worth
// knowing").
//
// xml_input hands every byte to the tap first and feeds the parser only what push() returns:
// whole lines. So when the parser reports an end tag, every line the element spans is here,
// complete, and the excerpt is those lines, whole (an element that starts mid-line keeps the
// line's beginning: it is the file's line).
//
// Lines are counted as libxml2 counts them (its line numbers are the rows' `line`): a line
// ends after LF, one code unit 0x0A in the file's encoding (the byte 0x0A; in UTF-16 the unit
// at an even offset); CRLF is one line end, its CR part of the line; a lone CR ends no line
// (libxml2 2.9 counts only LF; tests/unit/ingest/line_tap_test.cpp checks this against the
// parser). The unit width is detected from the first bytes as libxml2 does: a UTF-16 BOM or
// `<?` in UTF-16; anything else is one byte per unit (UTF-8, windows-1252, ISO-8859-1).
//
// Memory: the lines from the oldest one still wanted (release_before: the parser's line, or
// the start of an element a handler holds) to the end of the bytes pushed, kept to `cap`
// bytes plus one push. Lines pushed out by the cap are gone: an excerpt that needs them is
// not available (the caller falls back). A single line longer than the cap is handed to the
// parser unfinished and its beginning dropped, so memory stays bounded on a file that is one
// long line (minified), where no excerpt is then available.
//
// Decoding: excerpt() turns the raw lines into UTF-8 in the encoding libxml2 itself chose
// (its encoder's name: sax_parser::encoding_name()), never a guess of its own: where that
// encoding is not one csx decodes, or the bytes do not decode, there is no excerpt.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace csx::ingest {

// Lines of the file as the file writes them, decoded to UTF-8.
struct source_excerpt {
    std::string_view text;  // lines first_line.., without the last line's end; valid until
                            // the next call on the tap
    std::int64_t first_line = 0;
    std::size_t cut = 0;  // bytes (of the UTF-8 text) not kept beyond the cap
};

class line_tap {
public:
    static constexpr std::size_t kDefaultCap = 1u << 20;  // raw bytes kept beyond one push
    static constexpr std::size_t kExcerptCap = 8 * 1024;  // UTF-8 bytes kept per excerpt
    // Lines above libxml2's start line searched for a start tag spread over several lines.
    static constexpr std::int64_t kStartTagLines = 16;
    // Text of other elements allowed on the element's first line before its start tag and on
    // its last line after its end tag: more means a minified file or one record per line,
    // where "the lines" would be mostly other elements; then there is no excerpt.
    static constexpr std::size_t kOutsideText = 1024;

    explicit line_tap(std::size_t cap = kDefaultCap) : cap_(cap) {}

    // Takes the next bytes of the file. Returns the bytes now ready for the parser: up to the
    // end of the last complete line (or, past the cap, all of them). Valid until the next call.
    std::string_view push(std::string_view bytes);
    // After the last byte: the rest (the last line, which has no line end).
    std::string_view finish();
    // Lines before `line` are no longer wanted (call before push()).
    void release_before(std::int64_t line);

    // The raw bytes of lines first..last (each with its line end), if all are here, whole.
    std::optional<std::string_view> raw_lines(std::int64_t first, std::int64_t last) const;

    // Element `name`, whose start tag libxml2 reported at `start_line` (the line of its '>'),
    // the `nth` (0-based) element of that name starting on that line, ending on `end_line`,
    // from the line holding its '<name' (at most a few lines above, for a start tag spread
    // over lines) to the end of `end_line`, decoded from `encoding` (libxml2's
    // encoder name, "" for UTF-8) and cut at kExcerptCap on a character boundary. nullopt when
    // the lines are not all here, do not decode, or do not hold the tags where libxml2 said
    // (then the tap is out of step with the parser, and an excerpt would be wrong), or when
    // the lines hold more than kOutsideText of other elements' text.
    std::optional<source_excerpt> excerpt(std::string_view name, std::int64_t start_line, int nth,
                                          std::int64_t end_line, std::string_view encoding);

    std::int64_t first_line() const { return first_line_; }
    std::int64_t last_line() const { return last_line_; }
    std::size_t buffered() const { return buf_.size(); }

private:
    void detect();
    // Offset just past the next line end at or after `from` (a unit boundary), or npos.
    std::size_t next_line_end(std::size_t from, std::size_t limit) const;
    // Offset of the start of `line` (first_line_ <= line <= last_line_ + 1).
    std::size_t line_start(std::int64_t line) const;
    void drop(std::size_t n);
    bool decode(std::string_view raw, std::string_view encoding, std::string& out) const;

    std::size_t cap_;
    std::string buf_;              // raw bytes: lines first_line_.. and the unfinished one
    std::int64_t first_line_ = 1;  // the line buf_[0] belongs to
    bool head_cut_ = false;        // buf_[0] is not the start of its line (dropped by the cap)
    std::int64_t last_line_ = 0;   // the last complete line in buf_
    std::size_t complete_ = 0;     // offset just past the last complete line
    std::size_t fed_ = 0;          // bytes of buf_ handed to the parser
    std::size_t scanned_ = 0;      // bytes of buf_ searched for line ends
    int unit_ = 0;                 // 0: not yet known (fewer than 4 bytes seen), 1 or 2
    bool big_endian_ = false;      // UTF-16BE
    std::size_t bom_ = 0;          // bytes of the BOM the file starts with
    bool at_file_start_ = true;    // buf_[0] is the file's first byte
    std::string out_;              // the last excerpt's text
    std::string line_;             // scratch: one decoded line
};

}  // namespace csx::ingest
