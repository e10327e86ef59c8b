-- 010_directory: what the inputs say about AD security principals: SIDs, group membership,
-- adminCount, primaryGroupID, isCriticalSystemObject and whether the object's ACL blocks
-- inheritance. This is the evidence AdminSDHolder protection is decided from (by SID, never by a
-- group's name): a real AD connector does not select adminCount or memberOf, so the evidence
-- comes from wherever the files hold it.
--
-- Sources (ad_principal.source):
--   csexport  the synchronized hologram of an AD connector-space object (objectSid, member,
--             primaryGroupID, adminCount, isCriticalSystemObject, memberOf when selected)
--   ldif      an `ldifde -f out.ldf -d "<DN>" -p base -l adminCount,memberOf,primaryGroupID,
--             objectSid,tokenGroups` export (or -r "(adminCount=1)" over a domain)
--   clixml    Get-ADUser / Get-ADGroup / Get-ADObject ... | Export-Clixml (the ActiveDirectory
--             module's Deserialized.Microsoft.ActiveDirectory.Management.* objects), and
--             Get-ADPrincipalGroupMembership output
-- Views: v_ad_principal, v_ad_edge, v_protection (950_views.sql).

CREATE TABLE ad_principal (
    principal_id     INTEGER PRIMARY KEY,
    file_id          INTEGER NOT NULL REFERENCES source_file,
    line             INTEGER NOT NULL,   -- where the object starts in the file
    dn               TEXT NOT NULL,      -- as written (RFC 4514 escapes kept)
    dn_key           TEXT NOT NULL,      -- upper(replace(dn, ', ', ',')), as the views key DNs: for joins
    object_class     TEXT,               -- user | group | computer | inetOrgPerson ... when known
    sid              TEXT,               -- objectSid as a string SID (S-1-5-21-...-1104)
    domain_sid       TEXT,               -- S-1-5-21-a-b-c of a domain account SID, else NULL
    rid              INTEGER,            -- its last sub-authority (500, 512, 1104 ...), else NULL
    sam_account_name TEXT,
    admin_count      INTEGER,            -- NULL: the input does not say (not selected / not set)
    admin_count_known INTEGER NOT NULL DEFAULT 0,  -- 1: the input selected adminCount, so NULL
                                         -- means "not set" (CLIXML with the property present)
    primary_group_id INTEGER,
    is_critical      INTEGER,            -- isCriticalSystemObject (1/0), NULL when not given
    member_of_listed INTEGER NOT NULL DEFAULT 0,   -- 1: the input holds the object's memberOf
                                         -- (its direct groups, possibly none)
    token_groups_listed INTEGER NOT NULL DEFAULT 0, -- 1: the input holds tokenGroups (the
                                         -- object's transitive group SIDs, primary group included)
    acl_protected    INTEGER,            -- nTSecurityDescriptor.AreAccessRulesProtected (CLIXML)
    source           TEXT NOT NULL       -- csexport | ldif | clixml
) STRICT;

-- Group membership as the inputs state it, one row per value.
--   member       this principal is a group and `value` (a DN) is one of its members
--   member-of    `value` (a DN) is a group this principal is a direct member of
--   token-group  `value` (a string SID) is a group this principal is a transitive member of
CREATE TABLE ad_link (
    principal_id INTEGER NOT NULL REFERENCES ad_principal,
    kind         TEXT NOT NULL,
    value        TEXT NOT NULL,
    value_key    TEXT NOT NULL,          -- DN values: keyed as ad_principal.dn_key; SIDs: canonical (S-1-...)
    line         INTEGER NOT NULL
) STRICT;

-- Protected groups and accounts by SID (MS-ADTS 3.1.1.6.1.2; "Appendix C: Protected Accounts and
-- Groups in Active Directory"). kind: rid (relative to a domain SID S-1-5-21-a-b-c) or sid (a
-- well-known builtin SID). what: group | account. strength: strong, or circumstantial where
-- protection depends on the PDC emulator's Windows version (Key Admins, Enterprise Key Admins).
-- The four operator groups can be excluded by dSHeuristics dwAdminSDExMask (not visible in the
-- files; said in the README).
CREATE TABLE protected_sid (
    kind     TEXT NOT NULL,
    value    TEXT NOT NULL,
    what     TEXT NOT NULL,
    name     TEXT NOT NULL,              -- the English name, for messages only (never matched)
    strength TEXT NOT NULL,
    PRIMARY KEY (kind, value)
) STRICT, WITHOUT ROWID;
INSERT INTO protected_sid VALUES
    ('rid', '500', 'account', 'Administrator (RID 500)', 'strong'),
    ('rid', '502', 'account', 'krbtgt (RID 502)', 'strong'),
    ('rid', '512', 'group', 'Domain Admins', 'strong'),
    ('rid', '516', 'group', 'Domain Controllers', 'strong'),
    ('rid', '518', 'group', 'Schema Admins', 'strong'),
    ('rid', '519', 'group', 'Enterprise Admins', 'strong'),
    ('rid', '521', 'group', 'Read-only Domain Controllers', 'strong'),
    ('rid', '526', 'group', 'Key Admins', 'circumstantial'),
    ('rid', '527', 'group', 'Enterprise Key Admins', 'circumstantial'),
    ('sid', 'S-1-5-32-544', 'group', 'Administrators', 'strong'),
    ('sid', 'S-1-5-32-548', 'group', 'Account Operators', 'strong'),
    ('sid', 'S-1-5-32-549', 'group', 'Server Operators', 'strong'),
    ('sid', 'S-1-5-32-550', 'group', 'Print Operators', 'strong'),
    ('sid', 'S-1-5-32-551', 'group', 'Backup Operators', 'strong'),
    ('sid', 'S-1-5-32-552', 'group', 'Replicator', 'strong');

-- With no SID anywhere for a group, its well-known place is the fallback — and only together with
-- isCriticalSystemObject=TRUE, which only the system sets: a CN match alone is never evidence
-- (a look-alike `CN=Backup Operators,OU=Custom Groups` is not protected). rdn_path is the DN
-- without its domain part, upper-cased (English names: localized domains have other names and
-- are recognised by SID).
CREATE TABLE protected_dn (
    rdn_path TEXT PRIMARY KEY,
    sid_kind TEXT NOT NULL,
    sid_value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO protected_dn VALUES
    ('CN=DOMAIN ADMINS,CN=USERS', 'rid', '512'),
    ('CN=SCHEMA ADMINS,CN=USERS', 'rid', '518'),
    ('CN=ENTERPRISE ADMINS,CN=USERS', 'rid', '519'),
    ('CN=DOMAIN CONTROLLERS,CN=USERS', 'rid', '516'),
    ('CN=READ-ONLY DOMAIN CONTROLLERS,CN=USERS', 'rid', '521'),
    ('CN=KEY ADMINS,CN=USERS', 'rid', '526'),
    ('CN=ENTERPRISE KEY ADMINS,CN=USERS', 'rid', '527'),
    ('CN=ADMINISTRATORS,CN=BUILTIN', 'sid', 'S-1-5-32-544'),
    ('CN=ACCOUNT OPERATORS,CN=BUILTIN', 'sid', 'S-1-5-32-548'),
    ('CN=SERVER OPERATORS,CN=BUILTIN', 'sid', 'S-1-5-32-549'),
    ('CN=PRINT OPERATORS,CN=BUILTIN', 'sid', 'S-1-5-32-550'),
    ('CN=BACKUP OPERATORS,CN=BUILTIN', 'sid', 'S-1-5-32-551'),
    ('CN=REPLICATOR,CN=BUILTIN', 'sid', 'S-1-5-32-552');

PRAGMA user_version = 10;
