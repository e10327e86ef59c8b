#include "ingest/xml_input.hpp"

#include <fmt/format.h>

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
    if (text.size() > room) {
        std::size_t cut = room;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;  // not inside a UTF-8 character
        text = text.substr(0, cut);
    }
    on_text(text);
}

void xml_input::record_damage(bool at_end) {
    const auto& f = parser_.failure();
    if (!f || damage_) return;
    damage d{f->line, f->column, f->message};
    if (!open_.empty() && (at_end || f->message.find("Premature end") != std::string::npos)) {
        // libxml2's wording for a cut-off file varies ("Premature end of data", "Extra content
        // at the end"); the open element says what was really expected.
        const auto& [name, l] = open_.back();
        d.message = fmt::format(
            "the file ends inside <{}> opened at line {} (expected </{}>): it looks truncated",
            name, l, name);
    }
    damage_ = std::move(d);
}

bool xml_input::feed(std::string_view bytes) {
    if (damage_) return false;
    if (parser_.feed(bytes.data(), bytes.size())) return true;
    record_damage(false);
    return false;
}

bool xml_input::finish() {
    if (damage_) return false;
    if (parser_.finish()) {
        on_finish();
        return true;
    }
    record_damage(true);
    return false;
}

}  // namespace csx::ingest
