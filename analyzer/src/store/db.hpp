// db: the one owner of a sqlite3 connection.
//
// Opening turns on extended result codes, a busy timeout (so two ingests into one
// database wait for each other instead of failing) and foreign keys off (csx keeps
// referential integrity itself during bulk loads; `PRAGMA foreign_key_check` verifies it).
// The destructor closes quietly; everything that can fail is an explicit throwing call.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/c_handle.hpp"

struct sqlite3;
extern "C" int sqlite3_close_v2(sqlite3*);

namespace csx::store {

class statement;

enum class open_mode {
    create,      // read-write, created if missing
    read_write,  // read-write, must exist
    read_only,   // for analysis: rules can never write
    memory,      // private in-memory database (one-shot triage)
};

class db {
public:
    static db open(const std::string& path, open_mode mode);

    db(db&&) noexcept = default;
    db& operator=(db&&) noexcept = default;
    ~db() = default;

    // Runs every statement of a script, naming the failing one in the error.
    void exec(std::string_view sql);

    // Runs every statement of a script, binding ?1 to `param` wherever a statement uses it.
    void exec(std::string_view sql, std::int64_t param);

    // Prepares exactly one statement; `persistent` hints SQLite that it is reused (hot INSERTs).
    statement prepare(std::string_view sql, bool persistent = false);

    // Switches the journal mode ("wal", "delete"); false when another connection prevents it
    // now (busy or locked), which callers treat as "keep the current mode": correct, only
    // slower or less concurrent. Other failures throw.
    bool set_journal_mode(std::string_view mode);

    std::int64_t last_insert_rowid() const;
    std::int64_t changes() const;
    std::int64_t user_version();
    bool read_only() const { return read_only_; }
    const std::string& path() const { return path_; }

    sqlite3* handle() const { return handle_.get(); }

private:
    void exec_script(std::string_view sql, const std::int64_t* param);

    db(c_handle<sqlite3, sqlite3_close_v2> h, std::string path, bool ro)
        : handle_(std::move(h)), path_(std::move(path)), read_only_(ro) {}

    c_handle<sqlite3, sqlite3_close_v2> handle_;
    std::string path_;
    bool read_only_ = false;
};

// Throws db_error with SQLite's message for `rc` (and the SQL text when given).
[[noreturn]] void throw_db_error(sqlite3* h, int rc, std::string_view what,
                                 std::string_view sql = {});

}  // namespace csx::store
