#include "cli/output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "util/error.hpp"

namespace csx::cli {

namespace {

[[noreturn]] void fail(int err) {
    throw io_error(fmt::format(
        "standard output could not be written ({}): the output is incomplete and must not be "
        "used (a cut script could run half a command)",
        err ? std::strerror(err) : "write error"));
}

}  // namespace

void write_stdout(std::string_view text) {
    errno = 0;
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::ferror(stdout))
        fail(errno);
}

void finish_stdout() {
    errno = 0;
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) fail(errno);
}

}  // namespace csx::cli
