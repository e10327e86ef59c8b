#include <catch2/catch.hpp>

#include "ingest/error_code.hpp"

using csx::ingest::normalize_error_code;

TEST_CASE("error codes written in hex and decimal normalise to one integer", "[ingest]") {
    CHECK(normalize_error_code("0x2098") == 8344);
    CHECK(normalize_error_code("8344") == 8344);
    CHECK(normalize_error_code(" 0X00002098 ") == 8344);
    CHECK(normalize_error_code("0x80072098") == 8344);          // HRESULT_FROM_WIN32
    CHECK(normalize_error_code("-2147016552") == 8344);         // the same HRESULT, signed decimal
    CHECK(normalize_error_code("0x80230703") == 0x80230703LL);  // FIM extension error stays
    CHECK(normalize_error_code("8453") == 8453);
    CHECK(normalize_error_code("0x51") == 81);
}

TEST_CASE("non-numeric error codes give no number", "[ingest]") {
    CHECK_FALSE(normalize_error_code(""));
    CHECK_FALSE(normalize_error_code("AttributeValueMustBeUnique"));
    CHECK_FALSE(normalize_error_code("0x"));
    CHECK_FALSE(normalize_error_code("12abc"));
}
