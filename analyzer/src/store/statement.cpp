#include "store/statement.hpp"

#include <sqlite3.h>

#include "store/db.hpp"

namespace csx::store {

void statement::check(int rc, const char* what) const {
    if (rc != SQLITE_OK) {
        const char* sql = sqlite3_sql(handle());
        throw_db_error(sqlite3_db_handle(handle()), rc, what, sql ? sql : "");
    }
}

void statement::bind(int i, std::string_view text) {
    check(sqlite3_bind_text64(handle(), i, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
          "cannot bind text");
}

void statement::bind_view(int i, std::string_view text) {
    // A zero-length view may carry a null data(); SQLite would store NULL for it.
    const char* p = text.data() ? text.data() : "";
    check(sqlite3_bind_text64(handle(), i, p, text.size(), SQLITE_STATIC, SQLITE_UTF8),
          "cannot bind text");
}

void statement::bind_view_or_null(int i, std::string_view text) {
    if (text.empty()) {
        bind_null(i);
    } else {
        bind_view(i, text);
    }
}

void statement::bind(int i, std::int64_t v) {
    check(sqlite3_bind_int64(handle(), i, v), "cannot bind integer");
}

void statement::bind(int i, double v) {
    check(sqlite3_bind_double(handle(), i, v), "cannot bind real");
}

void statement::bind_null(int i) {
    check(sqlite3_bind_null(handle(), i), "cannot bind NULL");
}

void statement::bind(int i, const std::optional<std::string>& v) {
    if (v) {
        bind(i, std::string_view(*v));
    } else {
        bind_null(i);
    }
}

void statement::bind(int i, const std::optional<std::int64_t>& v) {
    if (v) {
        bind(i, *v);
    } else {
        bind_null(i);
    }
}

int statement::parameter_index(const char* name) const {
    return sqlite3_bind_parameter_index(handle(), name);
}

int statement::parameter_count() const {
    return sqlite3_bind_parameter_count(handle());
}

bool statement::step() {
    int rc = sqlite3_step(handle());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const char* sql = sqlite3_sql(handle());
    sqlite3_reset(handle());
    throw_db_error(sqlite3_db_handle(handle()), rc, "statement failed", sql ? sql : "");
}

void statement::reset() {
    sqlite3_reset(handle());
}

void statement::clear_bindings() {
    sqlite3_clear_bindings(handle());
}

int statement::column_count() const {
    return sqlite3_column_count(handle());
}

std::string statement::column_name(int i) const {
    const char* n = sqlite3_column_name(handle(), i);
    return n ? n : "";
}

bool statement::is_null(int i) const {
    return sqlite3_column_type(handle(), i) == SQLITE_NULL;
}

std::int64_t statement::column_int64(int i) const {
    return sqlite3_column_int64(handle(), i);
}

double statement::column_double(int i) const {
    return sqlite3_column_double(handle(), i);
}

std::string_view statement::column_view(int i) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(handle(), i));
    if (!p) return {};
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(handle(), i))};
}

std::optional<std::string> statement::column_optional(int i) const {
    if (is_null(i)) return std::nullopt;
    return column_text(i);
}

bool statement::readonly() const {
    return sqlite3_stmt_readonly(handle()) != 0;
}

std::string statement::sql() const {
    const char* s = sqlite3_sql(handle());
    return s ? s : "";
}

}  // namespace csx::store
