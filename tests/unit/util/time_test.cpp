// util/time: normalising input timestamps (never moving an impossible date), reading them back,
// writing them, the clock.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "util/time.hpp"

using namespace csx;
using utc::parse_status;

namespace {

std::pair<parse_status, std::string> norm(std::string_view raw) {
    std::string out;
    const auto st = utc::normalize(raw, out);
    return {st, out};
}

}  // namespace

TEST_CASE("utc::normalize accepts the forms the inputs use", "[util][time]") {
    CHECK(utc::normalize("2024-05-02 09:06:28.687") == "2024-05-02 09:06:28.687");
    CHECK(utc::normalize(" 2024-05-02 09:06:28 ") == "2024-05-02 09:06:28.000");
    CHECK(utc::normalize("2024-05-02T09:06:28Z") == "2024-05-02 09:06:28.000");
    CHECK(utc::normalize("2024-05-02T09:06:28.6870000Z") == "2024-05-02 09:06:28.687");
    CHECK(utc::normalize("2024-05-02T01:06:28.5+02:00") == "2024-05-01 23:06:28.500");
    CHECK(utc::normalize("2024-12-31T23:30:00-01:00") == "2025-01-01 00:30:00.000");
    CHECK(utc::normalize("/Date(1714640788687)/") == "2024-05-02 09:06:28.687");
    CHECK(utc::normalize("/Date(-1000)/") == "1969-12-31 23:59:59.000");
    CHECK(norm("2024-02-29 12:00:00").first == parse_status::normalized);  // a leap year
    CHECK(norm("2000-02-29 12:00:00").first == parse_status::normalized);  // divisible by 400
}

TEST_CASE("utc::normalize never moves a date that does not exist", "[util][time]") {
    // Calendar arithmetic without validation made these March 2 and March 1.
    for (const char* bad : {"2024-02-31 10:00:00", "2023-02-29 10:00:00", "1900-02-29 10:00:00",
                            "2024-13-02 09:06:28", "2024-00-10 09:06:28", "2024-04-31T00:00:00Z",
                            "2024-05-02 24:00:00", "2024-05-02 23:60:00", "2024-05-02 23:59:60",
                            "2024-05-02T10:00:00+24:00", "2024-05-02T10:00:00+01:60",
                            "2024-05-00 10:00:00", "/Date(999999999999999999)/"}) {
        INFO(bad);
        const auto [st, out] = norm(bad);
        CHECK(st == parse_status::impossible);
        CHECK(out == bad);  // stored as written
    }
}

TEST_CASE("utc::normalize keeps what it does not understand", "[util][time]") {
    CHECK(norm("yesterday") == std::pair{parse_status::not_a_time, std::string("yesterday")});
    CHECK(norm(" 2024-05-02 ").first == parse_status::not_a_time);
    CHECK(norm("2024-05-02 09:06:28 PM").first == parse_status::not_a_time);
    CHECK(norm("/Date(abc)/").first == parse_status::not_a_time);
}

TEST_CASE("utc::parse reads normalised times back, format writes them", "[util][time]") {
    const auto t = utc::parse("2024-05-02 09:06:28.687");
    REQUIRE(t);
    CHECK(t->time_since_epoch().count() == 1714640788687);
    CHECK(utc::format_millis(*t) == "2024-05-02 09:06:28.687");
    CHECK(utc::parse("2024-05-02 09:06:28"));
    CHECK_FALSE(utc::parse("2024-02-30 09:06:28"));
    CHECK_FALSE(utc::parse("2024-05-02T09:06:28Z"));  // not the normalised form
    CHECK_FALSE(utc::parse("soon"));
    CHECK(utc::format_utc(0) == "1970-01-01 00:00:00");
    CHECK(utc::format_day(std::chrono::sys_days{std::chrono::year{2024} / 2 / 29}) == "2024-02-29");
}

TEST_CASE("utc::now_utc follows SOURCE_DATE_EPOCH", "[util][time]") {
    ::setenv("SOURCE_DATE_EPOCH", "1764000000", 1);
    CHECK(utc::now_utc() == "2025-11-24 16:00:00");
    ::unsetenv("SOURCE_DATE_EPOCH");
    const std::string now = utc::now_utc();
    CHECK(now.size() == 19);
    CHECK(utc::parse(now));
}
