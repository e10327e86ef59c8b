// Helpers shared by the Catch2 tests: temporary folders, a fresh database, in-process ingest
// with a collecting observer, SQL one-liners, and running the csx binary.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/ingester.hpp"
#include "store/db.hpp"

namespace csx::test {

std::string source_path(const std::string& rel);  // <repo>/rel
// <repo>/../shared/rel, or $CSX_SHARED_DIR/rel when that is set (CSX_SHARED_DIR=/nowhere shows
// what a checkout without ../shared runs: README "Tests").
std::string shared_path(const std::string& rel);
bool shared_available();

// Ends a test as skipped: prints the marker tests/CMakeLists.txt gives CTest as
// SKIP_REGULAR_EXPRESSION, so the summary lists it as "Skipped" (Catch2 2.x has no SKIP).
// The caller returns right after: `if (!shared_available()) return skip("...");`
inline constexpr const char* skip_marker = "CSX-TEST-SKIPPED:";
void skip(const std::string& why);

// A golden file: `actual` must equal the file at `rel` (under the repository) byte for byte; a
// mismatch fails with a unified diff of the two. CSX_UPDATE_GOLDEN=name[,name...] rewrites the
// files named (by their path under the repository or their file name) instead of comparing them;
// CSX_UPDATE_GOLDEN=all rewrites every golden file a test reaches.
void check_golden(const std::string& actual, const std::string& rel);

class temp_dir {
public:
    temp_dir();
    ~temp_dir();
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

void write_file(const std::string& path, const std::string& bytes);
std::string read_file(const std::string& path);
// UTF-8 text as UTF-16 with a BOM (as PowerShell and the Sync Service Manager write files).
std::string utf16(std::string_view utf8, bool big_endian = false);

store::db fresh_db(const std::string& path);

struct collected final : ingest::ingest_observer {
    std::vector<ingest::file_result> results;
    void file_finished(const ingest::file_result& r) override { results.push_back(r); }
};

ingest::ingest_summary ingest_paths(store::db& d, const std::vector<std::string>& paths,
                                    ingest::ingest_options opts = {});

// RFC 4180 CSV as rows of fields: quoted fields may hold commas, doubled quotes and line breaks;
// rows end with CRLF or LF. Fails the test on a quote that does not open a field or is not
// closed.
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

std::int64_t scalar_int(store::db& d, const std::string& sql);
// SQLite's json_extract(json, path) as text, "<null>" for SQL NULL (a missing member).
std::string jq(const std::string& json, const std::string& path);
std::string scalar_text(store::db& d, const std::string& sql);
std::vector<std::vector<std::string>> rows(store::db& d, const std::string& sql);

struct run_result {
    int exit_code = -1;
    std::string out;
    std::string err;
};
// Runs the csx binary with `args` (already shell-quoted where needed) in `cwd`.
run_result run_csx(const std::string& args, const std::string& cwd = ".");
std::string shell_quote(const std::string& s);

}  // namespace csx::test
