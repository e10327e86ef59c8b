#include "cli/output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

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

void write_atomically(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".csx-tmp";
    std::error_code ec;
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw io_error(fmt::format("cannot write {}", tmp));
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.close();
        if (!out) {
            std::filesystem::remove(tmp, ec);  // never leave a cut file behind
            throw io_error(fmt::format("cannot write {}: the disk refused part of it", tmp));
        }
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw io_error(fmt::format("cannot write {}: {}", path, ec.message()));
    }
}

}  // namespace csx::cli
