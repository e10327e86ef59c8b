#include <catch2/catch.hpp>

#include "text/text_decoder.hpp"
#include "util/utf8.hpp"

using namespace csx::text;

TEST_CASE("text_decoder turns UTF-16LE with surrogates into UTF-8 across chunk edges", "[text]") {
    // "a€😀" in UTF-16LE with BOM, fed one byte at a time.
    const std::string bytes(
        "\xff\xfe"
        "a\x00"
        "\xac\x20"
        "\x3d\xd8\x00\xde",
        10);
    text_decoder d(encoding::utf16le);
    std::string out;
    for (char c : bytes)
        REQUIRE(d.decode(std::string_view(&c, 1), out));
    REQUIRE(d.finish());
    CHECK(out == "a\xe2\x82\xac\xf0\x9f\x98\x80");
}

TEST_CASE("text_decoder reports odd-length UTF-16 and lone surrogates", "[text]") {
    text_decoder odd(encoding::utf16le);
    std::string out;
    REQUIRE(odd.decode(std::string("\xff\xfe"
                                   "a\x00"
                                   "b",
                                   5),
                       out));
    CHECK_FALSE(odd.finish());
    CHECK(odd.error()->find("odd number of bytes") != std::string::npos);

    text_decoder lone(encoding::utf16le);
    out.clear();
    CHECK_FALSE(lone.decode(std::string("\xff\xfe"
                                        "\x00\xdc",
                                        4),
                            out));
    CHECK(lone.error()->find("surrogate") != std::string::npos);
}

TEST_CASE("text_decoder validates UTF-8 and keeps the valid prefix", "[text]") {
    text_decoder d(encoding::utf8);
    std::string out;
    CHECK(d.decode("ok \xc3", out));  // incomplete sequence waits for the next chunk
    CHECK(d.decode("\xa9 then \xff bad", out) == false);
    CHECK(out == "ok \xc3\xa9 then ");
    CHECK(d.error()->find("0xFF") != std::string::npos);
}

TEST_CASE("text_decoder maps windows-1252 specials", "[text]") {
    text_decoder d(encoding::windows1252);
    std::string out;
    REQUIRE(d.decode("\x80 \xe9", out));
    CHECK(out == "\xe2\x82\xac \xc3\xa9");
}

TEST_CASE("utf8::valid tolerates a cut sequence only when the sample is partial", "[text]") {
    CHECK(csx::utf8::valid("abc\xe2\x82", false));
    CHECK_FALSE(csx::utf8::valid("abc\xe2\x82", true));
    CHECK_FALSE(csx::utf8::valid("\xc0\x80", false));  // overlong
}
