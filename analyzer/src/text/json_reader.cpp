#include "text/json_reader.hpp"

#include <fmt/format.h>

#include "util/utf8.hpp"

namespace csx::text {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool valid_number(std::string_view s) {
    std::size_t i = 0;
    if (i < s.size() && s[i] == '-') ++i;
    if (i >= s.size()) return false;
    if (s[i] == '0') {
        ++i;
    } else if (s[i] >= '1' && s[i] <= '9') {
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
    } else {
        return false;
    }
    if (i < s.size() && s[i] == '.') {
        ++i;
        std::size_t d = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
        if (i == d) return false;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        std::size_t d = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
        if (i == d) return false;
    }
    return i == s.size();
}

}  // namespace

bool json_reader::fail(std::string message) {
    if (!failure_) {
        const std::int64_t col = consumed_ + static_cast<std::int64_t>(pos_) - line_start_ + 1;
        failure_ = damage{line_, col, std::move(message)};
    }
    return false;
}

bool json_reader::feed(std::string_view utf8) {
    if (failure_) return false;
    buf_.append(utf8);
    return run(false);
}

bool json_reader::finish() {
    if (failure_) return false;
    if (!run(true)) return false;
    if (expect_ != expect::done) {
        if (stack_.empty()) return fail("the file holds no JSON value");
        return fail(fmt::format("the file ends inside a JSON {} (expected '{}')",
                                stack_.back() == '{' ? "object" : "array",
                                stack_.back() == '{' ? '}' : ']'));
    }
    return true;
}

void json_reader::begin_capture(std::size_t cap) {
    // Called from start_object/start_array: the opening bracket is buf_[pos_ - 1].
    capturing_ = true;
    capture_cap_ = cap;
    capture_.clear();
    capture_total_ = 0;
    capture_from_ = pos_ - 1;
    if (token_opens_line_) {
        capture_ = indent_;  // at most kMaxIndent: trimmed to the cap at the end like the rest
        capture_total_ = indent_.size();
    }
}

void json_reader::keep_captured(std::size_t end) {
    // A few bytes past the cap are kept to find the character boundary at the cut.
    const std::size_t n = end - capture_from_, room = capture_cap_ + 4;
    if (capture_.size() < room)
        capture_.append(buf_, capture_from_, std::min(n, room - capture_.size()));
    capture_total_ += n;
    capture_from_ = end;
}

json_reader::capture json_reader::end_capture() {
    // Called from end_object/end_array: the closing bracket is buf_[pos_ - 1].
    capture c;
    if (!capturing_) return c;
    capturing_ = false;
    keep_captured(pos_);
    if (capture_total_ > capture_cap_) {
        capture_.resize(utf8::cut_at_boundary(capture_, capture_cap_));
    }
    c.cut = capture_total_ - capture_.size();
    c.text = std::move(capture_);
    capture_.clear();
    return c;
}

void json_reader::after_value() {
    expect_ = stack_.empty() ? expect::done : expect::comma_or_end;
}

void json_reader::begin_string(bool is_key, std::int64_t line) {
    in_string_ = true;
    string_is_key_ = is_key;
    string_line_ = line;
    string_scan_ = pos_ + 1;
    string_high_ = 0;
    string_bytes_ = 0;
    string_cut_ = false;
    scratch_.clear();
}

void json_reader::put(std::string_view piece) {
    // Every decoded byte counts toward the cap, escapes included ("\\n" x 16 Mi is 16 MiB of
    // value); past it the value is only counted, so memory stays bounded.
    string_bytes_ += piece.size();
    if (string_cut_) return;
    const std::size_t room = kMaxString - scratch_.size();
    if (piece.size() <= room) {
        scratch_.append(piece);
        return;
    }
    scratch_.append(piece.substr(0, utf8::cut_at_boundary(piece, room)));
    string_cut_ = true;
}

