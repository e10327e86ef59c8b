#include <catch2/catch.hpp>

#include "util/json.hpp"

using namespace csx;

TEST_CASE("json::quote escapes quotes, backslashes and control characters", "[util]") {
    CHECK(json::quote("a\"b\\c") == R"("a\"b\\c")");
    CHECK(json::quote("line\nnext\ttab") == R"("line\nnext\ttab")");
    CHECK(json::quote(std::string("nul\0x", 5)) == R"("nul\u0000x")");
    CHECK(json::quote("é") == "\"é\"");
}

TEST_CASE("json::quote writes invisible characters as escapes and never emits invalid UTF-8",
          "[util]") {
    // Bidi override, zero-width space, C1 CSI, BOM, line separator: \u escapes.
    CHECK(json::quote("a\u202Eb\u200Bc\u009Bd\uFEFFe\u2028f") ==
          "\"a\\u202eb\\u200bc\\u009bd\\ufeffe\\u2028f\"");
    // The same classes shell_quote refuses: a soft hyphen, and a tag character outside the BMP
    // (written as the surrogate pair JSON uses).
    CHECK(json::quote("a\u00ADb\U000E0041") == "\"a\\u00adb\\udb40\\udc41\"");
    // Ordinary non-ASCII stays as it is.
    CHECK(json::quote("Zoë 中 \U0001F600") == "\"Zoë 中 \U0001F600\"");
    // A lone continuation byte, a cut sequence, an overlong '/', a UTF-8-encoded surrogate.
    CHECK(json::quote("x\xCBy") == "\"x\\ufffdy\"");
    CHECK(json::quote("x\xE4\xB8") == "\"x\\ufffd\\ufffd\"");
    CHECK(json::quote("\xC0\xAF") == "\"\\ufffd\\ufffd\"");
    CHECK(json::quote("\xED\xA0\x80") == "\"\\ufffd\\ufffd\\ufffd\"");
}

TEST_CASE("json::builder places commas between members", "[util]") {
    std::string out;
    json::builder b(out);
    b.begin_object();
    b.key("a");
    b.value(std::int64_t{1});
    b.key("b");
    b.begin_array();
    b.value("x");
    b.value_null();
    b.value_bool(true);
    b.end_array();
    b.key("c");
    b.begin_object();
    b.end_object();
    b.end_object();
    CHECK(out == R"({"a":1,"b":["x",null,true],"c":{}})");
}
