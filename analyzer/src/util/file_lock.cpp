#include "util/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "util/error.hpp"

namespace csx {

namespace {

int open_lock_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        throw db_error(
            fmt::format("cannot create the database lock file {}: {}", path, std::strerror(errno)));
    return fd;
}

int flock_retrying(int fd, int op) {
    int rc = 0;
    do {
        rc = ::flock(fd, op);
    } while (rc != 0 && errno == EINTR);
    return rc;
}

}  // namespace

file_lock file_lock::acquire(const std::string& path, const std::function<void()>& on_wait) {
    const int fd = open_lock_file(path);
    if (flock_retrying(fd, LOCK_EX | LOCK_NB) == 0) return file_lock(fd);
    if (errno != EWOULDBLOCK) {
        const int err = errno;
        ::close(fd);
        throw db_error(fmt::format("cannot lock {}: {}", path, std::strerror(err)));
    }
    if (on_wait) on_wait();
    if (flock_retrying(fd, LOCK_EX) != 0) {
        const int err = errno;
        ::close(fd);
        throw db_error(fmt::format("cannot lock {}: {}", path, std::strerror(err)));
    }
    return file_lock(fd);
}

std::optional<file_lock> file_lock::try_acquire(const std::string& path) {
    const int fd = open_lock_file(path);
    if (flock_retrying(fd, LOCK_EX | LOCK_NB) == 0) return file_lock(fd);
    ::close(fd);
    return std::nullopt;
}

file_lock::~file_lock() {
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace csx
