-- 005_errors: every synchronisation error, whatever file it came from.
--   csexport:    cs-object/export-errordetail (both shapes), cs-object/import-errordetail
--   run history: synchronization-errors/export-error | import-error, mv-retry-errors/retry-error,
--                ma-discovery-errors/ma-object-error (also inside RunStep CLIXML SyncErrorsXml)

CREATE TABLE sync_error (
    error_id            INTEGER PRIMARY KEY,
    file_id             INTEGER NOT NULL REFERENCES source_file,
    line                INTEGER NOT NULL,
    origin              TEXT NOT NULL,   -- csexport | run-history
    direction           TEXT NOT NULL,   -- export | import | retry | discovery
    object_id           INTEGER,         -- csexport: the cs_object
    step_id             INTEGER,         -- run history: the run_step
    cs_guid             TEXT,            -- run history: export-error/@cs-guid; retry-error/@mvGuid
    dn                  TEXT,            -- run history: @dn; retry-error/@displayName; ma-object-error/dn
    parent_dn           TEXT,            -- dn without its first RDN (computed, RFC 4514 escapes respected)
    error_type          TEXT,            -- @error-type or error-type: permission-issue, AttributeValueMustBeUnique ...
    first_occurred      TEXT,            -- normalised 'YYYY-MM-DD HH:MM:SS.fff'
    date_occurred       TEXT,            -- the latest occurrence
    retry_count         INTEGER,
    algorithm_step      TEXT,            -- import/retry errors: algorithm-step
    error_code_raw      TEXT,            -- cd-error/error-code exactly as written (0x2098, 8344 ...)
    error_code          INTEGER,         -- normalised: hex or decimal; HRESULT 0x8007xxxx -> Win32 xxxx
    error_name          TEXT,            -- cd-error/error-name (Entra connector)
    error_literal       TEXT,            -- cd-error/error-literal
    server_error_detail TEXT,            -- cd-error/server-error-detail (AD LDAP text)
    extra_error_details TEXT,            -- cd-error/extra-error-details (Entra connector)
    detail_xml          TEXT             -- everything else inside the error, re-serialised XML
) STRICT;

PRAGMA user_version = 5;
