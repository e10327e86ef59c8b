// libFuzzer harness: arbitrary bytes given to `csx ingest` as a file, sniffed as usual, so that
// the seeds (zip, tar, tar.gz and gz files from corpus/archives and the hostile zip) and their
// mutations go through archive_reader, the member sniffing, nesting, the caps and every parser
// a member reaches. Any crash, sanitizer report, uncaught exception or hang is a finding; so
// is a member reported ingested or partial whose file row does not count what it kept. The
// caps are lowered (64 MiB in all, 100:1) so one input stays fast.
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

struct quiet final : csx::ingest::ingest_observer {};

struct state {
    csx::xml::library_scope xml;
    std::string path = "/dev/shm/csx-fuzz-archive-" + std::to_string(getpid());
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
    opts.archive_caps.max_total_bytes = 64u << 20;
    opts.archive_caps.max_ratio = 100;
    const auto summary = csx::ingest::ingester(*st.db, opts, observer).run({st.path});
    if (summary.files.empty()) std::abort();
    // The last result per member path that wrote a row must match the newest row of that path.
    std::map<std::string, std::int64_t> kept;
    for (const auto& r : summary.files) {
        if (r.path.rfind(st.path, 0) != 0) std::abort();  // provenance starts at the file
        const bool wrote = (r.status == csx::ingest::file_status::ingested ||
                            r.status == csx::ingest::file_status::partial) &&
                           r.kind != csx::ingest::input_kind::unknown;
        if (wrote) kept[r.path] = r.records;
        if (r.status == csx::ingest::file_status::partial && r.message.empty()) std::abort();
    }
    for (const auto& [path, records] : kept) {
        auto q = st.db->prepare(
            "SELECT record_count FROM source_file WHERE path = ?1 ORDER BY file_id DESC LIMIT 1");
        q.bind(1, path);
        if (!q.step() || q.column_int64(0) != records) std::abort();
    }
    return 0;
}
