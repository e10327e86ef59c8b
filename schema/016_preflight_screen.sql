-- 016_preflight_screen: what lets the pre-flight rules (analyzer/rules/preflight/) read only the
-- objects that could fail a check, so a triage pays for the suspects, not for every object of
-- a full dump (README "Pre-flight", "Performance").

-- Which file each cs_object_value row came from (the rules start from the in-scope dumps of the
-- tenant: v_preflight_file), and the shape of its values.
ALTER TABLE cs_object_value ADD COLUMN file_id INTEGER;
ALTER TABLE cs_object_value ADD COLUMN shape_id INTEGER;

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

UPDATE cs_object_value
SET file_id = (SELECT o.file_id FROM cs_object AS o WHERE o.object_id = cs_object_value.object_id),
    shape_id = 0;

-- Address keys (space 'address': userPrincipalName, mail, proxyAddresses lower-cased without an
-- smtp: prefix, and an SMTP targetAddress; space 'nickname': mailNickname lower-cased) that
-- another object holds too: one in the same AD dump, or one with another DN in another AD dump
-- of the same tenant. Derived after each ingest (schema/derive_preflight.sql) for every AD
-- csexport not derived yet (preflight_derived); the duplicate rule starts from these few keys.
CREATE TABLE duplicate_key (
    file_id INTEGER NOT NULL REFERENCES source_file,
    space   TEXT NOT NULL,
    key     TEXT NOT NULL,
    PRIMARY KEY (file_id, space, key)
) STRICT, WITHOUT ROWID;
CREATE TABLE preflight_derived (
    file_id INTEGER PRIMARY KEY REFERENCES source_file
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
