// archive_reader: the members of a zip, tar, tar.gz or gzip'd file, read once, front to back,
// from any byte_source, never extracted to disk. The one owner of libarchive's `archive`.
//
// The format comes from magic bytes (sniff's archive_format_of), and libarchive is given only
// the readers that format needs, so a file is never read as something it does not claim to be:
//   zip:  the *streaming* zip reader. It walks the local headers in order instead of starting
//         from the central directory at the end, which is what lets a truncated zip keep the
//         members before the cut. Trade-offs: it trusts local headers (a member deleted or
//         replaced by a later update of the archive is still seen), and a member stored without
//         compression and with its sizes in a trailing data descriptor is found by scanning for
//         the descriptor's signature.
//   tar:  ustar, pax and GNU tar.
//   gzip: the gzip filter (zlib, in process: never an external program) over tar, or over
//         libarchive's "raw" reader for one gzip'd file (full.xml.gz is one member, full.xml).
//
// Bomb caps (archive_limits, README "Archives") are checked on every chunk read, across nested
// archives: one budget is shared by an archive and the archives found inside it. A cap stops
// the archive with a `damaged` fault naming the cap: the members read before are kept.
#pragma once

#include <archive.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ingest/archive_limits.hpp"
#include "ingest/byte_source.hpp"
#include "ingest/input_kind.hpp"
#include "util/c_handle.hpp"

namespace csx::ingest {

class archive_reader;

// Shared by an archive named on the command line and every archive nested in it.
struct archive_budget {
    explicit archive_budget(archive_limits l = {}) : limits(l) {}
    archive_limits limits;
    std::uint64_t total = 0;               // bytes decompressed so far, every level
    const archive_reader* root = nullptr;  // the outermost archive (set by its reader)
};

struct archive_member {
    std::string name;         // the path inside the archive: "contoso/csexport.xml"
    bool regular = false;     // a regular file: its data can be read
    bool directory = false;   // a folder entry (folders are also implied by members' paths)
    bool hidden = false;      // ".name" or "__MACOSX/" in the path: skipped without a word
    std::string skip_reason;  // not read, and why (links, devices, encrypted members)
    std::optional<std::uint64_t> size;  // when the header says it
};

class archive_reader final : public byte_source {
public:
    // `name` names the archive in messages and provenance ("bundle.zip",
    // "bundle.zip!/inner.tar.gz"); `depth` is 1 for an archive on disk.
    archive_reader(byte_source& src, archive_format format, std::string name,
                   archive_budget& budget, int depth);
    archive_reader(const archive_reader&) = delete;
    archive_reader& operator=(const archive_reader&) = delete;

    // The next member; false at the end of the archive, or when it cannot be read further
    // (fault() says why; a fault already reported on a member is not repeated).
    bool next(archive_member& m);
    // byte_source: the current member's data. A member whose data is damaged or capped ends
    // with fault() set; fatal() then says whether the archive can go on.
    std::size_t read(char* dst, std::size_t cap) override;
    const std::optional<source_fault>& fault() const override {
        return in_member_ ? member_fault_ : archive_fault_;
    }
    // Passes over the rest of the current member: skipped in the file where the format allows
    // it, else read through (under the caps) and dropped.
    void skip_member();

    const std::string& name() const { return name_; }
    int depth() const { return depth_; }
    // One gzip'd file rather than an archive (known after the first next()).
    bool single_file() const { return single_file_; }
    std::uint64_t members() const { return members_; }
    // Bytes of the underlying source consumed so far.
    std::uint64_t consumed() const;
    const archive_limits& limits() const { return budget_.limits; }

private:
    static la_ssize_t read_cb(struct archive*, void* self, const void** buffer);
    static la_int64_t skip_cb(struct archive*, void* self, la_int64_t request);
    void fail_archive(std::string message);
    std::string source_message(const char* fallback) const;

    c_handle<struct archive, archive_read_free> a_;
    byte_source& src_;
    std::string name_;
    archive_budget& budget_;
    int depth_ = 1;
    bool plain_tar_ = false;  // members can be skipped in the file
    bool single_file_ = false;
    bool in_member_ = false;
    bool dead_ = false;  // no further member can be read
    bool done_ = false;  // end of archive reached
    std::uint64_t members_ = 0;
    std::string last_member_;
    std::optional<std::uint64_t> member_size_;
    std::uint64_t member_out_ = 0;         // bytes of the current member read
    std::uint64_t member_root_start_ = 0;  // the root's consumed() when it started
    std::vector<char> buffer_;             // what read_cb hands to libarchive
    std::optional<source_fault> member_fault_, archive_fault_;
};

// The file name of `path` without its archive extension (.zip, .tar, .tar.gz, .tgz, .gz,
// .gzip; any case): the folder name an archive stands for, and the member name of a gzip'd
// file. "x.xml.gz" -> "x.xml", "contoso.zip" -> "contoso", "dumps/a.tgz" -> "a".
std::string archive_stem(std::string_view path);

}  // namespace csx::ingest
