// progress_printer: the ingest observer of the command line. Per-file results go to stdout; damage,
// skips and problems to stderr as "path:line:column: what"; a live progress line (bytes,
// records, MB/s) to stderr only when stderr is a terminal and --quiet is off.
//
// Test hook (tests/unit/cli/crash_safety_test.cpp, README "Tests"): with CSX_TEST_STOP_AT_RECORD=N
// in the environment, the process stops itself (SIGSTOP) the first time the file being read has
// handed N records to the writer, that is inside the file's write transaction, so that a test
// can kill it at a known point. Nothing else reads the variable.
#pragma once

#include <chrono>
#include <cstdio>

#include "ingest/ingester.hpp"

namespace csx::cli {

class progress_printer final : public ingest::ingest_observer {
public:
    explicit progress_printer(bool quiet);

    void problem(const std::string& message) override;
    void file_started(const std::string& path, std::uint64_t size) override;
    void progress(std::uint64_t bytes_done, std::uint64_t total, std::int64_t records) override;
    void file_finished(const ingest::file_result& r) override;

private:
    void clear_line();

    bool quiet_;
    bool tty_;
    std::int64_t stop_at_record_ = 0;  // the test hook above; 0: off
    bool line_shown_ = false;
    std::string path_;
    std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace csx::cli
