// statement: the one owner of a prepared sqlite3_stmt.
//
// Binding is by 1-based index or by :name. Text bound with bind_view() is not copied
// (SQLITE_STATIC): the caller guarantees it outlives the next step()/reset(); this is the
// ingest hot path. bind() copies. step() returns true for a row, false when done, and throws
// db_error (with the SQL text) otherwise. reset() keeps the bindings (hot-path callers rebind
// every parameter anyway); clear_bindings() sets them all back to NULL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/c_handle.hpp"

struct sqlite3_stmt;
extern "C" int sqlite3_finalize(sqlite3_stmt*);

namespace csx::store {

class statement {
public:
    explicit statement(sqlite3_stmt* s) : handle_(s) {}

    void bind(int i, std::string_view text);
    void bind(int i, const std::string& text) { bind(i, std::string_view(text)); }
    void bind(int i, const char* text) { bind(i, std::string_view(text)); }
    void bind_view(int i, std::string_view text);
    void bind(int i, std::int64_t v);
    void bind(int i, int v) { bind(i, static_cast<std::int64_t>(v)); }
    void bind(int i, double v);
    void bind_null(int i);
    void bind(int i, const std::optional<std::string>& v);
    void bind(int i, const std::optional<std::int64_t>& v);
    // Binds NULL for an empty view, else the text (without copying).
    void bind_view_or_null(int i, std::string_view text);

    int parameter_index(const char* name) const;  // 0 when the statement has no such parameter
    int parameter_count() const;

    bool step();
    void reset();
    void clear_bindings();

    int column_count() const;
    std::string column_name(int i) const;
    bool is_null(int i) const;
    std::int64_t column_int64(int i) const;
    double column_double(int i) const;
    std::string_view column_view(int i) const;  // valid until the next step()/reset()
    std::string column_text(int i) const { return std::string(column_view(i)); }
    std::optional<std::string> column_optional(int i) const;

    bool readonly() const;
    std::string sql() const;

    sqlite3_stmt* handle() const { return handle_.get(); }

private:
    void check(int rc, const char* what) const;

    c_handle<sqlite3_stmt, sqlite3_finalize> handle_;
};

}  // namespace csx::store
