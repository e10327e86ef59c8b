// archive_limits: the zip-bomb caps of archive_reader (README "Archives"), kept apart so the
// ingest options can carry them without pulling in libarchive.
#pragma once

#include <cstdint>

namespace csx::ingest {

struct archive_limits {
    // Bytes decompressed from one archive named on the command line, at every nesting level
    // together. Several times the largest dumps (a 400,000-object csexport is 1.3 GB; a whole
    // tenant's files rarely reach 10 GB), and it bounds the time a hostile archive can take.
    std::uint64_t max_total_bytes = std::uint64_t{32} << 30;
    // A member may expand at most this many times the bytes of the outermost archive consumed
    // while it is read (end to end, so nesting does not multiply it), once it is past
    // `ratio_grace`. Real inputs deflate 3:1 to 16:1 (csexport, run history, UTF-16 included);
    // deflate's ceiling is about 1030:1 (a run of zeros), which is what bombs use.
    std::uint64_t max_ratio = 200;
    std::uint64_t ratio_grace = std::uint64_t{1} << 20;
    // Archives inside archives are opened to this depth: outer.zip!/inner.tar.gz!/x.xml is 2.
    // Deeper nesting is how recursive bombs (42.zip) multiply; no client bundle needs it.
    int max_depth = 2;
    // Entries (files, folders, links) in one archive: a bundle holds tens to a few thousand
    // files; millions of empty entries would only cost time.
    std::uint64_t max_members = 50'000;
};

}  // namespace csx::ingest
