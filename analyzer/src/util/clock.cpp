#include "util/clock.hpp"

#include <cstdlib>

#include <fmt/format.h>

namespace csx {

std::string format_utc(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1,
                       tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string now_utc() {
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
        char* end = nullptr;
        const long long v = std::strtoll(epoch, &end, 10);
        if (end != epoch && end && *end == '\0') return format_utc(static_cast<std::time_t>(v));
    }
    return format_utc(std::time(nullptr));
}

}  // namespace csx
