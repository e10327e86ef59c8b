#include "ingest/xml_input.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "util/utf8.hpp"

namespace csx::ingest {

xml_input::xml_input(std::string_view document_name, xml::parser_options opts)
    : parser_(*this, document_name, std::move(opts)) {}

void xml_input::start_element(std::string_view name, const xml::attributes& attrs) {
    text_bytes_ = 0;
    const std::int64_t l = parser_.line();
    open_.emplace_back(name, l);
    on_start(name, attrs, l);
}

void xml_input::end_element(std::string_view name) {
    if (text_bytes_ > kMaxTextBytes) {
        const std::int64_t start = open_.empty() ? parser_.line() : open_.back().second;
        note_damage({start, 0,
                     fmt::format("<{}> at line {} holds {} bytes of text, more than the {} MiB csx "
                                 "stores for one value: it is kept cut at that size",
                                 name, start, text_bytes_, kMaxTextBytes >> 20)});
    }
    text_bytes_ = 0;
    on_end(name);
    if (!open_.empty()) open_.pop_back();
}

std::string xml_input::current_path() const {
    std::string p;
    for (const auto& [name, l] : open_) {
        if (!p.empty()) p += '/';
        p += name;
    }
    return p;
}

void xml_input::characters(std::string_view text) {
    // Memory stays bounded whatever one value holds: past the limit the text is only counted.
    const std::size_t room = text_bytes_ < kMaxTextBytes ? kMaxTextBytes - text_bytes_ : 0;
    text_bytes_ += text.size();
    if (room == 0) return;
    text = text.substr(0, utf8::cut_at_boundary(text, room));
    on_text(text);
}

namespace {

// What libxml2's "input conversion failed due to input error, bytes 0x00 0xD8 0x78 0x00" means.
std::string encoding_fault_kind(std::string_view fault) {
    std::vector<unsigned> bytes;
    for (auto p = fault.find("0x"); p != std::string_view::npos && bytes.size() < 4;
         p = fault.find("0x", p + 2)) {
        const int hi = p + 2 < fault.size() ? utf8::hex_value(fault[p + 2]) : -1;
        const int lo = p + 3 < fault.size() ? utf8::hex_value(fault[p + 3]) : -1;
        if (hi < 0 || lo < 0) break;
        bytes.push_back(static_cast<unsigned>(hi * 16 + lo));
    }
    if (bytes.size() >= 2) {
        const unsigned le = bytes[0] | bytes[1] << 8, be = bytes[0] << 8 | bytes[1];
        for (auto [unit, order] : {std::pair{le, "UTF-16LE"}, std::pair{be, "UTF-16BE"}}) {
            if (unit >= 0xD800 && unit <= 0xDBFF)
                return fmt::format(
                    "a lone UTF-16 surrogate: U+{:04X} ({}) without the low half "
                    "that must follow it",
                    unit, order);
            if (unit >= 0xDC00 && unit <= 0xDFFF)
                return fmt::format(
                    "a lone UTF-16 surrogate: U+{:04X} ({}) without the high "
                    "half that must come before it",
                    unit, order);
        }
    }
    return "bytes that are not valid in the file's encoding";
}

}  // namespace

void xml_input::record_damage(bool at_end) {
    const auto& f = parser_.failure();
    if (!f || damage_) return;
    damage d{f->line, f->column, f->message};
    if (const std::string& fault = parser_.encoding_fault(); !fault.empty()) {
        // Conversion stops at the bad bytes; the parser then sees the end of its input.
        d.message = fmt::format("{} near this point ({}): the file is damaged there, not truncated",
                                encoding_fault_kind(fault), fault);
    } else if (!open_.empty() &&
               (at_end || f->message.find("Premature end") != std::string::npos)) {
        // libxml2's wording for a cut-off file varies ("Premature end of data", "Extra content
        // at the end"); the open element says what was really expected.
        const auto& [name, l] = open_.back();
        d.message = fmt::format(
            "the file ends inside <{}> opened at line {} (expected </{}>): it looks truncated",
            name, l, name);
    }
    damage_ = std::move(d);
}

std::optional<source_excerpt> xml_input::source_of(std::string_view name, std::int64_t start_line) {
    hold_ = 0;
    if (!tap_) return std::nullopt;
    const int nth = start_line == held_line_ ? held_nth_ : 0;
    return tap_->excerpt(name, start_line, nth, parser_.line(), parser_.encoding_name());
}

bool xml_input::feed_parser(std::string_view bytes) {
    if (bytes.empty() || parser_.feed(bytes.data(), bytes.size())) return true;
    record_damage(false);
    return false;
}

bool xml_input::feed(std::string_view bytes) {
    if (damage_) return false;
    if (!tap_) return feed_parser(bytes);
    // In pieces, so that the lines kept stay near the parser whatever size the caller feeds.
    constexpr std::size_t kPiece = 64u << 10;
    while (!bytes.empty()) {
        const std::string_view piece = bytes.substr(0, kPiece);
        bytes.remove_prefix(piece.size());
        const std::int64_t at = line();
        tap_->release_before(hold_ ? std::min(at, hold_ - line_tap::kStartTagLines) : at);
        if (!feed_parser(tap_->push(piece))) return false;
    }
    return true;
}

bool xml_input::finish() {
    if (damage_) return false;
    if (tap_ && !feed_parser(tap_->finish())) return false;
    if (parser_.finish()) {
        on_finish();
        return true;
    }
    record_damage(true);
    return false;
}

}  // namespace csx::ingest
