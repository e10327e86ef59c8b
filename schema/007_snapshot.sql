-- 007_snapshot: what triage found for a tenant at one data version, kept so that `csx fleet`
-- reads instead of re-running every rule, and `csx diff` can say what is new, resolved and
-- still open since an earlier ingest (the past state of the data is not recomputable once
-- newer dumps supersede it).
--
-- A snapshot is taken for each tenant an ingest touched (csx ingest), and by fleet/diff for any
-- tenant whose newest data or rule catalog has no snapshot yet.

CREATE TABLE snapshot (
    snapshot_id  INTEGER PRIMARY KEY,
    tenant_id    INTEGER NOT NULL REFERENCES tenant,
    batch_id     INTEGER NOT NULL REFERENCES ingest_batch,  -- data version: the newest batch with a file of the tenant
    rules_digest TEXT NOT NULL,     -- SHA-256 of the rule catalog that ran (ids, severities, SQL)
    taken_at     TEXT NOT NULL,     -- UTC
    tool_version TEXT NOT NULL,
    UNIQUE (tenant_id, batch_id, rules_digest)
) STRICT;

-- One finding of a snapshot. finding_key is the identity diff compares: rule, connector,
-- object and failing attributes (not the error text or counts, which change while the problem
-- stays the same).
CREATE TABLE snapshot_finding (
    snapshot_id    INTEGER NOT NULL REFERENCES snapshot,
    finding_key    TEXT NOT NULL,
    rule_id        TEXT NOT NULL,
    severity       TEXT NOT NULL,   -- info | low | medium | high | critical
    title          TEXT NOT NULL,
    connector      TEXT,
    object_dn      TEXT,
    attributes     TEXT,            -- comma-separated
    error_code     INTEGER,
    first_occurred TEXT,
    last_occurred  TEXT,
    retry_count    INTEGER,
    PRIMARY KEY (snapshot_id, finding_key)
) STRICT, WITHOUT ROWID;

PRAGMA user_version = 7;
