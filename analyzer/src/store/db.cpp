#include "store/db.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include "store/statement.hpp"
#include "util/error.hpp"

namespace csx::store {

void throw_db_error(sqlite3* h, int rc, std::string_view what, std::string_view sql) {
    std::string msg = fmt::format("{}: {} (SQLite code {})", what,
                                  h ? sqlite3_errmsg(h) : sqlite3_errstr(rc), rc);
    if (!sql.empty()) {
        constexpr std::size_t kMax = 200;
        msg += fmt::format(" in SQL: {}{}", sql.substr(0, kMax), sql.size() > kMax ? "..." : "");
    }
    throw db_error(msg);
}

db db::open(const std::string& path, open_mode mode) {
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    std::string name = path;
    switch (mode) {
        case open_mode::create:
            flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
            break;
        case open_mode::read_write:
            flags |= SQLITE_OPEN_READWRITE;
            break;
        case open_mode::read_only:
            flags |= SQLITE_OPEN_READONLY;
            break;
        case open_mode::memory:
            flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY;
            name = ":memory:";
            break;
    }
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
    // SQLite allocates a handle even on failure; own it first so it is always closed.
    c_handle<sqlite3, sqlite3_close_v2> h(raw);
    if (rc != SQLITE_OK) {
        throw db_error(fmt::format("cannot open database '{}': {}", path,
                                   raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 60'000);
    db d(std::move(h), path, mode == open_mode::read_only);
    d.exec("PRAGMA foreign_keys = OFF");
    return d;
}

void db::exec(std::string_view sql) {
    exec_script(sql, nullptr);
}

void db::exec(std::string_view sql, std::int64_t param) {
    exec_script(sql, &param);
}

void db::exec_script(std::string_view sql, const std::int64_t* param) {
    // sqlite3_exec's loop (legacy.c), but each statement goes through our owner so the
    // failing statement can be named.
    const char* tail = sql.data();
    const char* end = sql.data() + sql.size();
    while (tail < end) {
        sqlite3_stmt* raw = nullptr;
        const char* next = nullptr;
        int rc = sqlite3_prepare_v2(handle(), tail, static_cast<int>(end - tail), &raw, &next);
        statement st(raw);
        if (rc != SQLITE_OK) {
            throw_db_error(handle(), rc, "cannot prepare statement",
                           std::string_view(tail, static_cast<std::size_t>(end - tail)));
        }
        if (!raw) break;  // only whitespace or comments left
        if (param && st.parameter_count() >= 1) st.bind(1, *param);
        while (st.step()) {
        }
        tail = next;
    }
}

statement db::prepare(std::string_view sql, bool persistent) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(handle(), sql.data(), static_cast<int>(sql.size()),
                                persistent ? SQLITE_PREPARE_PERSISTENT : 0, &raw, &tail);
    statement st(raw);
    if (rc != SQLITE_OK) throw_db_error(handle(), rc, "cannot prepare statement", sql);
    if (!raw) throw db_error(fmt::format("empty SQL statement: '{}'", sql));
    std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
    if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
        // Trailing comments are fine; a second statement is not.
        sqlite3_stmt* second = nullptr;
        sqlite3_prepare_v2(handle(), rest.data(), static_cast<int>(rest.size()), &second, nullptr);
        statement extra(second);
        if (second)
            throw db_error(fmt::format("expected one SQL statement, found more: '{}'", sql));
    }
    return st;
}

bool db::set_journal_mode(std::string_view mode) {
    auto st = prepare(fmt::format("PRAGMA journal_mode = {}", mode));
    const int rc = sqlite3_step(st.handle());
    if (rc == SQLITE_ROW) {
        const auto* now = reinterpret_cast<const char*>(sqlite3_column_text(st.handle(), 0));
        return now && sqlite3_stricmp(now, std::string(mode).c_str()) == 0;
    }
    const int primary = rc & 0xFF;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return false;
    throw_db_error(handle(), rc, "cannot change the journal mode");
}

std::int64_t db::last_insert_rowid() const {
    return sqlite3_last_insert_rowid(handle());
}

std::int64_t db::changes() const {
    return sqlite3_changes64(handle());
}

std::int64_t db::user_version() {
    auto st = prepare("PRAGMA user_version");
    st.step();
    return st.column_int64(0);
}

}  // namespace csx::store
