// table_writer: INSERT and UPDATE by table and column names, with one cached prepared
// statement per distinct shape.
//
// For the low-volume tables (run history, configuration, Graph): handler code stays readable
// (`w.insert("run", {{"ma_id", id}, ...})`) and each distinct column list is prepared once.
// A std::monostate value binds NULL. Text is bound without copying (valid for the call).
// Table and column names must be literals from the caller, never data.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "store/statement.hpp"

namespace csx::store {

class db;

using value = std::variant<std::monostate, std::int64_t, std::string_view>;
using columns = std::initializer_list<std::pair<std::string_view, value>>;

// NULL for an empty text, else the text.
inline value text_or_null(std::string_view s) {
    return s.empty() ? value{} : value{s};
}
inline value int_or_null(std::optional<std::int64_t> v) {
    return v ? value{*v} : value{};
}

class table_writer {
public:
    explicit table_writer(db& d) : db_(d) {}

    // Returns the new row's rowid.
    std::int64_t insert(std::string_view table, columns cols);
    // UPDATE table SET cols... WHERE key_column = key.
    void update(std::string_view table, std::string_view key_column, std::int64_t key,
                columns cols);

    db& database() { return db_; }

private:
    statement& cached(const std::string& sql);
    static void bind_all(statement& st, columns cols, int first);

    db& db_;
    std::map<std::string, statement, std::less<>> cache_;
};

}  // namespace csx::store
