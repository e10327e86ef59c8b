-- 004_run_history: run-history XML (run-details / step-details), and ADSyncTools RunStep CLIXML.

CREATE TABLE run (
    run_id         INTEGER PRIMARY KEY,
    file_id        INTEGER NOT NULL REFERENCES source_file,
    line           INTEGER NOT NULL,
    ma_id          TEXT,               -- run-details/ma-id (upper-case with braces)
    ma_name        TEXT,               -- run-details/ma-name
    run_number     INTEGER,            -- run-details/run-number
    run_profile    TEXT,               -- run-details/run-profile-name
    security_id    TEXT,               -- run-details/security-id (DOMAIN\user)
    run_history_id TEXT                -- RunStep CLIXML: RunHistoryId (GUID)
) STRICT;

CREATE TABLE run_step (
    step_id                     INTEGER PRIMARY KEY,
    run_id                      INTEGER NOT NULL REFERENCES run,
    line                        INTEGER NOT NULL,
    step_number                 INTEGER,   -- @step-number (or @number); may come out of order
    step_guid                   TEXT,      -- @step-id / StepHistoryId
    step_type                   TEXT,      -- step-description/step-type/@type: full-import | delta-import | export | apply-rules ...
    step_subtype                TEXT,      -- import-subtype | export-subtype | apply-rules-subtype text
    partition                   TEXT,      -- step-description/partition
    start_date                  TEXT,      -- start-date, normalised 'YYYY-MM-DD HH:MM:SS.fff'
    end_date                    TEXT,      -- end-date
    step_result                 TEXT,      -- step-result: success | completed-export-errors | stopped-* ...
    connection_result           TEXT,      -- ma-connection/connection-result
    connection_server           TEXT,      -- ma-connection/server
    current_export_counter      INTEGER,   -- current-export-step-counter
    last_successful_export_counter INTEGER,-- last-successful-export-step-counter
    description                 TEXT       -- step-description re-serialised (custom-data, threshold ...)
) STRICT;

-- staging-counters, inbound-flow-counters, export-counters, outbound-flow-counters, ma-discovery-counters
CREATE TABLE step_counter (
    step_id  INTEGER NOT NULL REFERENCES run_step,
    grp      TEXT NOT NULL,            -- staging | inbound-flow | export | outbound-flow | discovery
    ma       TEXT NOT NULL DEFAULT '', -- outbound-flow-counters/@ma ('' for the others)
    name     TEXT NOT NULL,            -- counter element name: stage-add, export-failure ...
    value    INTEGER NOT NULL,
    detail   INTEGER,                  -- @detail
    PRIMARY KEY (step_id, grp, ma, name)
) STRICT, WITHOUT ROWID;

-- ma-connection/connection-log/incident
CREATE TABLE connection_incident (
    step_id             INTEGER NOT NULL REFERENCES run_step,
    line                INTEGER NOT NULL,
    connection_result   TEXT,          -- incident/connection-result
    date                TEXT,          -- incident/date
    server              TEXT,          -- incident/server
    error_code_raw      TEXT,          -- incident/cd-error/error-code as written
    error_code          INTEGER,       -- normalised (see sync_error.error_code)
    error_literal       TEXT,          -- incident/cd-error/error-literal
    server_error_detail TEXT           -- incident/cd-error/server-error-detail
) STRICT;

PRAGMA user_version = 4;
