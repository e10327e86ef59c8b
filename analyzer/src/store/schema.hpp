// schema: brings a database to the schema compiled into this binary (schema/*.sql).
//
// Files named NNN_*.sql with NNN < 900 are migrations, applied once each in order inside
// one transaction; each sets `PRAGMA user_version = NNN`. Files numbered 900 and above
// (indexes, views) are idempotent and re-applied whenever their text changes, tracked by a
// digest in csx_meta. A database from a newer csx (user_version above ours) is refused.
#pragma once

#include <cstdint>
#include <string_view>

namespace csx::store {

class db;

// The schema version this binary writes (the highest migration number).
std::int64_t schema_version();

// Applies pending migrations and refreshes indexes and views. Needs a writable db.
void migrate(db& d);

// For read-only use: throws db_error unless the database is at schema_version().
void require_current(db& d);

// An unnumbered schema/ script by file name (e.g. "purge_file.sql").
std::string_view script(std::string_view name);

// Runs every schema/derive_*.sql script: tables derived from what was ingested (each script
// does only what is not derived yet). After every ingest, and after a migration.
void derive(db& d);

// Drops the secondary indexes of the index script (before a bulk load) and re-creates them
// (after it). A load interrupted in between gets them back at the next writable open.
void drop_indexes(db& d);
void create_indexes(db& d);

}  // namespace csx::store
