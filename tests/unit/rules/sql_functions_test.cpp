// sql_functions: the character functions the pre-flight rules call, by code point.
#include <catch2/catch.hpp>

#include "rules/sql_functions.hpp"
#include "store/db.hpp"
#include "test_support.hpp"

using csx::test::fresh_db;
using csx::test::scalar_text;
using csx::test::temp_dir;

TEST_CASE("csx_first_of, csx_first_not_of and csx_after_last read UTF-8 by code point",
          "[rules][sql]") {
    temp_dir dir;
    auto d = fresh_db(dir.file("f.sqlite"));
    csx::rules::register_sql_functions(d);
    CHECK(scalar_text(d, "SELECT csx_first_of('kim lee@x', ' @')") == " ");
    CHECK(scalar_text(d, "SELECT coalesce(csx_first_of('kimlee', ' @'), 'none')") == "none");
    // A non-ASCII character is returned whole, never a byte of it.
    CHECK(scalar_text(d,
                      "SELECT csx_first_not_of('s\xC3\xB8ren@x', 'abcdefghijklmnopqrstuvwxyz@')") ==
          "\xC3\xB8");
    CHECK(scalar_text(d, "SELECT csx_first_of('a\xC2\xA0' || 'b', char(160))") == "\xC2\xA0");
    // A byte that is not UTF-8 is named U+FFFD.
    CHECK(scalar_text(d, "SELECT csx_first_not_of(CAST(x'61ff62' AS TEXT), 'ab')") ==
          "\xEF\xBF\xBD");
    CHECK(scalar_text(d, "SELECT coalesce(csx_first_of(NULL, 'a'), 'null')") == "null");
    CHECK(scalar_text(d, "SELECT csx_after_last('kim@corp.contoso.local', '.')") == "local");
    CHECK(scalar_text(d, "SELECT csx_after_last('nodot', '.')") == "nodot");
}
