// libFuzzer harness: one input parser (FUZZ_KIND) fed arbitrary bytes through the real ingest
// path (file, decoder, parser, writer, SQLite), whatever sniffing would say. Any crash,
// sanitizer report, uncaught exception or hang is a finding; so is a file reported "ingested"
// whose rows do not add up. Seeds: the corpus files of that kind (tests/fuzz/run).
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
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
    csx::ingest::ingester ing(*st.db, opts, observer);
    const auto summary = ing.run({st.path});
    if (summary.files.size() != 1) std::abort();
    const auto& r = summary.files.front();
    // What the file row says must be what was kept.
    if (r.status == csx::ingest::file_status::ingested ||
        r.status == csx::ingest::file_status::partial) {
        auto q = st.db->prepare(
            "SELECT record_count FROM source_file WHERE file_id = (SELECT max(file_id) FROM "
            "source_file)");
        if (!q.step() || q.column_int64(0) != r.records) std::abort();
    }
    return 0;
}
