-- 003_csexport: the connector space (csexport XML), one cs-object at a time.
-- object_id values are allocated contiguously per source file.

CREATE TABLE cs_object (
    object_id              INTEGER PRIMARY KEY,
    file_id                INTEGER NOT NULL REFERENCES source_file,
    line                   INTEGER NOT NULL,   -- line of the <cs-object> start tag
    cs_dn                  TEXT NOT NULL,      -- @cs-dn
    parent_dn              TEXT,               -- cs-dn without its first RDN (computed; NULL for one-RDN DNs)
    cs_id                  TEXT,               -- @id (the cs-object GUID)
    object_type            TEXT,               -- @object-type
    transient              INTEGER,            -- @transient
    status                 TEXT,               -- @status (e.g. corrupted)
    connector              INTEGER,            -- connector (0 = disconnector, 1 = connector)
    connector_state        TEXT,               -- connector-state: normal | explicit | stay
    ma_id                  TEXT,               -- ma-id
    ma_name                TEXT,               -- ma-name
    partition_name         TEXT,               -- partition-name
    disconnection_time     TEXT,               -- disconnection-time
    last_import_delta_time TEXT,               -- last-import-delta-time
    last_export_delta_time TEXT,               -- last-export-delta-time
    state                  TEXT,               -- JSON object: every other simple child, keyed by
                                               -- element path ("seen-by-import", "sequencers/current/batch-number", ...)
    held                   TEXT                -- ",id,id,...,": the attr_name ids of every attribute of the
                                               -- synchronized hologram (computed); instr(held, ',' || id || ',')
                                               -- tells whether the object holds an attribute without reading JSON
) STRICT;

-- unapplied-export/delta, escrowed-export/delta, unconfirmed-export/delta, pending-import/delta
CREATE TABLE delta (
    object_id           INTEGER NOT NULL REFERENCES cs_object,
    section_id          INTEGER NOT NULL REFERENCES section_kind,
    line                INTEGER NOT NULL,
    operation           TEXT,          -- delta/@operation: add | replace | update | delete | delete-add | none
    dn                  TEXT,          -- delta/@dn
    newdn               TEXT,          -- delta/@newdn (renames)
    anchor              TEXT,          -- delta/anchor (as written, base64 when encoded)
    parent_anchor       TEXT,          -- delta/parent-anchor
    primary_objectclass TEXT,          -- delta/primary-objectclass
    objectclasses       TEXT,          -- JSON array of delta/objectclass/oc-value
    PRIMARY KEY (object_id, section_id)
) STRICT, WITHOUT ROWID;

-- Every value of every attr / dn-attr of a delta, with its operations. An attribute present
-- without values (e.g. a delete) has one row with value NULL.
CREATE TABLE delta_value (
    object_id  INTEGER NOT NULL,
    section_id INTEGER NOT NULL,
    name_id    INTEGER NOT NULL REFERENCES attr_name,
    attr_ord   INTEGER NOT NULL,       -- position of the attr / dn-attr in the delta (0-based)
    value_ord  INTEGER NOT NULL,       -- position of the value in the attribute (0-based)
    attr_op    TEXT,                   -- attr/@operation or dn-attr/@operation: add | replace | update | delete
    value_op   TEXT,                   -- value/@operation or dn-value/@operation: add | delete
    value      TEXT,                   -- value text, or dn-value/dn for dn-attrs
    encoding   TEXT,                   -- value/@encoding (base64) when the value is encoded
    anchor     TEXT,                   -- dn-value/anchor
    PRIMARY KEY (object_id, section_id, attr_ord, value_ord)
) STRICT, WITHOUT ROWID;

-- synchronized-hologram/entry and the four other *-hologram/entry kinds.
CREATE TABLE hologram (
    object_id           INTEGER NOT NULL REFERENCES cs_object,
    section_id          INTEGER NOT NULL REFERENCES section_kind,
    line                INTEGER NOT NULL,
    dn                  TEXT,          -- entry/@dn
    anchor              TEXT,          -- entry/anchor
    parent_anchor       TEXT,          -- entry/parent-anchor
    primary_objectclass TEXT,          -- entry/primary-objectclass
    objectclasses       TEXT,          -- JSON array of entry/objectclass/oc-value
    attrs               TEXT,          -- JSON object {name: [values]} of every attr and dn-attr that is
                                       -- NOT indexed (see attr_name.indexed); dn-values with anchors add
                                       -- a "name;anchor" key, base64-encoded values a "name;encoding"
                                       -- key; both are arrays parallel to the values ("" where none).
                                       -- Values stay as written.
    PRIMARY KEY (object_id, section_id)
) STRICT, WITHOUT ROWID;

-- One row per value of an indexed attribute (attr_name.indexed = 1) in any hologram.
CREATE TABLE attr_value (
    object_id  INTEGER NOT NULL,
    section_id INTEGER NOT NULL,
    name_id    INTEGER NOT NULL REFERENCES attr_name,
    ord        INTEGER NOT NULL,       -- value position within the attribute
    value      TEXT NOT NULL,          -- value text, or dn-value/dn
    encoding   TEXT,                   -- value/@encoding (base64) when the value is encoded
    address    TEXT,                   -- userPrincipalName / mail / proxyAddresses: the value lower-cased
                                       -- (ASCII) without an smtp: prefix (computed); NULL otherwise
    PRIMARY KEY (object_id, section_id, name_id, ord)
) STRICT, WITHOUT ROWID;

-- Metaverse lineage: cs-object/mv-link (Connect) and cs-mv-links/cs-mv-value (FIM 2010 doc form).
CREATE TABLE mv_link (
    object_id    INTEGER NOT NULL REFERENCES cs_object,
    line         INTEGER NOT NULL,
    lineage_id   TEXT,                 -- @lineage-id
    lineage_type TEXT,                 -- @lineage-type: provisioning-rules | join-rules | projection-rules ...
    lineage_time TEXT,                 -- @lineage-time
    mv_guid      TEXT,                 -- mv-link text (metaverse object GUID)
    cs_dn        TEXT,                 -- cs-mv-value/cs-dn
    cs_guid      TEXT,                 -- cs-mv-value/cs-guid
    ma_name      TEXT,                 -- cs-mv-value/ma-name
    ma_guid      TEXT                  -- cs-mv-value/ma-guid
) STRICT;

-- How many objects of a file hold each attribute in their synchronized hologram (computed at
-- ingest): "does anyone here hold X" without scanning the objects.
CREATE TABLE file_attr (
    file_id INTEGER NOT NULL REFERENCES source_file,
    name_id INTEGER NOT NULL REFERENCES attr_name,
    holders INTEGER NOT NULL,
    PRIMARY KEY (file_id, name_id)
) STRICT, WITHOUT ROWID;

-- Anything csx does not model, kept verbatim (re-serialised XML) rather than lost.
CREATE TABLE extra_element (
    file_id   INTEGER NOT NULL REFERENCES source_file,
    object_id INTEGER,                 -- the enclosing cs-object, when inside one
    line      INTEGER NOT NULL,
    path      TEXT NOT NULL,           -- element path from the document root
    xml       TEXT NOT NULL
) STRICT;

PRAGMA user_version = 3;
