// transaction: BEGIN IMMEDIATE ... COMMIT, rolled back by the destructor unless committed.
//
// IMMEDIATE takes the write lock up front, so a second writer waits (busy timeout) at the
// start instead of failing half-way. The destructor never throws; a failed rollback is
// reported to stderr-free callers through the connection's own state (SQLite rolls back
// automatically when the connection closes).
#pragma once

namespace csx::store {

class db;

class transaction {
public:
    explicit transaction(db& d);
    transaction(const transaction&) = delete;
    transaction& operator=(const transaction&) = delete;
    ~transaction();

    void commit();
    // Rolls back now (the destructor would do it later); for callers that must see the
    // database as it was before the transaction.
    void rollback();

private:
    db* db_;
    bool open_ = false;
};

}  // namespace csx::store
