// value_shape: the shapes the pre-flight screens read keep every character the rules test and
// round lengths up, never down; equal facts share one value_shape row, different ones never do;
// objects read before shapes existed (shape 0) are kept by every screen; duplicate keys are
// derived after an ingest, also for dumps already in the database.
#include <catch2/catch.hpp>

#include <string>

#include "ingest/duplicate_key_finder.hpp"
#include "ingest/value_shape.hpp"
#include "store/db.hpp"
#include "store/statement.hpp"
#include "test_support.hpp"

using namespace csx;

TEST_CASE("value shapes collapse letters and digits and keep every other character",
          "[ingest][preflight]") {
    CHECK(ingest::collapse_alnum("john.o'neil@contoso.com") == "a.a'a@a.a");
    CHECK(ingest::collapse_alnum(" lead") == " a");
    CHECK(ingest::collapse_alnum("a..b") == "a..a");
    CHECK(ingest::collapse_alnum("Zoë Ünal") == "aë Üa");  // UTF-8 kept whole
    CHECK(ingest::collapse_alnum("") == "");
    // A UPN keeps its suffix as written (the non-routable check reads it).
    CHECK(ingest::collapse_local_part("Jane.Doe@Contoso.local") == "a.a@Contoso.local");
    CHECK(ingest::collapse_local_part("no-at-sign") == "a-a-a");
    CHECK(ingest::collapse_local_part("a@b@c.com") == "a@b@c.com");
    // Names: the first and last characters only.
    CHECK(ingest::edges("Jane Doe") == "aa");
    CHECK(ingest::edges(" Jane") == " a");
    CHECK(ingest::edges("Jane\xC2\xA0") == "a\xC2\xA0");  // a trailing no-break space, whole
    CHECK(ingest::edges("J") == "aa");
}

TEST_CASE("value shape lengths round up, so a screen never drops a value over a limit",
          "[ingest][preflight]") {
    CHECK(ingest::len8("") == 0);
    CHECK(ingest::len8("a") == 1);
    CHECK(ingest::len8(std::string(8, 'a')) == 1);
    CHECK(ingest::len8(std::string(9, 'a')) == 2);
    // Characters, not bytes, as SQLite's length() counts: 9 two-byte letters are 9.
    std::string umlauts;
    for (int i = 0; i < 9; ++i)
        umlauts += "\xC3\xBC";
    CHECK(ingest::len8(umlauts) == 2);
    for (int n : {20, 48, 49, 64, 65, 113, 114, 255, 256, 257})
        CHECK(ingest::len8(std::string(static_cast<std::size_t>(n), 'x')) * 8 >= n);
    CHECK(ingest::pow2_ceil(0) == 0);
    CHECK(ingest::pow2_ceil(102400) == 131072);
    CHECK(ingest::pow2_ceil(65536) == 65536);
    CHECK(ingest::pow2_ceil(65537) == 131072);
}

TEST_CASE("equal facts share one value_shape row and different facts never do",
          "[ingest][preflight]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    ingest::value_shape_writer w(d);
    ingest::shape_facts a;
    a.object_type = "user";
    a.upn = "jane.doe@contoso.com";
    a.display = "Jane Doe";
    ingest::shape_facts b = a;
    b.upn = "john.smith@contoso.com";  // the same shape: a.a@contoso.com
    b.display = "Joan Roe";            // the same length class too
    const auto id_a = w.id_of(a);
    CHECK(w.id_of(b) == id_a);
    w.forget();
    CHECK(w.id_of(b) == id_a);  // found in the table, not only in the cache
    ingest::shape_facts c = a;
    c.upn = "jane.doe@contoso.local";  // another suffix
    CHECK(w.id_of(c) != id_a);
    ingest::shape_facts e = a;
    e.upn.reset();  // no UPN is not an empty UPN
    ingest::shape_facts f = a;
    f.upn = "";
    CHECK(w.id_of(e) != w.id_of(f));
    // A field boundary cannot be moved by a value's characters.
    ingest::shape_facts g = a, h = a;
    g.mail = "a;";
    g.sam = "b";
    h.mail = "a";
    h.sam = ";b";
    CHECK(w.id_of(g) != w.id_of(h));
    auto st = d.prepare("SELECT screened, upn, display_name FROM value_shape WHERE shape_id = ?1");
    st.bind(1, id_a);
    REQUIRE(st.step());
    CHECK(st.column_int64(0) == 1);
    CHECK(st.column_text(1) == "a.a@contoso.com");
    CHECK(st.column_text(2) == "aa");
}

TEST_CASE("a dump with more keys than the finder holds leaves its duplicate keys to SQL",
          "[ingest][preflight]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    const auto marked = [&](std::int64_t file_id) {
        auto st = d.prepare("SELECT scope FROM preflight_derived WHERE file_id = ?1");
        st.bind(1, file_id);
        return st.step() ? st.column_text(0) : std::string();
    };
    ingest::duplicate_key_finder small(3), large(100);
    for (ingest::duplicate_key_finder* f : {&small, &large}) {
        f->add('a', "ann@contoso.com", 1);
        f->add('a', "ann@contoso.com", 2);
        f->add('n', "ann", 1);
        f->add('a', "bob@contoso.com", 3);
    }
    small.finish(d, 7);  // past its limit: no marker, so schema/derive_preflight.sql reads it
    large.finish(d, 8);
    CHECK(marked(7).empty());
    CHECK(marked(8) == "file");
    // The spaces never share a hash space: an address and a nickname spelled alike differ.
    CHECK(ingest::duplicate_key_finder::hash('a', "ann") !=
          ingest::duplicate_key_finder::hash('n', "ann"));
}
