// libFuzzer harness: one input parser (FUZZ_KIND) fed arbitrary bytes through the real ingest
// path (file, decoder, parser, writer, SQLite), whatever sniffing would say. Any crash,
// sanitizer report, uncaught exception or hang is a finding; so is a file reported "ingested"
// whose rows do not add up. Seeds: the corpus files of that kind (tests/fuzz/run).
// FUZZ_KIND=unknown (fuzz_archive) sniffs instead, seeded with the corpus's zip, tar and gz
// files: their mutations go through archive_reader, member sniffing, nesting, the caps and
// whatever parser a member reaches, one result per member (caps lowered so an input stays fast).
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>

#include "ingest/ingester.hpp"
#include "store/db.hpp"
#include "store/schema.hpp"
#include "store/statement.hpp"
#include "xml/library_scope.hpp"

namespace {

using csx::ingest::input_kind;
constexpr input_kind kKind = input_kind::FUZZ_KIND;

struct quiet final : csx::ingest::ingest_observer {};

struct state {
    csx::xml::library_scope xml;
    std::string path = "/dev/shm/csx-fuzz-" + std::to_string(getpid());
    std::optional<csx::store::db> db;
    int uses = 0;
};

state& the_state() {
    static state s;
    return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    state& st = the_state();
    // A fresh database now and then keeps memory flat over millions of inputs.
    if (!st.db || ++st.uses > 256) {
        st.db.reset();
        st.db = csx::store::db::open(":memory:", csx::store::open_mode::memory);
        csx::store::migrate(*st.db);
        st.uses = 0;
    }
    if (FILE* f = std::fopen(st.path.c_str(), "wb")) {
        if (size) std::fwrite(data, 1, size, f);
        std::fclose(f);
    } else {
        std::abort();
    }
    quiet observer;
    csx::ingest::ingest_options opts;
    opts.tenant = "fuzz";
    opts.replace = true;
    opts.kind = kKind;
    opts.archive_caps.max_total_bytes = 64u << 20;
    opts.archive_caps.max_ratio = 100;
    csx::ingest::ingester ing(*st.db, opts, observer);
    const auto summary = ing.run({st.path});
    if (summary.files.empty() || (kKind != input_kind::unknown && summary.files.size() != 1))
        std::abort();
    // What each file row says must be what was kept: the last result of each path (an archive
    // may hold the same name twice) against that path's newest row, if any (--replace purges
    // the row of an earlier member with the same bytes). Results of no kind (an archive not
    // read to its end) write no row.
    std::map<std::string, std::int64_t> kept;
    for (const auto& r : summary.files) {
        if (r.path.rfind(st.path, 0) != 0) std::abort();  // provenance starts at the file
        if (r.status == csx::ingest::file_status::partial && r.message.empty()) std::abort();
        if ((r.status == csx::ingest::file_status::ingested ||
             r.status == csx::ingest::file_status::partial) &&
            r.kind != input_kind::unknown)
            kept[r.path] = r.records;
    }
    for (const auto& [path, records] : kept) {
        auto q = st.db->prepare(
            "SELECT record_count FROM source_file WHERE path = ?1 ORDER BY file_id DESC LIMIT 1");
        q.bind(1, path);
        const bool row = q.step();
        if (row ? q.column_int64(0) != records : kKind != input_kind::unknown) std::abort();
    }
    return 0;
}
