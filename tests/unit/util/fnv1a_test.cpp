// fnv1a: the published FNV-1a 64-bit test vectors (the schema digests stored in every database
// depend on these values staying the same).
#include <catch2/catch.hpp>

#include "util/fnv1a.hpp"

TEST_CASE("fnv1a gives the published FNV-1a 64-bit values", "[util]") {
    CHECK(csx::fnv1a("") == 0xcbf29ce484222325ull);
    CHECK(csx::fnv1a("a") == 0xaf63dc4c8601ec8cull);
    CHECK(csx::fnv1a("foobar") == 0x85944171f73967e8ull);
    // Byte by byte is the same as the whole string.
    CHECK(csx::fnv1a("bar", csx::fnv1a("foo")) == csx::fnv1a("foobar"));
    CHECK(csx::fnv1a_byte(csx::kFnv1aOffset, 'a') == csx::fnv1a("a"));
}
