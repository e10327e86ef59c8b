-- 015_collect: the manifest.json of a `csx collect` bundle (analyzer/collect/collect.ps1):
-- who collected what, where and when, and what the collection could not read. The connectors
-- it lists (Get-ADSyncConnector, with the AD connector's account) are `connector` rows of the
-- manifest's file, so the connector names and account are known even when the configuration
-- export failed.

CREATE TABLE collect_run (
    file_id            INTEGER PRIMARY KEY REFERENCES source_file,
    format             INTEGER NOT NULL,  -- csx_collect: the manifest format (1)
    csx_version        TEXT,              -- the csx that printed the script
    powershell_version TEXT,              -- $PSVersionTable.PSVersion on the server
    adsync_version     TEXT,              -- miiserver.exe / ADSync module version
    server             TEXT,              -- the computer the script ran on
    collected_at       TEXT,              -- collected_utc, normalised 'YYYY-MM-DD HH:MM:SS.fff'
    options            TEXT,              -- JSON: days, full, objects
    install_bin        TEXT,              -- the Bin folder used (csexport.exe)
    install_source     TEXT               -- how it was found (registry, Program Files ...)
) STRICT;

-- One row per step of the collection (manifest items), in the order the script ran them.
CREATE TABLE collect_item (
    file_id   INTEGER NOT NULL REFERENCES source_file,
    ord       INTEGER NOT NULL,   -- position in items[]
    path      TEXT,               -- the file it wrote, relative to the bundle ('' for none)
    what      TEXT NOT NULL,      -- what was collected, in words
    command   TEXT,               -- the command (or cmdlet pipeline) that ran
    status    TEXT NOT NULL,      -- ok | failed | skipped
    exit_code INTEGER,            -- a native program's exit code
    message   TEXT,               -- the error, or a count
    connector TEXT,               -- csexport steps: the connector the file is a dump of
    member    TEXT,               -- path, as csx names the bundle's member (archive!/dir/file)
    PRIMARY KEY (file_id, ord)
) STRICT;

PRAGMA user_version = 15;
