#include <catch2/catch.hpp>

#include "store/db.hpp"
#include "store/schema.hpp"
#include "store/statement.hpp"
#include "store/table_writer.hpp"
#include "store/transaction.hpp"
#include "test_support.hpp"
#include "util/error.hpp"

using namespace csx;

TEST_CASE("statement binds and reads back every type", "[store]") {
    auto d = store::db::open(":memory:", store::open_mode::memory);
    d.exec("CREATE TABLE t(a INTEGER, b TEXT, c REAL, d TEXT) STRICT");
    auto ins = d.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4)");
    ins.bind(1, std::int64_t{42});
    ins.bind(2, std::string_view("text"));
    ins.bind(3, 1.5);
    ins.bind_null(4);
    CHECK_FALSE(ins.step());
    auto sel = d.prepare("SELECT a, b, c, d FROM t");
    REQUIRE(sel.step());
    CHECK(sel.column_int64(0) == 42);
    CHECK(sel.column_text(1) == "text");
    CHECK(sel.column_double(2) == 1.5);
    CHECK(sel.is_null(3));
    CHECK(sel.readonly());
    CHECK_FALSE(ins.readonly());
}

TEST_CASE("prepare rejects two statements and names the SQL on errors", "[store]") {
    auto d = store::db::open(":memory:", store::open_mode::memory);
    CHECK_THROWS_AS(d.prepare("SELECT 1; SELECT 2"), db_error);
    CHECK_THROWS_WITH(d.prepare("SELEKT 1"), Catch::Contains("SELEKT 1"));
    CHECK_NOTHROW(d.prepare("SELECT 1; -- trailing comment"));
}

TEST_CASE("a transaction rolls back unless committed", "[store]") {
    test::temp_dir t;
    auto d = store::db::open(t.file("x.sqlite"), store::open_mode::create);
    d.exec("CREATE TABLE t(a INTEGER) STRICT");
    {
        store::transaction tx(d);
        d.exec("INSERT INTO t VALUES (1)");
    }
    CHECK(test::scalar_int(d, "SELECT count(*) FROM t") == 0);
    {
        store::transaction tx(d);
        d.exec("INSERT INTO t VALUES (1)");
        tx.commit();
    }
    CHECK(test::scalar_int(d, "SELECT count(*) FROM t") == 1);
}

TEST_CASE("table_writer caches statements and binds NULL for monostate", "[store]") {
    auto d = store::db::open(":memory:", store::open_mode::memory);
    d.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT, b INTEGER) STRICT");
    store::table_writer w(d);
    auto id1 = w.insert("t", {{"a", std::string_view("x")}, {"b", std::int64_t{1}}});
    auto id2 = w.insert("t", {{"a", store::value{}}, {"b", std::int64_t{2}}});
    w.update("t", "id", id1, {{"b", std::int64_t{10}}});
    CHECK(id2 == id1 + 1);
    CHECK(test::scalar_int(d, "SELECT b FROM t WHERE a = 'x'") == 10);
    CHECK(test::scalar_int(d, "SELECT count(*) FROM t WHERE a IS NULL") == 1);
}

TEST_CASE("migrate creates the schema once, sets user_version and WAL", "[store]") {
    test::temp_dir t;
    auto d = store::db::open(t.file("x.sqlite"), store::open_mode::create);
    store::migrate(d);
    CHECK(d.user_version() == store::schema_version());
    CHECK(test::scalar_text(d, "PRAGMA journal_mode") == "wal");
    store::migrate(d);  // idempotent
    CHECK(test::scalar_int(d, "SELECT count(*) FROM sqlite_schema WHERE name = 'v_export_error'") ==
          1);
    // Every table is STRICT.
    CHECK(test::scalar_int(
              d,
              "SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
              "AND name NOT LIKE 'sqlite_%' AND strict = 0") == 0);
    store::require_current(d);
}

TEST_CASE("changed views are re-created: old csx views go, users' own views stay", "[store]") {
    test::temp_dir t;
    auto d = store::db::open(t.file("x.sqlite"), store::open_mode::create);
    store::migrate(d);
    // As if an older csx had left a view this version no longer has, and a different views
    // script (another digest); plus a user's own view.
    d.exec("CREATE VIEW v_renamed_long_ago AS SELECT 1 AS x");
    d.exec("CREATE VIEW my_report AS SELECT count(*) AS n FROM tenant");
    d.exec("UPDATE csx_meta SET value = 'older' WHERE key = '950_views.sql'");
    store::migrate(d);
    CHECK(test::scalar_int(
              d, "SELECT count(*) FROM sqlite_schema WHERE name = 'v_renamed_long_ago'") == 0);
    CHECK(test::scalar_int(d, "SELECT count(*) FROM sqlite_schema WHERE name = 'my_report'") == 1);
    CHECK(test::scalar_int(
              d, "SELECT count(*) FROM sqlite_schema WHERE name = 'v_superseded_error'") == 1);
    CHECK(test::scalar_int(d, "SELECT count(*) FROM v_problem") == 0);
}

TEST_CASE("a database from a newer csx is refused", "[store]") {
    test::temp_dir t;
    auto d = store::db::open(t.file("x.sqlite"), store::open_mode::create);
    d.exec("PRAGMA user_version = 999");
    CHECK_THROWS_WITH(store::migrate(d), Catch::Contains("newer than this csx"));
}

TEST_CASE("require_current rejects an empty file", "[store]") {
    test::temp_dir t;
    auto d = store::db::open(t.file("x.sqlite"), store::open_mode::create);
    CHECK_THROWS_WITH(store::require_current(d), Catch::Contains("not a csx database"));
}
