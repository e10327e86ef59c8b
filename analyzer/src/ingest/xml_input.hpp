// xml_input: the base of every XML input handler. Owns the sax_parser, tracks the open
// elements (so a truncated file is reported as "the file ends inside <cs-object> opened at
// line N") and turns parser failures into `damage`.
//
// Source lines (keep_source_lines): a handler that stores some elements as the file writes
// them (csexport and run-history errors, for the report's evidence) gets a line_tap between
// feed() and the parser: the input goes through it in pieces of at most 64 KiB, and the parser
// gets whole lines only, so an element's lines are all there when its end tag is reported.
// Which lines are kept is bounded (line_tap: the parser's line onwards, or the held element's
// start, at most 1 MiB more): memory does not grow with the file.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ingest/file_handler.hpp"
#include "ingest/line_tap.hpp"
#include "xml/sax_parser.hpp"

namespace csx::ingest {

class xml_input : public file_handler, private xml::sax_handler {
public:
    bool feed(std::string_view bytes) final;
    bool finish() final;
    const std::optional<damage>& failure() const final { return damage_ ? damage_ : soft_damage_; }

protected:
    xml_input(std::string_view document_name, xml::parser_options opts);

    // Events for the derived handler; `line` is the line of the start tag.
    virtual void on_start(std::string_view name, const xml::attributes& attrs,
                          std::int64_t line) = 0;
    virtual void on_end(std::string_view name) = 0;
    virtual void on_text(std::string_view text) = 0;
    // Called once after a successful parse (e.g. to flush a buffered record).
    virtual void on_finish() {}

    // Refuses the document at the current position (wrong root element, ...).
    void reject(std::string message) { parser_.fail(std::move(message)); }
    // Records damage inside otherwise well-formed content (a broken embedded fragment): the
    // file is marked partial but parsing goes on. The first damage recorded is kept.
    void note_damage(damage d) {
        if (!soft_damage_) soft_damage_ = std::move(d);
    }
    std::int64_t line() const { return parser_.line(); }

    // Turns the line tap on (in the constructor, before any feed()). `cap`: see line_tap.
    void keep_source_lines(std::size_t cap = line_tap::kDefaultCap) {
        tap_ = std::make_unique<line_tap>(cap);
    }
    // Keeps the lines from an element starting at `line` (its start tag's line as on_start
    // gives it) until source_of() takes them. One element at a time.
    void hold_source_from(std::int64_t line) {
        held_nth_ = line == held_line_ ? held_nth_ + 1 : 0;  // several on one line
        hold_ = held_line_ = line;
    }
    // The element `name` that started at `start_line` and ends now (call from on_end), as the
    // file writes it: see line_tap::excerpt. nullopt without a tap or when the lines are gone.
    // Ends the hold.
    std::optional<source_excerpt> source_of(std::string_view name, std::int64_t start_line);
    std::size_t depth() const { return open_.size(); }
    // The element path from the root to the current element ("cs-objects/cs-object/foo").
    std::string current_path() const;

private:
    void start_element(std::string_view name, const xml::attributes& attrs) final;
    void end_element(std::string_view name) final;
    void characters(std::string_view text) final;
    void record_damage(bool at_end);
    bool feed_parser(std::string_view bytes);

    // The most text kept for one element. No directory value comes near it (AD's largest,
    // photos and certificates, are kilobytes to a few MB); anything bigger is damage or an
    // attack, and holding it would make memory grow with the file. The rest is counted, the
    // file marked partial with the element's line, and parsing goes on.
    static constexpr std::size_t kMaxTextBytes = 16u << 20;

    xml::sax_parser parser_;
    std::size_t text_bytes_ = 0;  // text seen in the current element
    std::vector<std::pair<std::string_view, std::int64_t>> open_;
    std::optional<damage> damage_;
    std::optional<damage> soft_damage_;
    std::unique_ptr<line_tap> tap_;
    std::int64_t hold_ = 0;       // the line of the held element's start tag (0: none)
    std::int64_t held_line_ = 0;  // the line of the last element held ...
    int held_nth_ = 0;            // ... and how many held before it started on that line
};

}  // namespace csx::ingest
