#include "cli/progress_printer.hpp"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

namespace csx::cli {

progress_printer::progress_printer(bool quiet) : quiet_(quiet), tty_(isatty(STDERR_FILENO) != 0) {
    if (const char* n = std::getenv("CSX_TEST_STOP_AT_RECORD")) stop_at_record_ = std::atoll(n);
}

void progress_printer::clear_line() {
    if (line_shown_) {
        fmt::print(stderr, "\r\033[K");
        line_shown_ = false;
    }
}

void progress_printer::problem(const std::string& message) {
    clear_line();
    fmt::print(stderr, "csx: {}\n", message);
}

void progress_printer::file_started(const std::string& path, std::uint64_t) {
    path_ = path;
    start_ = last_ = std::chrono::steady_clock::now();
}

void progress_printer::progress(std::uint64_t done, std::uint64_t total, std::int64_t records) {
    if (stop_at_record_ > 0 && records >= stop_at_record_) {
        stop_at_record_ = 0;
        raise(SIGSTOP);  // the test hook (header): a test kills the process now
    }
    if (quiet_ || !tty_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - start_).count();
    const double mb = static_cast<double>(done) / 1e6;
    fmt::print(stderr, "\r\033[K{}: {:.0f}/{:.0f} MB ({:.0f}%), {} records, {:.0f} MB/s", path_, mb,
               static_cast<double>(total) / 1e6,
               total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0,
               records, secs > 0 ? mb / secs : 0.0);
    std::fflush(stderr);
    line_shown_ = true;
}

void progress_printer::file_finished(const ingest::file_result& r) {
    using ingest::file_status;
    clear_line();
    switch (r.status) {
        case file_status::ingested:
            if (!quiet_) {
                fmt::print("ingested   {:<16} {:>9} records  {:<12} tenant {}  {}\n",
                           ingest::to_string(r.kind), r.records, ingest::to_string(r.encoding),
                           r.tenant, r.path);
            }
            if (!r.message.empty()) fmt::print(stderr, "{}: note: {}\n", r.path, r.message);
            break;
        case file_status::partial: {
            if (r.kind == ingest::input_kind::unknown) {
                // An archive, or a member of one, cut short before any record: no kind, no line.
                fmt::print(stderr, "{}: archive not read to its end: {}\n", r.path, r.message);
                break;
            }
            const auto line = r.damage_at ? r.damage_at->line : 0;
            const auto col = r.damage_at ? r.damage_at->column : 0;
            // path:line:column as compilers write it; a position the damage does not have
            // (a value cut at its limit has a line, no column) is left out, not written as 0.
            std::string where = r.path;
            if (line > 0) where += fmt::format(":{}", line);
            if (line > 0 && col > 0) where += fmt::format(":{}", col);
            fmt::print(stderr, "{}: damaged {}: {}\n", where, ingest::to_string(r.kind), r.message);
            // Damage either stops the parse (the records complete before it are kept) or cuts
            // one value and lets the parse go on (every record kept): the message says which.
            fmt::print(stderr, "{}: kept {} record(s); file marked partial (tenant {})\n", r.path,
                       r.records, r.tenant);
            if (!quiet_) {
                fmt::print("partial    {:<16} {:>9} records  {:<12} tenant {}  {}\n",
                           ingest::to_string(r.kind), r.records, ingest::to_string(r.encoding),
                           r.tenant, r.path);
            }
            break;
        }
        case file_status::duplicate:
            if (!quiet_)
                fmt::print("unchanged  {:<16} {:>9}          {:<12} {}: {}\n",
                           ingest::to_string(r.kind), "", "", r.path, r.message);
            break;
        case file_status::skipped:
            fmt::print(stderr, "{}: skipped: {}\n", r.path, r.message);
            break;
        case file_status::unreadable:
            fmt::print(stderr, "{}: cannot read: {}\n", r.path, r.message);
            break;
    }
}

}  // namespace csx::cli
