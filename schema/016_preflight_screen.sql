-- 016_preflight_screen: what lets the pre-flight rules (analyzer/rules/preflight/) read only the
-- objects that could fail a check, so a triage pays for the suspects, not for every object of
-- a full dump (README "Pre-flight", "Performance").

-- The distinct shapes of AD objects' checked values, written at ingest (ingest/value_shape.hpp):
-- each run of ASCII letters and digits as one 'a' ("john.o'neil@contoso.com" -> "a.a'a@a.a"),
-- a userPrincipalName's suffix as written ("a.a@Contoso.local"), displayName, givenName and sn
-- as their first and last characters only; *_len8 = the length in characters rounded up to a
-- multiple of 8, divided by 8 (so `x_len8 * 8 > L` keeps every value longer than L); counts as
-- they are; the photo's size rounded up to a power of two. A rule keeps the shapes its tests
-- could fail, then reads those objects' real values: a screen, never the verdict.
CREATE TABLE value_shape (
    shape_id            INTEGER PRIMARY KEY,
    signature           TEXT UNIQUE,        -- every field, length-prefixed (the dedup key)
    screened            INTEGER NOT NULL,   -- 0: shape 0, objects read before schema 16, whose
                                            -- values were never shaped: every screen keeps them
    object_type         TEXT,
    upn                 TEXT, upn_len8 INTEGER,
    mail                TEXT, mail_len8 INTEGER,
    sam                 TEXT, sam_len8 INTEGER,
    mail_nickname       TEXT, mail_nickname_len8 INTEGER,
    target_address      TEXT, target_address_len8 INTEGER,
    display_name        TEXT, display_name_len8 INTEGER,
    given_name          TEXT, given_name_len8 INTEGER,
    sn                  TEXT, sn_len8 INTEGER,
    proxy_chars         TEXT,               -- every character of the smtp proxyAddresses other
                                            -- than ASCII letters and digits, once, in code-point
                                            -- order
    proxy_edges         TEXT,               -- the first and last characters of every proxy
                                            -- address (any type) that are not ASCII letters or
                                            -- digits, once
    proxy_len8          INTEGER,            -- the longest proxy address
    user_certificates   INTEGER,
    smime_certificates  INTEGER,
    photo_pow2          INTEGER
) STRICT;
INSERT INTO value_shape(shape_id, screened) VALUES (0, 0);

-- The views that read cs_object_value go before it is rebuilt (csx re-creates every v_* view
-- after the migrations).
DROP VIEW IF EXISTS v_preflight_object;
DROP VIEW IF EXISTS v_duplicate_nickname_key;
-- cs_object_value again, with which file each row came from (the rules start from the in-scope
-- dumps of the tenant: v_preflight_file) and the shape of its values; and its object is now a
-- cs_object (positive id) or an ldif_object (negative id, below), so the key references neither.
CREATE TABLE cs_object_value_16 (
    object_id          INTEGER PRIMARY KEY,  -- cs_object.object_id, or ldif_object.object_id
    upn                TEXT,
    mail               TEXT,
    sam                TEXT,
    mail_nickname      TEXT,
    display_name       TEXT,
    given_name         TEXT,
    sn                 TEXT,
    target_address     TEXT,
    user_certificates  INTEGER,
    smime_certificates INTEGER,
    photo_bytes        INTEGER,
    critical           INTEGER,
    address_chars      TEXT,
    address_max        INTEGER,
    file_id            INTEGER REFERENCES source_file,
    shape_id           INTEGER REFERENCES value_shape
) STRICT;
INSERT INTO cs_object_value_16
SELECT v.object_id, v.upn, v.mail, v.sam, v.mail_nickname, v.display_name, v.given_name, v.sn,
       v.target_address, v.user_certificates, v.smime_certificates, v.photo_bytes, v.critical,
       v.address_chars, v.address_max,
       (SELECT o.file_id FROM cs_object AS o WHERE o.object_id = v.object_id), 0
FROM cs_object_value AS v;
DROP TABLE cs_object_value;
ALTER TABLE cs_object_value_16 RENAME TO cs_object_value;

-- The users, inetOrgPersons, groups and contacts of an LDIF export (`ldifde -f users.ldf`), read
-- as a directory for the pre-flight rules when the tenant has no full dump of an AD connector
-- (before Entra Connect is installed, or when only ldifde could run): their values are
-- cs_object_value rows and their addresses attr_value rows (section 5, as a synchronized
-- hologram's), under negative object ids, so no cs_object and no view of the connector space
-- ever meets them (v_cs_object, v_address, v_aad_link join cs_object).
CREATE TABLE ldif_object (
    object_id   INTEGER PRIMARY KEY,   -- negative: -1, -2, ... (cs_object ids are positive)
    file_id     INTEGER NOT NULL REFERENCES source_file,
    line        INTEGER NOT NULL,      -- line of the entry's dn:
    dn          TEXT NOT NULL,
    object_type TEXT NOT NULL          -- user | inetOrgPerson | group | contact (objectClass)
) STRICT;
CREATE INDEX ldif_object_file ON ldif_object(file_id);



-- Address keys (space 'address': userPrincipalName, mail, proxyAddresses lower-cased without an
-- smtp: prefix, and an SMTP targetAddress; space 'nickname': mailNickname lower-cased) that
-- another object holds too: one in the same AD dump, or one with another DN in another AD dump
-- of the same tenant. Found while a dump is read (ingest/duplicate_key_finder.hpp) and after
-- each ingest (schema/derive_preflight.sql) for every AD csexport not derived yet
-- (preflight_derived); the duplicate rule starts from these few keys.
CREATE TABLE duplicate_key (
    file_id INTEGER NOT NULL REFERENCES source_file,
    space   TEXT NOT NULL,
    key     TEXT NOT NULL,
    PRIMARY KEY (file_id, space, key)
) STRICT, WITHOUT ROWID;
CREATE TABLE preflight_derived (
    file_id INTEGER PRIMARY KEY REFERENCES source_file,
    scope   TEXT NOT NULL   -- 'file': the keys two objects of the file hold (written while the
                            -- dump was read, ingest/duplicate_key_finder.hpp); 'tenant': also
                            -- those shared with the tenant's other AD dumps
) STRICT;

-- A dump whose connector becomes known later (a configuration or run history read after it)
-- may now be in scope beside another: its keys are derived again.
CREATE TRIGGER source_file_ident_changed AFTER UPDATE OF connector_ident ON source_file
WHEN OLD.connector_ident IS NOT NEW.connector_ident
BEGIN
    DELETE FROM duplicate_key WHERE file_id = NEW.file_id;
    DELETE FROM preflight_derived WHERE file_id = NEW.file_id;
END;

-- The shared pre-flight view is now the in-scope dumps (a few rows), not every object.
DELETE FROM csx_shared_view WHERE name = 'v_preflight_object';
INSERT INTO csx_shared_view(name, index_on) VALUES ('v_preflight_file', NULL),
    ('v_preflight_entra_error', 'ad_object_id');

PRAGMA user_version = 16;
