// util/utf8: the one UTF-8 walker: validation, truncation at a chunk end, boundary cuts.
#include <catch2/catch.hpp>

#include <string>

#include "util/utf8.hpp"

using namespace csx;

TEST_CASE("utf8 rejects overlong forms, surrogates and code points past U+10FFFF", "[util]") {
    for (const std::string bad : {"\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xE0\x9F\xBF",
                                  "\xF0\x80\x80\xAF", "\xF0\x8F\xBF\xBF", "\xED\xA0\x80",
                                  "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\x80", "\xFF"}) {
        CAPTURE(bad);
        CHECK(utf8::sequence_length(bad, 0) == 0);
        std::size_t i = 0;
        CHECK(utf8::decode(bad, i) == utf8::kMalformed);
        CHECK(i == 1);
        CHECK_FALSE(utf8::valid(bad));
        CHECK_FALSE(utf8::valid(bad, false));  // not a cut sequence either
        CHECK(utf8::valid_prefix("ok" + bad) == 2);
    }
    for (const std::string good :
         {"\xC2\x80", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF"}) {
        CAPTURE(good);
        CHECK(utf8::valid(good));
        CHECK(utf8::valid_prefix(good) == good.size());
    }
}

TEST_CASE("utf8 tells a sequence cut by the end from an invalid one", "[util]") {
    CHECK(utf8::truncated_sequence("\xC3"));
    CHECK(utf8::truncated_sequence("\xE2\x82"));
    CHECK(utf8::truncated_sequence("\xF0\x9F\x98"));
    CHECK_FALSE(utf8::truncated_sequence("\xE0\x80"));  // would be overlong
    CHECK_FALSE(utf8::truncated_sequence("\xED\xA0"));  // would be a surrogate
    CHECK_FALSE(utf8::truncated_sequence("\xC3\xA9"));  // whole
    CHECK_FALSE(utf8::truncated_sequence("\xC3x"));
    CHECK(utf8::valid("abc\xE2\x82", false));
    CHECK_FALSE(utf8::valid("abc\xE2\x82", true));
}

TEST_CASE("utf8::cut_at_boundary never splits a character", "[util]") {
    const std::string s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";  // a é € 😀
    CHECK(utf8::cut_at_boundary(s, 0) == 0);
    CHECK(utf8::cut_at_boundary(s, 1) == 1);
    CHECK(utf8::cut_at_boundary(s, 2) == 1);
    CHECK(utf8::cut_at_boundary(s, 3) == 3);
    CHECK(utf8::cut_at_boundary(s, 5) == 3);
    CHECK(utf8::cut_at_boundary(s, 9) == 6);
    CHECK(utf8::cut_at_boundary(s, 10) == 10);
    CHECK(utf8::cut_at_boundary(s, 99) == s.size());
}
