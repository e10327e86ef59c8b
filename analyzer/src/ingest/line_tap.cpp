#include "ingest/line_tap.hpp"

#include <algorithm>
#include <cstring>

#include "text/text_decoder.hpp"
#include "util/utf8.hpp"

namespace csx::ingest {

namespace {

bool tag_end_char(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>';
}

// Where the nth `<name` (0-based; followed by the end of the name) starts in `line`; npos
// when there are fewer. nth < 0: the last one.
std::size_t start_tag_at(std::string_view line, std::string_view name, int nth) {
    std::size_t found = std::string_view::npos;
    int seen = 0;
    for (auto p = line.find('<'); p != std::string_view::npos; p = line.find('<', p + 1)) {
        const std::string_view rest = line.substr(p + 1);
        if (!rest.starts_with(name) ||
            (rest.size() > name.size() && !tag_end_char(rest[name.size()])))
            continue;
        if (nth >= 0 && seen++ == nth) return p;
        found = p;
    }
    return nth < 0 ? found : std::string_view::npos;
}

// Where the element's end ends in `line`: past the first end tag `</name ...>` at or after
// `from`, else past the first `/>` there (an empty element); npos when neither is there.
std::size_t end_tag_after(std::string_view line, std::string_view name, std::size_t from) {
    for (auto p = line.find("</", from); p != std::string_view::npos; p = line.find("</", p + 2)) {
        if (!line.substr(p + 2).starts_with(name)) continue;
        if (const auto close = line.find('>', p); close != std::string_view::npos) return close + 1;
    }
    const auto p = line.find("/>", from);
    return p == std::string_view::npos ? p : p + 2;
}

std::string lower_ascii(std::string_view s) {
    std::string r(s);
    for (char& c : r)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return r;
}

}  // namespace

void line_tap::detect() {
    auto u = [&](std::size_t k) { return static_cast<unsigned char>(buf_[k]); };
    unit_ = 1;
    if (u(0) == 0xFF && u(1) == 0xFE) {
        unit_ = 2;
        bom_ = 2;
    } else if (u(0) == 0xFE && u(1) == 0xFF) {
        unit_ = 2;
        big_endian_ = true;
        bom_ = 2;
    } else if (u(0) == 0xEF && u(1) == 0xBB && u(2) == 0xBF) {
        bom_ = 3;
    } else if (u(0) == 0x3C && u(1) == 0x00 && u(2) == 0x3F && u(3) == 0x00) {
        unit_ = 2;
    } else if (u(0) == 0x00 && u(1) == 0x3C && u(2) == 0x00 && u(3) == 0x3F) {
        unit_ = 2;
        big_endian_ = true;
    }
}

std::size_t line_tap::next_line_end(std::size_t from, std::size_t limit) const {
    const char* base = buf_.data();
    while (from < limit) {
        const void* p = std::memchr(base + from, '\n', limit - from);
        if (!p) return std::string::npos;
        const auto i = static_cast<std::size_t>(static_cast<const char*>(p) - base);
        if (unit_ == 1) return i + 1;
        // UTF-16: the byte 0x0A must be the low half of a unit 0x000A at an even offset.
        const std::size_t start = big_endian_ ? i - (i % 2) : i;
        if (start % 2 == 0 && start + 2 <= limit && start + 1 < buf_.size()) {
            const char other = big_endian_ ? base[start] : base[start + 1];
            if (other == 0 && (big_endian_ ? i == start + 1 : i == start)) return start + 2;
        }
        from = i + 1;
    }
    return std::string::npos;
}

std::string_view line_tap::push(std::string_view bytes) {
    buf_.append(bytes);
    if (unit_ == 0) {
        if (buf_.size() < 4) return {};
        detect();
    }
    // Find the line ends among the new bytes (whole units only).
    const std::size_t limit = buf_.size() - buf_.size() % static_cast<std::size_t>(unit_);
    std::size_t from = std::max(complete_, scanned_);
    for (std::size_t e = next_line_end(from, limit); e != std::string::npos;
         e = next_line_end(from, limit)) {
        ++last_line_;
        complete_ = e;
        from = e;
    }
    scanned_ = limit;
    std::size_t ready = complete_;
    if (buf_.size() - complete_ > cap_) ready = buf_.size();  // one line longer than the cap
    if (ready <= fed_) return {};
    const std::string_view out = std::string_view(buf_).substr(fed_, ready - fed_);
    fed_ = ready;
    return out;
}

std::string_view line_tap::finish() {
    if (unit_ == 0) {
        if (buf_.empty()) return {};
        unit_ = 1;
    }
    if (buf_.size() > complete_) {
        ++last_line_;  // the last line, without a line end
        complete_ = buf_.size();
    }
    if (fed_ >= buf_.size()) return {};
    const std::string_view out = std::string_view(buf_).substr(fed_);
    fed_ = buf_.size();
    return out;
}

void line_tap::drop(std::size_t n) {
    if (n == 0) return;
    buf_.erase(0, n);
    complete_ -= std::min(complete_, n);
    fed_ -= std::min(fed_, n);
    scanned_ -= std::min(scanned_, n);
    at_file_start_ = false;
}

void line_tap::release_before(std::int64_t line) {
    if (unit_ == 0) return;
    std::size_t target = 0;
    std::int64_t first = first_line_;
    bool cut = head_cut_;
    while (target < complete_ && (first < line || buf_.size() - target > cap_)) {
        target = next_line_end(target, complete_);
        if (target == std::string::npos) target = complete_;  // the last line has no end yet
        ++first;
        cut = false;
    }
    if (buf_.size() - target > cap_ && fed_ > complete_) {
        // The unfinished line passed the cap and went to the parser: its beginning goes.
        target = fed_ - fed_ % static_cast<std::size_t>(unit_);
        first = last_line_ + 1;
        cut = true;
    }
    drop(target);
    first_line_ = first;
    head_cut_ = cut;
}

std::size_t line_tap::line_start(std::int64_t line) const {
    std::size_t off = 0;
    for (std::int64_t l = first_line_; l < line && off < complete_; ++l) {
        const std::size_t e = next_line_end(off, complete_);
        off = e == std::string::npos ? complete_ : e;
    }
    return off;
}

std::optional<std::string_view> line_tap::raw_lines(std::int64_t first, std::int64_t last) const {
    if (unit_ == 0 || first > last || last > last_line_) return std::nullopt;
    if (first < first_line_ || (first == first_line_ && head_cut_)) return std::nullopt;
    std::size_t begin = line_start(first);
    std::size_t end = begin;
    for (std::int64_t l = first; l <= last && end < complete_; ++l) {
        const std::size_t e = next_line_end(end, complete_);
        end = e == std::string::npos ? complete_ : e;
    }
    if (first == 1 && at_file_start_ && first_line_ == 1) begin = std::min(bom_, end);
    return std::string_view(buf_).substr(begin, end - begin);
}

bool line_tap::decode(std::string_view raw, std::string_view encoding, std::string& out) const {
    out.clear();
    const std::string enc = lower_ascii(encoding);
    if (enc.starts_with("utf-16") || enc == "utf16" || enc == "ucs-2") {
        if (unit_ != 2) return false;
        if (enc == "utf-16le" && big_endian_) return false;
        if (enc == "utf-16be" && !big_endian_) return false;
        // A BOM in front, so that a U+FEFF beginning the line is kept as the text it is.
        const std::string_view bom = big_endian_ ? "\xFE\xFF" : "\xFF\xFE";
        text::text_decoder d(big_endian_ ? text::encoding::utf16be : text::encoding::utf16le);
        return d.decode(bom, out) && d.decode(raw, out) && d.finish();
    }
    // UTF-8 (ASCII) or a code page libxml2 converts through iconv ("windows-1252", "CP850"):
    // the same iconv tables here. A name csx does not know gives no excerpt rather than a
    // wrong one.
    const auto e = text::encoding_named(enc);
    if (unit_ != 1 || !e || e->is_utf16()) return false;
    text::text_decoder d(*e);
    return d.decode(raw, out) && d.finish();
}

std::optional<source_excerpt> line_tap::excerpt(std::string_view name, std::int64_t start_line,
                                                int nth, std::int64_t end_line,
                                                std::string_view encoding) {
    if (end_line < start_line) return std::nullopt;
    // The line holding `<name`: libxml2's start line is that of the tag's '>'.
    std::int64_t first = 0;
    std::size_t at = 0;
    for (std::int64_t l = start_line; l >= 1 && l > start_line - kStartTagLines; --l) {
        const auto raw = raw_lines(l, l);
        if (!raw || !decode(*raw, encoding, line_)) return std::nullopt;
        at = start_tag_at(line_, name, l == start_line ? nth : -1);
        if (at != std::string_view::npos) {
            first = l;
            break;
        }
    }
    if (first == 0 || at > kOutsideText) return std::nullopt;  // not found; a crowded line
    const auto last_raw = raw_lines(end_line, end_line);
    if (!last_raw || !decode(*last_raw, encoding, line_)) return std::nullopt;
    const auto end = end_tag_after(line_, name, end_line == first ? at : 0);
    if (end == std::string_view::npos || line_.size() - end > kOutsideText + 2) return std::nullopt;
    const auto raw = raw_lines(first, end_line);
    if (!raw || !decode(*raw, encoding, out_)) return std::nullopt;
    // Without the last line's end (LF, and the CR of a CRLF).
    if (!out_.empty() && out_.back() == '\n') out_.pop_back();
    if (!out_.empty() && out_.back() == '\r') out_.pop_back();
    source_excerpt x;
    x.first_line = first;
    if (out_.size() > kExcerptCap) {
        const std::size_t keep = utf8::cut_at_boundary(out_, kExcerptCap);
        x.cut = out_.size() - keep;
        out_.resize(keep);
    }
    x.text = out_;
    return x;
}

}  // namespace csx::ingest