// Continues the string begun by begin_string() from buf_[string_scan_], where the last call
// stopped: each input byte is looked at once, however many chunks the string spans. Returns
// false on damage; complete=false when more input is needed.
bool json_reader::read_string(bool final, bool& complete) {
    complete = false;
    std::size_t i = string_scan_;
    char one[1];
    std::string cp;
    while (i < buf_.size()) {
        const char c = buf_[i];
        if (c == '"') {
            if (string_high_) return fail("unpaired UTF-16 surrogate escape in a JSON string");
            pos_ = i + 1;
            in_string_ = false;
            complete = true;
            if (string_cut_ && !notice_)
                notice_ = damage{string_line_, 0,
                                 fmt::format("a JSON string at line {} holds {} bytes, more than "
                                             "the {} MiB csx stores for one value: it is kept cut "
                                             "at that size",
                                             string_line_, string_bytes_, kMaxString >> 20)};
            return true;
        }
        if (static_cast<unsigned char>(c) < 0x20) {
            pos_ = i;
            return fail("control character inside a JSON string (expected '\"' to close it)");
        }
        if (c == '\\') {
            if (i + 1 >= buf_.size()) break;
            const char e = buf_[i + 1];
            if (e == 'u') {
                if (i + 6 > buf_.size()) break;
                std::uint32_t v = 0;
                for (std::size_t k = i + 2; k < i + 6; ++k) {
                    int h = utf8::hex_value(buf_[k]);
                    if (h < 0) {
                        pos_ = k;
                        return fail("invalid \\u escape in a JSON string");
                    }
                    v = v * 16 + static_cast<std::uint32_t>(h);
                }
                pos_ = i;
                if (v >= 0xD800 && v <= 0xDBFF) {
                    if (string_high_)
                        return fail("unpaired UTF-16 surrogate escape in a JSON string");
                    string_high_ = v;
                } else if (v >= 0xDC00 && v <= 0xDFFF) {
                    if (!string_high_)
                        return fail("unpaired UTF-16 surrogate escape in a JSON string");
                    cp.clear();
                    utf8::append(cp, 0x10000 + ((string_high_ - 0xD800) << 10) + (v - 0xDC00));
                    put(cp);
                    string_high_ = 0;
                } else {
                    if (string_high_)
                        return fail("unpaired UTF-16 surrogate escape in a JSON string");
                    if (v == 0) {
                        // Kept, a NUL would cut the value wherever it is used as text
                        // ("sales\u0000@x" becomes "sales"): damage, never a silent cut.
                        return fail(
                            "a NUL character (\\u0000) inside a JSON string: no "
                            "directory value holds one");
                    }
                    cp.clear();
                    utf8::append(cp, v);
                    put(cp);
                }
                i += 6;
                string_scan_ = i;
                continue;
            }
            if (string_high_) {
                pos_ = i;
                return fail("unpaired UTF-16 surrogate escape in a JSON string");
            }
            switch (e) {
                case '"':
                case '\\':
                case '/':
                    one[0] = e;
                    break;
                case 'b':
                    one[0] = '\b';
                    break;
                case 'f':
                    one[0] = '\f';
                    break;
                case 'n':
                    one[0] = '\n';
                    break;
                case 'r':
                    one[0] = '\r';
                    break;
                case 't':
                    one[0] = '\t';
                    break;
                default:
                    pos_ = i;
                    return fail(fmt::format("invalid escape '\\{}' in a JSON string", e));
            }
            put(std::string_view(one, 1));
            i += 2;
            string_scan_ = i;
            continue;
        }
        if (string_high_) {
            pos_ = i;
            return fail("unpaired UTF-16 surrogate escape in a JSON string");
        }
        // A run of plain characters at once.
        std::size_t e = i + 1;
        while (e < buf_.size() && buf_[e] != '"' && buf_[e] != '\\' &&
               static_cast<unsigned char>(buf_[e]) >= 0x20)
            ++e;
        put(std::string_view(buf_).substr(i, e - i));
        i = e;
        string_scan_ = i;
    }
    if (final) return fail("the file ends inside a JSON string (expected '\"')");
    return true;  // incomplete: wait for more input
}

