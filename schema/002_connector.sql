-- 002_connector: connector configuration (Get-ADSyncServerConfiguration Connectors/Connector_{guid}.xml).

CREATE TABLE connector (
    connector_row          INTEGER PRIMARY KEY,
    file_id                INTEGER NOT NULL REFERENCES source_file,
    line                   INTEGER NOT NULL,
    ma_id                  TEXT,        -- ma-data/id, upper-case with braces
    name                   TEXT,        -- ma-data/name
    category               TEXT,        -- ma-data/category as written: AD, Extensible2 ...
    kind                   TEXT NOT NULL, -- ad | aad | other (AAD: the Azure AD subtype or listname)
    subtype                TEXT,        -- ma-data/subtype
    ma_listname            TEXT,        -- ma-data/ma-listname
    forest_name            TEXT,        -- adma-configuration/forest-name (or its parameter)
    login_user             TEXT,        -- adma-configuration/forest-login-user (or its parameter)
    login_domain           TEXT,        -- adma-configuration/forest-login-domain (NetBIOS or FQDN, as written)
    aad_user_name          TEXT,        -- parameter UserName (Entra connector account)
    creation_time          TEXT,        -- ma-data/creation-time
    last_modification_time TEXT,        -- ma-data/last-modification-time
    version                INTEGER      -- ma-data/version
) STRICT;

-- ma-partition-data/partition
CREATE TABLE connector_partition (
    connector_row INTEGER NOT NULL REFERENCES connector,
    line          INTEGER NOT NULL,
    partition_id  TEXT,                 -- partition/id
    name          TEXT,                 -- partition/name (a domain DN for AD)
    display_name  TEXT,                 -- partition/display-name
    selected      INTEGER,              -- partition/selected
    is_domain     INTEGER,              -- custom-data/adma-partition-data/is-domain
    last_dc       TEXT,                 -- custom-data/adma-partition-data/last-dc
    inclusions    TEXT,                 -- JSON array: filter/containers/inclusions/inclusion
    exclusions    TEXT                  -- JSON array: filter/containers/exclusions/exclusion
) STRICT;

-- private-configuration/*/parameter-values/parameter (encrypted values are never present)
CREATE TABLE connector_parameter (
    connector_row INTEGER NOT NULL REFERENCES connector,
    name          TEXT NOT NULL,        -- @name
    use           TEXT,                 -- @use: connectivity | global | ...
    type          TEXT,                 -- @type
    encrypted     INTEGER NOT NULL,     -- @encrypted = 1
    value         TEXT                  -- text content (NULL when encrypted or empty)
) STRICT;

PRAGMA user_version = 2;
