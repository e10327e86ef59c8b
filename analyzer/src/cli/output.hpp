// output: standard output written whole, or a clear failure.
//
// A fix script cut short by a full disk or a closed pipe ends mid-command: run as it is, a
// line cut after "/G "CONTOSO\MSOL_x:WP" grants write on every property. So every byte csx
// prints on stdout goes through here; a short or failed write, or a failed flush at the end,
// is an io_error (exit 4) with the reason, never a silent exit 0.
#pragma once

#include <string>
#include <string_view>

namespace csx::cli {

// Writes all of `text` to stdout; throws io_error when the stream refuses any of it.
void write_stdout(std::string_view text);

// Flushes stdout and throws io_error when anything written to it (by write_stdout or by
// fmt::print) failed. main() calls it after every command.
void finish_stdout();

// Writes `text` to `path` through a temporary file next to it, renamed over it: a reader never
// sees half a file, and a failure leaves an earlier file untouched. Throws io_error.
void write_atomically(const std::string& path, const std::string& text);

}  // namespace csx::cli