bool json_reader::run(bool final) {
    while (true) {
        if (in_string_) {
            bool complete = false;
            if (!read_string(final, complete)) return false;
            if (!complete) goto need_more;
            if (string_is_key_) {
                events_.key(scratch_);
                expect_ = expect::colon;
            } else {
                events_.scalar(json_scalar::string, scratch_, string_line_);
                after_value();
            }
            continue;
        }
        // Skip whitespace, counting lines.
        while (pos_ < buf_.size() && is_space(buf_[pos_])) {
            const char s = buf_[pos_];
            if (s == '\n') {
                ++line_;
                line_start_ = consumed_ + static_cast<std::int64_t>(pos_) + 1;
                indent_.clear();
                line_blank_ = true;
            } else if (line_blank_ && s != '\r') {
                if (indent_.size() < kMaxIndent)
                    indent_ += s;
                else
                    line_blank_ = false;  // too deep to be indentation worth keeping
            }
            ++pos_;
        }
        if (pos_ >= buf_.size()) break;
        const char c = buf_[pos_];
        token_opens_line_ = line_blank_;
        line_blank_ = false;
        const std::int64_t line = line_;
        switch (expect_) {
            case expect::done:
                return fail("unexpected content after the JSON value");
            case expect::colon:
                if (c != ':') return fail("expected ':' after an object key");
                ++pos_;
                expect_ = expect::value;
                continue;
            case expect::comma_or_end:
                if (c == ',') {
                    ++pos_;
                    expect_ = stack_.back() == '{' ? expect::key : expect::value;
                    continue;
                }
                if ((c == '}' && stack_.back() == '{') || (c == ']' && stack_.back() == '[')) {
                    ++pos_;
                    const char open = stack_.back();
                    stack_.pop_back();
                    if (open == '{') {
                        events_.end_object();
                    } else {
                        events_.end_array();
                    }
                    after_value();
                    continue;
                }
                return fail(fmt::format("expected ',' or '{}'", stack_.back() == '{' ? '}' : ']'));
            case expect::key_or_end:
            case expect::key:
                if (c == '}' && expect_ == expect::key_or_end) {
                    ++pos_;
                    stack_.pop_back();
                    events_.end_object();
                    after_value();
                    continue;
                }
                if (c != '"') return fail("expected a string key in a JSON object");
                begin_string(true, line);
                continue;
            case expect::value_or_end:
                if (c == ']') {
                    ++pos_;
                    stack_.pop_back();
                    events_.end_array();
                    after_value();
                    continue;
                }
                [[fallthrough]];
            case expect::value:
                if (c == '{' || c == '[') {
                    if (stack_.size() >= kMaxDepth)
                        return fail("JSON nested more than 512 levels deep");
                    ++pos_;
                    stack_.push_back(c);
                    if (c == '{') {
                        events_.start_object(line);
                        expect_ = expect::key_or_end;
                    } else {
                        events_.start_array(line);
                        expect_ = expect::value_or_end;
                    }
                    continue;
                }
                if (c == '"') {
                    begin_string(false, line);
                    continue;
                }
                {
                    std::size_t e = pos_;
                    while (e < buf_.size() && !is_space(buf_[e]) && buf_[e] != ',' &&
                           buf_[e] != '}' && buf_[e] != ']' && buf_[e] != ':')
                        ++e;
                    if (e == buf_.size() && !final) goto need_more;
                    std::string_view tok(buf_.data() + pos_, e - pos_);
                    json_scalar kind;
                    if (tok == "true" || tok == "false") {
                        kind = json_scalar::boolean;
                    } else if (tok == "null") {
                        kind = json_scalar::null;
                    } else if (valid_number(tok)) {
                        kind = json_scalar::number;
                    } else {
                        return fail(
                            fmt::format("expected a JSON value, found '{}'",
                                        tok.substr(0, std::min<std::size_t>(tok.size(), 20))));
                    }
                    pos_ = e;
                    events_.scalar(kind, tok, line);
                    after_value();
                }
                continue;
        }
    }
need_more:
    // Drop what was consumed so the buffer holds at most one token's worth of backlog; inside a
    // string, what was already decoded (it is in scratch_), so a long string is not kept twice.
    {
        const std::size_t drop = in_string_ ? string_scan_ : pos_;
        if (drop > 0) {
            if (capturing_) {
                keep_captured(drop);
                capture_from_ = 0;
            }
            consumed_ += static_cast<std::int64_t>(drop);
            buf_.erase(0, drop);
            pos_ = in_string_ ? 0 : pos_ - drop;
            if (in_string_) string_scan_ = 0;
        }
    }
    return true;
}

}  // namespace csx::text
