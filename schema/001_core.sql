-- 001_core: tenants, ingest batches, source files, interned names.
-- Every row of every other table leads back to a source_file (path, size, SHA-256, kind,
-- encoding) and a line in it, so every finding can point back into the dump.

CREATE TABLE csx_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE tenant (
    tenant_id  INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at TEXT NOT NULL                       -- UTC, 'YYYY-MM-DD HH:MM:SS'
) STRICT;

-- One `csx ingest` invocation: the unit of "what changed since the last ingest".
CREATE TABLE ingest_batch (
    batch_id     INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    tool_version TEXT NOT NULL
) STRICT;

CREATE TABLE source_file (
    file_id        INTEGER PRIMARY KEY,
    tenant_id      INTEGER NOT NULL REFERENCES tenant,
    batch_id       INTEGER NOT NULL REFERENCES ingest_batch,
    path           TEXT NOT NULL,       -- as given on the command line (or found below a folder)
    size           INTEGER NOT NULL,    -- bytes
    sha256         TEXT NOT NULL,       -- lower-case hex of the whole file
    kind           TEXT NOT NULL,       -- csexport | run-history | connector-config | graph-json | clixml-runstep
    encoding       TEXT NOT NULL,       -- utf-8 | utf-8-bom | utf-16le | utf-16be | windows-1252
    status         TEXT NOT NULL,       -- complete | partial (damaged: the intact prefix is kept)
    error          TEXT,                -- for partial files: what was wrong and what was expected
    error_line     INTEGER,
    error_column   INTEGER,
    record_count   INTEGER NOT NULL,    -- top-level records kept: cs-objects, run-details, connectors, Graph objects, run steps
    tenant_source  TEXT NOT NULL,       -- option (--tenant) | folder | data (inferred from the file)
    connector_kind TEXT,                -- csexport: ad | aad, inferred from the objects (DN shapes, anchors)
    connector_hint TEXT,                -- csexport: ma-name / ma-id written in the objects, when present
    ingested_at    TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX source_file_tenant_sha ON source_file(tenant_id, sha256);
CREATE INDEX source_file_sha ON source_file(sha256);

-- Attribute names are interned: the value tables stay narrow. Names compare case-insensitively
-- (as LDAP does); the first spelling seen is kept. `indexed` names get one attr_value row per
-- value (searchable, indexed); the others are packed per hologram (hologram.attrs).
CREATE TABLE attr_name (
    name_id     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    type        TEXT,                   -- string | integer | boolean | binary ... as first seen
    multivalued INTEGER,                -- 0 | 1 as first seen
    is_dn       INTEGER NOT NULL DEFAULT 0,
    indexed     INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The attributes rules search by value across a whole tenant: names and addresses (duplicates,
-- soft match) and the anchors that tie AD and Entra objects; adminCount (rare) marks protected
-- objects. Everything else, memberOf included, is packed per hologram and read per object.
-- The first three ids are fixed (1 userPrincipalName, 2 mail, 3 proxyAddresses): the address
-- column of attr_value is filled for them.
INSERT INTO attr_name(name_id, name, indexed, is_dn) VALUES
    (1, 'userPrincipalName', 1, 0),
    (2, 'mail', 1, 0),
    (3, 'proxyAddresses', 1, 0),
    (4, 'adminCount', 1, 0),
    (5, 'sourceAnchor', 1, 0),
    (6, 'cloudAnchor', 1, 0),
    (7, 'onPremisesImmutableId', 1, 0);

-- Groups whose members SDProp protects (MS-ADTS 3.1.1.6.1.2), matched by the CN of a memberOf
-- value. Key Admins / Enterprise Key Admins depend on the PDC's OS version: weaker evidence.
CREATE TABLE protected_group (
    cn       TEXT PRIMARY KEY COLLATE NOCASE,
    strength TEXT NOT NULL              -- strong | circumstantial
) STRICT;
INSERT INTO protected_group VALUES
    ('Administrators', 'strong'), ('Domain Admins', 'strong'), ('Enterprise Admins', 'strong'),
    ('Schema Admins', 'strong'), ('Account Operators', 'strong'), ('Server Operators', 'strong'),
    ('Print Operators', 'strong'), ('Backup Operators', 'strong'), ('Replicator', 'strong'),
    ('Domain Controllers', 'strong'), ('Read-only Domain Controllers', 'strong'),
    ('Key Admins', 'circumstantial'), ('Enterprise Key Admins', 'circumstantial');

-- Views several rules read that are costly to compute: the rule engine computes each once per
-- run (into a TEMP table of the same name, which the rules' unqualified references then find).
CREATE TABLE csx_shared_view (
    name TEXT PRIMARY KEY
) STRICT;
INSERT INTO csx_shared_view VALUES ('v_permission_error'), ('v_conflict');

-- Accounts SDProp always protects, matched by sAMAccountName.
CREATE TABLE protected_account (
    sam_account_name TEXT PRIMARY KEY COLLATE NOCASE
) STRICT;
INSERT INTO protected_account VALUES ('Administrator'), ('krbtgt');

-- Which part of a cs-object a delta or hologram came from.
CREATE TABLE section_kind (
    section_id INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    is_delta   INTEGER NOT NULL
) STRICT;
INSERT INTO section_kind VALUES
    (1, 'unapplied-export', 1),
    (2, 'escrowed-export', 1),
    (3, 'unconfirmed-export', 1),
    (4, 'pending-import', 1),
    (5, 'synchronized-hologram', 0),
    (6, 'unapplied-export-hologram', 0),
    (7, 'escrowed-export-hologram', 0),
    (8, 'unconfirmed-export-hologram', 0),
    (9, 'pending-import-hologram', 0);

PRAGMA user_version = 1;
