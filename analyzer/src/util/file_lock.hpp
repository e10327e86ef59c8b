// file_lock: an exclusive advisory lock (flock) on a small side file, held for the life of the
// object. csx uses one per database (`<db>-csx-lock`) so that whole writers (ingest, fleet and
// diff taking snapshots) run one after the other: an ingest switches journal mode and drops
// and rebuilds indexes for its bulk load, which must not interleave with another writer.
// Readers (triage, report) take no lock: SQLite's own locking serves them.
//
// A separate file, not the database: SQLite holds POSIX locks on the database file, and on
// some file systems flock is emulated with those; closing another descriptor of the database
// would then drop SQLite's locks.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace csx {

class file_lock {
public:
    // Waits for the lock; `on_wait` runs once, before waiting, when another process holds it.
    // Throws db_error (the lock belongs to a database) when the side file cannot be created.
    static file_lock acquire(const std::string& path, const std::function<void()>& on_wait);
    // The lock if it is free now, else nullopt (another process holds it).
    static std::optional<file_lock> try_acquire(const std::string& path);

    file_lock(file_lock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    file_lock& operator=(file_lock&&) = delete;
    file_lock(const file_lock&) = delete;
    file_lock& operator=(const file_lock&) = delete;
    ~file_lock();  // releases (closing the descriptor releases the flock)

private:
    explicit file_lock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

// The lock file of a database.
inline std::string lock_path_for(const std::string& db_path) {
    return db_path + "-csx-lock";
}

}  // namespace csx
