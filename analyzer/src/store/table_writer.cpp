#include "store/table_writer.hpp"

#include "store/db.hpp"

namespace csx::store {

statement& table_writer::cached(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) it = cache_.emplace(sql, db_.prepare(sql, true)).first;
    return it->second;
}

void table_writer::bind_all(statement& st, columns cols, int first) {
    int i = first;
    for (const auto& c : cols) {
        if (const auto* n = std::get_if<std::int64_t>(&c.second)) {
            st.bind(i, *n);
        } else if (const auto* s = std::get_if<std::string_view>(&c.second)) {
            st.bind_view(i, *s);
        } else {
            st.bind_null(i);
        }
        ++i;
    }
}

std::int64_t table_writer::insert(std::string_view table, columns cols) {
    std::string sql = "INSERT INTO ";
    sql += table;
    sql += " (";
    bool first = true;
    for (const auto& c : cols) {
        if (!first) sql += ", ";
        sql += c.first;
        first = false;
    }
    sql += ") VALUES (";
    for (std::size_t i = 0; i < cols.size(); ++i)
        sql += i ? ", ?" : "?";
    sql += ")";
    statement& st = cached(sql);
    bind_all(st, cols, 1);
    st.step();
    st.reset();
    return db_.last_insert_rowid();
}

void table_writer::update(std::string_view table, std::string_view key_column, std::int64_t key,
                          columns cols) {
    std::string sql = "UPDATE ";
    sql += table;
    sql += " SET ";
    bool first = true;
    for (const auto& c : cols) {
        if (!first) sql += ", ";
        sql += c.first;
        sql += " = ?";
        first = false;
    }
    sql += " WHERE ";
    sql += key_column;
    sql += " = ?";
    statement& st = cached(sql);
    bind_all(st, cols, 1);
    st.bind(static_cast<int>(cols.size()) + 1, key);
    st.step();
    st.reset();
}

}  // namespace csx::store
