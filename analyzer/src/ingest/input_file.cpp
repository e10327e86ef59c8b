#include "ingest/input_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace csx::ingest {

std::optional<input_file> input_file::open(const std::string& path, std::string& error) {
    // Opened non-blocking, then checked: opening a FIFO for reading would otherwise wait for a
    // writer forever, and a device could block a read. Only a regular file is read.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        error = fmt::format("cannot open: {}", std::strerror(errno));
        return std::nullopt;
    }
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        const bool fifo = S_ISFIFO(st.st_mode), device = S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode);
        ::close(fd);
        error = fifo     ? "a FIFO (named pipe), not a regular file: not read"
                : device ? "a device, not a regular file: not read"
                         : "not a regular file: not read";
        return std::nullopt;
    }
    const int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
        error = fmt::format("cannot open: {}", std::strerror(errno));
        ::close(fd);
        return std::nullopt;
    }
    std::FILE* f = fdopen(fd, "rb");
    if (!f) {
        error = fmt::format("cannot open: {}", std::strerror(errno));
        ::close(fd);
        return std::nullopt;
    }
    c_handle<std::FILE, std::fclose> owner(f);
    std::setvbuf(f, nullptr, _IONBF, 0);  // we read in large chunks ourselves
    return input_file(owner.release(), static_cast<std::uint64_t>(st.st_size), path);
}

bool input_file::read(std::string& buf, std::size_t cap) {
    buf.resize(cap);
    std::size_t n = std::fread(buf.data(), 1, cap, file_.get());
    buf.resize(n);
    if (n == 0 && std::ferror(file_.get())) {
        error_ = fmt::format("read error: {}", std::strerror(errno));
        fault_ = source_fault{source_fault::kind::unreadable, error_};
        return false;
    }
    return n > 0;
}

std::size_t input_file::read(char* dst, std::size_t cap) {
    std::size_t n = std::fread(dst, 1, cap, file_.get());
    if (n == 0 && std::ferror(file_.get())) {
        error_ = fmt::format("read error: {}", std::strerror(errno));
        fault_ = source_fault{source_fault::kind::unreadable, error_};
    }
    return n;
}

void input_file::rewind() {
    std::rewind(file_.get());
}

std::uint64_t input_file::skip(std::uint64_t n) {
    const off_t at = ftello(file_.get());
    if (at < 0 || static_cast<std::uint64_t>(at) >= size_) return 0;
    const std::uint64_t k = std::min<std::uint64_t>(n, size_ - static_cast<std::uint64_t>(at));
    if (fseeko(file_.get(), static_cast<off_t>(k), SEEK_CUR) != 0) return 0;
    return k;
}

}  // namespace csx::ingest
