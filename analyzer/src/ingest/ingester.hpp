// ingester: drives `csx ingest`: discovery, sniffing, de-duplication, one transaction per file,
// the right handler per kind, and the source_file record with its outcome.
//
// Per file: sniff the first 64 KiB (kind, encoding) -> unknown kinds are skipped with a reason.
// A file whose size matches an already-ingested file is hashed first; the same SHA-256 in the
// same tenant is a no-op ("already ingested") unless --replace, which purges the old rows and
// re-reads it in the same transaction. Otherwise the SHA-256 is computed while parsing.
// Everything a file writes (rows, new tenant, attribute names, its source_file row) commits
// together or not at all: an interruption leaves the database as it was before that file.
// A damaged file keeps its intact prefix and is recorded as `partial`.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ingest/archive_limits.hpp"
#include "ingest/file_handler.hpp"
#include "ingest/input_kind.hpp"

namespace csx::store {
class db;
}

namespace csx::ingest {

struct ingest_options {
    std::string tenant;    // --tenant
    bool replace = false;  // --replace
    // Read every file as this kind whatever sniffing says (the fuzzing harnesses, which must
    // reach one parser with whatever bytes they make); unknown: sniff each file.
    input_kind kind = input_kind::unknown;
    // --object: the DN of dsacls outputs whose file does not show the command line, and the
    // member whose groups a Get-ADPrincipalGroupMembership CLIXML lists.
    std::string object_dn{};
    // --connector: the connector of csexport files whose objects do not name it (an empty
    // errors-only dump names nothing), so that they count as that connector's newest state.
    std::string connector{};
    // --codepage: the code page of every file that is neither UTF-8 nor UTF-16, instead of
    // windows-1252 (and, for dsacls output, instead of the guess among cp850, cp437 and
    // windows-1252).
    std::optional<text::encoding> code_page{};
    // Bomb caps for archives (README "Archives"); the defaults are the documented ones, tests
    // lower them.
    ingest::archive_limits archive_caps{};
};

enum class file_status {
    ingested,    // complete
    partial,     // damaged: intact prefix kept
    duplicate,   // same SHA-256 already ingested into the tenant: nothing done
    skipped,     // not an input kind csx reads
    unreadable,  // could not be opened or read
};

std::string_view to_string(file_status s);

struct file_result {
    std::string path;
    file_status status = file_status::skipped;
    input_kind kind = input_kind::unknown;
    text_encoding encoding = text_encoding::utf8;
    std::string tenant;
    std::string sha256;
    std::string message;  // skipped/unreadable/duplicate: why; partial: the damage;
                          // ingested: a note worth reading (or "")
    std::optional<damage> damage_at;
    bool stored = false;  // a source_file row holds it (ingested or partial)
    std::int64_t records = 0;
    std::uint64_t bytes = 0;
    double seconds = 0;
};

// How the ingest reports to its caller (the CLI prints; tests collect).
class ingest_observer {
public:
    virtual ~ingest_observer() = default;
    virtual void problem(const std::string& message) { (void)message; }
    virtual void file_started(const std::string& path, std::uint64_t size) {
        (void)path;
        (void)size;
    }
    virtual void progress(std::uint64_t bytes_done, std::uint64_t total, std::int64_t records) {
        (void)bytes_done;
        (void)total;
        (void)records;
    }
    virtual void file_finished(const file_result& r) { (void)r; }
};

struct ingest_summary {
    std::vector<file_result> files;
    std::vector<std::string> problems;  // command-line paths that do not exist
    std::int64_t batch_id = 0;
    int count(file_status s) const;
};

class ingester {
public:
    ingester(store::db& d, ingest_options opts, ingest_observer& observer);
    ~ingester();
    ingester(const ingester&) = delete;
    ingester& operator=(const ingester&) = delete;

    ingest_summary run(const std::vector<std::string>& paths);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace csx::ingest
