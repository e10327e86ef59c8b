#include "util/time.hpp"

#include <charconv>
#include <cstdint>
#include <cstdlib>

#include <fmt/format.h>

#include "util/text.hpp"

namespace csx::utc {

namespace {

using namespace std::chrono;

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

// Four-digit years only: what the text form can hold.
bool writable(millis t) {
    const year_month_day ymd{floor<days>(t)};
    return ymd.ok() && ymd.year() >= year{0} && ymd.year() <= year{9999};
}

// /Date(1714640788687)/ or /Date(1714640788687+0200)/ (the offset is informational: the
// milliseconds are UTC).
parse_status ms_date(std::string_view s, std::string& out) {
    const auto open = s.find('(');
    std::int64_t ms = 0;
    const auto [p, ec] = std::from_chars(s.data() + open + 1, s.data() + s.size(), ms);
    if (ec != std::errc()) {
        out.assign(s);
        return parse_status::not_a_time;
    }
    // Beyond year 9999 either way (and far from any overflow of the calendar arithmetic).
    if (ms > 253'402'300'799'999 || ms < -62'167'219'200'000) {
        out.assign(s);
        return parse_status::impossible;
    }
    const millis t{milliseconds{ms}};
    if (!writable(t)) {
        out.assign(s);
        return parse_status::impossible;
    }
    out = format_millis(t);
    return parse_status::normalized;
}

}  // namespace

namespace {

// 'YYYY-MM-DD[ T]HH:MM:SS[.f...][Z|+HH[:MM]|-HH[:MM]]' (trimmed) into `t`, UTC.
parse_status read_time(std::string_view s, millis& t) {
    int Y, M, D, h, mi, sec;
    if (!digits(s, 0, 4, Y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, M) || s[7] != '-' ||
        !digits(s, 8, 2, D) || (s[10] != ' ' && s[10] != 'T') || !digits(s, 11, 2, h) ||
        s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec))
        return parse_status::not_a_time;
    std::size_t i = 19;
    int ms = 0;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        ++i;
        int scale = 100;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            ms += (s[i] - '0') * scale;
            scale /= 10;
            ++i;
        }
    }
    int offset_min = 0;
    bool offset_ok = true;
    if (i < s.size()) {
        if (s[i] == 'Z' || s[i] == 'z') {
            ++i;
        } else if (s[i] == '+' || s[i] == '-') {
            int oh = 0, om = 0;
            if (!digits(s, i + 1, 2, oh)) return parse_status::not_a_time;
            std::size_t j = i + 3;
            if (j < s.size() && s[j] == ':') ++j;
            if (j < s.size() && !digits(s, j, 2, om)) return parse_status::not_a_time;
            if (j < s.size()) j += 2;
            offset_ok = oh <= 23 && om <= 59;
            offset_min = (oh * 60 + om) * (s[i] == '-' ? -1 : 1);
            i = j;
        }
    }
    if (i != s.size()) return parse_status::not_a_time;
    // The shape is a timestamp's: from here on, a field out of range is an impossible time.
    const year_month_day ymd{year{Y}, month{static_cast<unsigned>(M)},
                             day{static_cast<unsigned>(D)}};
    if (!ymd.ok() || h > 23 || mi > 59 || sec > 59 || !offset_ok) return parse_status::impossible;
    t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec} + milliseconds{ms} -
        minutes{offset_min};
    return writable(t) ? parse_status::normalized : parse_status::impossible;
}

}  // namespace

parse_status normalize(std::string_view raw, std::string& out) {
    const std::string_view s = text::trim(raw);
    if (s.starts_with("/Date(") || s.starts_with("\\/Date(")) return ms_date(s, out);
    millis t{};
    const parse_status st = read_time(s, t);
    if (st == parse_status::normalized)
        out = format_millis(t);
    else
        out.assign(s);  // kept as written
    return st;
}

std::string normalize(std::string_view raw) {
    std::string out;
    normalize(raw, out);
    return out;
}

std::optional<millis> parse(std::string_view t) {
    if (t.size() < 19 || t[10] != ' ') return std::nullopt;  // the normalised form only
    millis tp{};
    if (read_time(text::trim(t), tp) != parse_status::normalized) return std::nullopt;
    return tp;
}

std::string format_millis(millis t) {
    const auto d = floor<days>(t);
    const year_month_day ymd{d};
    const hh_mm_ss<milliseconds> tod{t - d};
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                       tod.hours().count(), tod.minutes().count(), tod.seconds().count(),
                       tod.subseconds().count());
}

std::string format_seconds(sys_seconds t) {
    return format_millis(t).substr(0, 19);
}

std::string format_day(sys_days d) {
    const year_month_day ymd{d};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string format_utc(std::time_t t) {
    return format_seconds(sys_seconds{seconds{t}});
}

std::string now_utc() {
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
        char* end = nullptr;
        const long long v = std::strtoll(epoch, &end, 10);
        if (end != epoch && end && *end == '\0') return format_utc(static_cast<std::time_t>(v));
    }
    return format_seconds(floor<seconds>(system_clock::now()));
}

}  // namespace csx::utc
