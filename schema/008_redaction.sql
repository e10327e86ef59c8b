-- 008_redaction: names `csx report --redact` keeps as they are. They are the structure of every
-- Active Directory (built-in containers, well-known groups and accounts), not people: a CN= value
-- or a word from the data matching one of these stays readable; every other CN value, account,
-- name and mailbox is replaced by a pseudonym.

CREATE TABLE well_known_name (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    what TEXT NOT NULL                  -- container | group | account
) STRICT;

INSERT INTO well_known_name VALUES
    ('Users', 'container'), ('Computers', 'container'), ('Builtin', 'container'),
    ('System', 'container'), ('AdminSDHolder', 'container'),
    ('ForeignSecurityPrincipals', 'container'), ('Managed Service Accounts', 'container'),
    ('Program Data', 'container'), ('Microsoft Exchange System Objects', 'container'),
    ('Configuration', 'container'), ('Schema', 'container'), ('Partitions', 'container'),
    ('Sites', 'container'), ('Services', 'container'), ('Domain System Volume', 'container'),
    ('Policies', 'container'), ('Keys', 'container'), ('LostAndFound', 'container'),
    ('Infrastructure', 'container'), ('Deleted Objects', 'container'),
    ('Domain Users', 'group'), ('Domain Computers', 'group'), ('Domain Guests', 'group'),
    ('Cert Publishers', 'group'), ('Group Policy Creator Owners', 'group'),
    ('DnsAdmins', 'group'), ('DnsUpdateProxy', 'group'), ('Protected Users', 'group'),
    ('Enterprise Read-only Domain Controllers', 'group'), ('Cloneable Domain Controllers', 'group'),
    ('Remote Desktop Users', 'group'), ('Guests', 'group'),
    ('Administrator', 'account'), ('krbtgt', 'account'), ('Guest', 'account');
-- The SDProp-protected groups (protected_group) are well known too.
INSERT INTO well_known_name SELECT cn, 'group' FROM protected_group WHERE true
    ON CONFLICT DO NOTHING;

PRAGMA user_version = 8;
