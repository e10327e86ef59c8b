#include <catch2/catch.hpp>

#include "util/json.hpp"

using namespace csx;

TEST_CASE("json::quote escapes quotes, backslashes and control characters", "[util]") {
    CHECK(json::quote("a\"b\\c") == R"("a\"b\\c")");
    CHECK(json::quote("line\nnext\ttab") == R"("line\nnext\ttab")");
    CHECK(json::quote(std::string("nul\0x", 5)) == R"("nul\u0000x")");
    CHECK(json::quote("é") == "\"é\"");
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
