#include "ingest/input_file.hpp"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

#include <fmt/format.h>

namespace csx::ingest {

std::optional<input_file> input_file::open(const std::string& path, std::string& error) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        error = fmt::format("cannot open: {}", std::strerror(errno));
        return std::nullopt;
    }
    c_handle<std::FILE, std::fclose> owner(f);
    struct stat st {};
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        error = "not a regular file";
        return std::nullopt;
    }
    std::setvbuf(f, nullptr, _IONBF, 0);  // we read in large chunks ourselves
    return input_file(owner.release(), static_cast<std::uint64_t>(st.st_size), path);
}

bool input_file::read(std::string& buf, std::size_t cap) {
    buf.resize(cap);
    std::size_t n = std::fread(buf.data(), 1, cap, file_.get());
    buf.resize(n);
    if (n == 0 && std::ferror(file_.get())) {
        error_ = fmt::format("read error: {}", std::strerror(errno));
        return false;
    }
    return n > 0;
}

std::size_t input_file::read(char* dst, std::size_t cap) {
    std::size_t n = std::fread(dst, 1, cap, file_.get());
    if (n == 0 && std::ferror(file_.get()))
        error_ = fmt::format("read error: {}", std::strerror(errno));
    return n;
}

void input_file::rewind() {
    std::rewind(file_.get());
}

}  // namespace csx::ingest
