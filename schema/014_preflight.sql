-- 014_preflight: what the pre-flight rules (analyzer/rules/preflight/) need beyond the connector
-- space: the tenant's domains (Graph GET /domains), the UPN suffixes that never route, the
-- well-known objects IdFix leaves out, and the category of each kept finding (so `csx fleet` can
-- count predictions apart from the errors that already happened).

-- One row per AD connector-space object (an object whose DN has a DC= part), from its
-- synchronized hologram, written at ingest: the first value of each attribute Entra ID
-- validates on export, the counts and sizes it limits, and what the object's address values
-- (userPrincipalName, mail, proxyAddresses; those values themselves are attr_value rows) are
-- made of. The pre-flight rules read this narrow row instead of parsing the hologram JSON of
-- every object (README "Performance").
CREATE TABLE cs_object_value (
    object_id          INTEGER PRIMARY KEY REFERENCES cs_object,
    upn                TEXT,     -- userPrincipalName (first value)
    mail               TEXT,     -- mail
    sam                TEXT,     -- sAMAccountName
    mail_nickname      TEXT,     -- mailNickname
    display_name       TEXT,     -- displayName
    given_name         TEXT,     -- givenName
    sn                 TEXT,     -- sn
    target_address     TEXT,     -- targetAddress
    user_certificates  INTEGER,  -- number of userCertificate values (NULL: none)
    smime_certificates INTEGER,  -- number of userSMIMECertificate values
    photo_bytes        INTEGER,  -- thumbnailPhoto size in bytes (base64 decoded)
    critical           INTEGER,  -- isCriticalSystemObject (1/0), NULL when not held
    address_chars      TEXT,     -- every character other than ASCII letters and digits that the
                                 -- address values hold, each once, in code-point order
    address_max        INTEGER   -- the longest address value, in characters (NULL: none)
) STRICT;

-- The tenant's domains, from a Graph `GET /v1.0/domains` export ({"@odata.context":
-- ".../$metadata#domains", "value": [{"id": "contoso.com", "isVerified": true, ...}]}) or
-- `Get-MgDomain | ConvertTo-Json` (Id, IsVerified ...). One row per domain object.
CREATE TABLE tenant_domain (
    file_id     INTEGER NOT NULL REFERENCES source_file,
    line        INTEGER NOT NULL,   -- line of the domain object's opening brace
    domain      TEXT NOT NULL,      -- id (the domain name), as written
    is_verified INTEGER,            -- isVerified (1/0), NULL when not given
    is_default  INTEGER,            -- isDefault
    is_initial  INTEGER             -- isInitial (the <tenant>.onmicrosoft.com domain)
) STRICT;
CREATE INDEX tenant_domain_file ON tenant_domain(file_id);

-- UPN suffixes (the last label, or the whole suffix) that are not routable on the internet, so
-- Entra ID can never verify them: a user with such a UPN is synchronized with the tenant's
-- initial domain (<tenant>.onmicrosoft.com) instead ("Prepare a non-routable domain for
-- directory synchronization", Microsoft Learn). `why` is said in the finding. The RFC 6761
-- documentation names (.example, .test, .invalid) are left out on purpose: no production forest
-- uses them, and every synthetic corpus does.
CREATE TABLE nonroutable_suffix (
    suffix TEXT PRIMARY KEY COLLATE NOCASE,
    why    TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO nonroutable_suffix VALUES
    ('local', '.local is reserved for multicast DNS (RFC 6762) and never routes'),
    ('localdomain', '.localdomain is a private-use name that never routes'),
    ('localhost', '.localhost is reserved (RFC 6761)'),
    ('lan', '.lan is not a delegated top-level domain'),
    ('internal', '.internal is reserved by ICANN for private use (2024) and never routes'),
    ('intranet', '.intranet is not a delegated top-level domain'),
    ('corp', '.corp is not delegated (ICANN name-collision list)'),
    ('home', '.home is not delegated (ICANN name-collision list)'),
    ('private', '.private is not a delegated top-level domain'),
    ('priv', '.priv is not a delegated top-level domain'),
    ('home.arpa', 'home.arpa is reserved for home networks (RFC 8375)');

-- Objects IdFix leaves out as well known (IdFix Constants.WellKnownExclusions and its Skip():
-- microsoft/idfix src/IdFix/Settings/Constants.cs, Rules/MultiTenantRuleCollection.cs), matched
-- case-insensitively as a prefix of the given field: cn (the first RDN's value), sam
-- (sAMAccountName), nickname (mailNickname). `*$` (cn or sAMAccountName ending in $), conflict
-- objects (\0ACNF: in the DN) and isCriticalSystemObject=TRUE are in v_preflight_object itself.
CREATE TABLE preflight_exclusion (
    field  TEXT NOT NULL,   -- cn | sam | nickname
    prefix TEXT NOT NULL,
    PRIMARY KEY (field, prefix)
) STRICT, WITHOUT ROWID;
INSERT INTO preflight_exclusion VALUES
    ('cn', 'ADMINI'), ('cn', 'CAS_{'), ('cn', 'DISCOVERYSEARCHMAILBOX'), ('cn', 'FEDERATEDEMAIL'),
    ('cn', 'GUEST'), ('cn', 'HTTPCONNECTOR'), ('cn', 'KRBTGT'), ('cn', 'IUSR_'), ('cn', 'IWAM'),
    ('cn', 'MSOL'), ('cn', 'SUPPORT_'), ('cn', 'SYSTEMMAILBOX'), ('cn', 'WWIOADMINI'),
    ('cn', 'HEALTHMAILBOX'), ('cn', 'EXCHANGE ONLINE-APPLICATIONACCOUNT'),
    ('sam', 'CAS_'), ('sam', 'SUPPORT_'), ('sam', 'MSOL_'), ('sam', 'KRBTGT'),
    ('nickname', 'CAS_'), ('nickname', 'SYSTEMMAILBOX');

-- The pre-flight object view is shared (computed once per run into TEMP tables, rule_engine), with
-- an index on the columns the rules join them by (index_on: a column list; NULL: none).
ALTER TABLE csx_shared_view ADD COLUMN index_on TEXT;
INSERT INTO csx_shared_view(name, index_on) VALUES ('v_preflight_object', 'object_id');

-- The category of a kept finding (preflight findings are counted apart: "will fail: N").
ALTER TABLE snapshot_finding ADD COLUMN category TEXT;

PRAGMA user_version = 14;
