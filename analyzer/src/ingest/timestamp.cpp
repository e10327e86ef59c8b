#include "ingest/timestamp.hpp"

#include <charconv>
#include <cstdint>

namespace csx::ingest {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() &&
           (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

void put_digits(std::string& out, std::int64_t v, int width) {
    char buf[20];
    int n = 0;
    do {
        buf[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v > 0 && n < 20);
    for (int i = n; i < width; ++i)
        out += '0';
    while (n > 0)
        out += buf[--n];
}

void format_ms(std::int64_t ms_since_epoch, std::string& out) {
    std::int64_t days = ms_since_epoch / 86'400'000;
    std::int64_t rem = ms_since_epoch % 86'400'000;
    if (rem < 0) {
        rem += 86'400'000;
        --days;
    }
    std::int64_t y;
    unsigned m, d;
    civil_from_days(days, y, m, d);
    out.clear();
    put_digits(out, y, 4);
    out += '-';
    put_digits(out, m, 2);
    out += '-';
    put_digits(out, d, 2);
    out += ' ';
    put_digits(out, rem / 3'600'000, 2);
    out += ':';
    put_digits(out, rem / 60'000 % 60, 2);
    out += ':';
    put_digits(out, rem / 1000 % 60, 2);
    out += '.';
    put_digits(out, rem % 1000, 3);
}

}  // namespace

std::string normalize_time(std::string_view raw) {
    std::string out;
    normalize_time(raw, out);
    return out;
}

void normalize_time(std::string_view raw, std::string& out) {
    const std::string_view s = trim(raw);
    auto keep_as_written = [&] { out.assign(s); };
    // /Date(1714640788687)/ or /Date(1714640788687+0200)/ (the offset is informational: ms are UTC)
    if (s.starts_with("/Date(") || s.starts_with("\\/Date(")) {
        auto open = s.find('(');
        std::int64_t ms = 0;
        auto [p, ec] = std::from_chars(s.data() + open + 1, s.data() + s.size(), ms);
        if (ec == std::errc()) {
            format_ms(ms, out);
        } else {
            keep_as_written();
        }
        return;
    }
    int Y, M, D, h, mi, sec;
    if (!digits(s, 0, 4, Y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, M) || s[7] != '-' ||
        !digits(s, 8, 2, D) || (s[10] != ' ' && s[10] != 'T') || !digits(s, 11, 2, h) ||
        s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec) || M < 1 ||
        M > 12 || D < 1 || D > 31 || h > 23 || mi > 59 || sec > 60) {
        keep_as_written();
        return;
    }
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
    std::int64_t offset_min = 0;
    if (i < s.size()) {
        if (s[i] == 'Z' || s[i] == 'z') {
            ++i;
        } else if (s[i] == '+' || s[i] == '-') {
            int oh, om = 0;
            if (!digits(s, i + 1, 2, oh)) {
                keep_as_written();
                return;
            }
            std::size_t j = i + 3;
            if (j < s.size() && s[j] == ':') ++j;
            if (j < s.size() && !digits(s, j, 2, om)) {
                keep_as_written();
                return;
            }
            if (j < s.size()) j += 2;
            offset_min = (oh * 60 + om) * (s[i] == '-' ? -1 : 1);
            i = j;
        }
    }
    if (i != s.size()) {
        keep_as_written();
        return;
    }
    std::int64_t t =
        days_from_civil(Y, static_cast<unsigned>(M), static_cast<unsigned>(D)) * 86'400'000 +
        (h * 3600 + mi * 60 + sec) * 1000LL + ms - offset_min * 60'000;
    format_ms(t, out);
}

}  // namespace csx::ingest
