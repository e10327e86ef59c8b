#include <catch2/catch.hpp>

#include "ingest/timestamp.hpp"

using csx::ingest::normalize_time;

TEST_CASE("normalize_time accepts the forms the inputs use", "[ingest]") {
    CHECK(normalize_time("2024-05-02 09:06:28.687") == "2024-05-02 09:06:28.687");
    CHECK(normalize_time(" 2024-05-02 09:06:28 ") == "2024-05-02 09:06:28.000");
    CHECK(normalize_time("2024-05-02T09:06:28Z") == "2024-05-02 09:06:28.000");
    CHECK(normalize_time("2024-05-02T09:06:28.6870000Z") == "2024-05-02 09:06:28.687");
    CHECK(normalize_time("2024-05-02T01:06:28.5+02:00") == "2024-05-01 23:06:28.500");
    CHECK(normalize_time("2024-12-31T23:30:00-01:00") == "2025-01-01 00:30:00.000");
    CHECK(normalize_time("/Date(1714640788687)/") == "2024-05-02 09:06:28.687");
}

TEST_CASE("normalize_time keeps what it does not understand", "[ingest]") {
    CHECK(normalize_time("yesterday") == "yesterday");
    CHECK(normalize_time("2024-13-02 09:06:28") == "2024-13-02 09:06:28");
}
