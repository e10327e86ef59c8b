-- 011_input_problem: the files an ingest found but read nothing from, so that every answer can
-- say what was not looked at (triage, report, fleet and diff: "data read").
--   skipped     not an input kind csx reads (notes, screenshots, an unknown text), or not read by
--               design (a FIFO, a link out of the folder): the reason says which
--   unreadable  could not be opened or read (permissions, a disk error)
--   damaged     damaged before anything in it could be read as an input kind (an archive cut
--               between members, a member cut in its first bytes, an archive nested deeper
--               than csx opens)
-- Damaged files that kept records are not here: they are source_file rows, status 'partial'.
-- A path is listed once per tenant: a later ingest that reads it (or skips it again) replaces
-- the row, so a problem that was dealt with disappears.

CREATE TABLE input_problem (
    problem_id INTEGER PRIMARY KEY,
    tenant_id  INTEGER REFERENCES tenant,   -- NULL: a file given directly (its tenant would have
                                            -- come from its data, and nothing was read)
    batch_id   INTEGER NOT NULL REFERENCES ingest_batch,
    path       TEXT NOT NULL,
    status     TEXT NOT NULL,               -- skipped | unreadable | damaged
    reason     TEXT NOT NULL,
    size       INTEGER                      -- bytes, when known
) STRICT;

CREATE INDEX input_problem_tenant ON input_problem(tenant_id, path);

PRAGMA user_version = 11;
