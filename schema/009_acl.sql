-- 009_acl: what `dsacls "<DN>"` printed (its text output saved from cmd or PowerShell), for
-- `csx verify`, and the newest time a file's data speaks of, for dating resolved findings.
--
-- One acl row per dsacls run in a file (a transcript may hold several), one acl_entry per ACE
-- line group. Layout: ../shared/reference/remediation.md §1.4; reader: ingest/dsacls_reader.

CREATE TABLE acl (
    acl_id     INTEGER PRIMARY KEY,
    file_id    INTEGER NOT NULL REFERENCES source_file,
    line       INTEGER NOT NULL,   -- first line of this output (the command line, else "Owner:")
    object_dn  TEXT,               -- the DN dsacls was given: from the command line in the file,
                                   -- else `csx ingest --object DN`; NULL when neither says
    dn_source  TEXT,               -- file | option
    owner      TEXT,               -- "Owner:" line
    grp        TEXT,               -- "Group:" line
    protected  INTEGER NOT NULL,   -- 1: "{This object is protected from inheriting permissions from the parent}"
    complete   INTEGER NOT NULL,   -- 1: "The command completed successfully" was reached (only a
                                   -- complete output proves that an ACE is absent)
    failure    TEXT                -- what dsacls said instead of an ACL ("The command failed ...")
) STRICT;

-- One ACE as dsacls prints it.
--   scope         object: in "Access list:" (applies to this object);
--                 inheritable: after "Permissions inherited to subobjects are:", under
--                 "Inherited to <applies_to>" (applies to sub-objects of that class)
--   applies_to    for scope inheritable: 'all subobjects' or a class display name ('user')
--   access        allow | deny
--   principal     as printed (DOMAIN\name, NT AUTHORITY\SELF, a SID); a wrapped one re-joined
--   permission    the right line: 'SPECIAL ACCESS', 'FULL CONTROL', 'Reset Password', 'READ PROPERTY' ...
--   target        the X of 'SPECIAL ACCESS for X' (attribute, property set or class), else NULL
--   bits          JSON array of the permission lines below it (WRITE PROPERTY, READ PROPERTY,
--                 'READ PERMISSIONS' — the build typo PERMISSONS is stored corrected)
--   inherited     1: "<Inherited from parent>"
CREATE TABLE acl_entry (
    acl_id      INTEGER NOT NULL REFERENCES acl,
    ord         INTEGER NOT NULL,
    line        INTEGER NOT NULL,
    scope       TEXT NOT NULL,
    applies_to  TEXT,
    access      TEXT NOT NULL,
    principal   TEXT NOT NULL,
    permission  TEXT NOT NULL,
    target      TEXT,
    bits        TEXT NOT NULL,
    inherited   INTEGER NOT NULL,
    PRIMARY KEY (acl_id, ord)
) STRICT, WITHOUT ROWID;

-- The newest timestamp the file's data holds (csexport: export/import delta times and error
-- dates; run history: step end dates; Graph: error dates), 'YYYY-MM-DD HH:MM:SS.fff'; NULL when
-- the file holds none (an empty errors-only csexport, dsacls output). Dates resolved findings.
ALTER TABLE source_file ADD COLUMN data_time TEXT;

-- csexport: the connector the dump is of, as 'connector <MA-ID or NAME upper-cased>', resolved
-- by csx ingest from v_file_connector (the ma-name in the objects, `--connector`, else the
-- tenant's only connector of the dump's kind) for every csexport of the tenants an ingest
-- touches (a configuration ingested later can resolve an earlier dump); NULL: unresolved.
ALTER TABLE source_file ADD COLUMN connector_ident TEXT;

PRAGMA user_version = 9;
