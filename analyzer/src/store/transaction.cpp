#include "store/transaction.hpp"

#include <sqlite3.h>

#include "store/db.hpp"

namespace csx::store {

transaction::transaction(db& d) : db_(&d) {
    db_->exec("BEGIN IMMEDIATE");
    open_ = true;
}

transaction::~transaction() {
    if (open_ && sqlite3_get_autocommit(db_->handle()) == 0) {
        // Quiet by design: the only failure mode leaves SQLite to roll back on close.
        sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void transaction::rollback() {
    if (!open_) return;
    open_ = false;
    if (sqlite3_get_autocommit(db_->handle()) == 0) db_->exec("ROLLBACK");
}

void transaction::commit() {
    if (!open_) return;
    db_->exec("COMMIT");  // on failure the transaction stays open and the destructor rolls back
    open_ = false;
}

}  // namespace csx::store
