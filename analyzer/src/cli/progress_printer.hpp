// progress_printer: the ingest observer of the command line. Per-file results go to stdout; damage,
// skips and problems to stderr as "path:line:column: what"; a live progress line (bytes,
// records, MB/s) to stderr only when stderr is a terminal and --quiet is off.
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
    bool line_shown_ = false;
    std::string path_;
    std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace csx::cli
