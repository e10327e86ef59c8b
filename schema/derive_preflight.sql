-- derive_preflight: the duplicate address keys of every AD csexport not derived yet (schema/016:
-- duplicate_key, preflight_derived). Run after every ingest and after the migration to schema
-- 16 (store::derive); costs one query on source_file when nothing is new. Not a migration.
--
-- A key is kept for a file (an AD csexport, or an LDIF export holding ldif_object rows) when two
-- objects of that file hold it, or when an object of another such file of the same tenant with
-- another DN holds it (the pair is found when the later of
-- the two files is read; an earlier dump of the same connector holds the same objects, so the
-- same DN does not count). A superset of what the duplicate rule reports: the rule narrows the
-- holders to objects in scope of the newest dumps.
--
-- The keys within one file are usually found while it is read (ingest/duplicate_key_finder.hpp:
-- preflight_derived scope 'file'); here only for a dump too large for the finder, or read
-- before schema 16. keys_read says which.
CREATE TEMP TABLE IF NOT EXISTS derive_todo (file_id INTEGER PRIMARY KEY, tenant_id INTEGER,
                                             keys_read INTEGER);
DELETE FROM temp.derive_todo;
INSERT INTO temp.derive_todo
SELECT s.file_id, s.tenant_id,
       EXISTS (SELECT 1 FROM preflight_derived AS p WHERE p.file_id = s.file_id AND p.scope = 'file')
FROM source_file AS s
WHERE ((s.kind = 'csexport' AND s.connector_kind = 'ad')
       OR (s.kind = 'ldif' AND EXISTS (SELECT 1 FROM ldif_object AS o WHERE o.file_id = s.file_id)))
  AND s.file_id NOT IN (SELECT file_id FROM preflight_derived WHERE scope = 'tenant');

-- The other AD csexports (or LDIF exports of users) of the tenant that can be in scope together
-- with a file: another connector's (v_csexport_file's ident), the same batch's (two forests'
-- dumps that name no connector), or one of the other kind. An older or newer dump of the same
-- connector never is: the newest replaces it.
CREATE TEMP TABLE IF NOT EXISTS derive_other (file_id INTEGER, other_id INTEGER,
                                              PRIMARY KEY (file_id, other_id));
DELETE FROM temp.derive_other;
INSERT INTO temp.derive_other
SELECT t.file_id, g.file_id
FROM temp.derive_todo AS t
JOIN source_file AS s ON s.file_id = t.file_id
JOIN source_file AS g ON g.tenant_id = s.tenant_id AND g.file_id <> s.file_id
WHERE ((g.kind = 'csexport' AND g.connector_kind = 'ad')
       OR (g.kind = 'ldif' AND EXISTS (SELECT 1 FROM ldif_object AS o WHERE o.file_id = g.file_id)))
  AND (g.batch_id = s.batch_id OR g.kind <> s.kind
       OR coalesce(g.connector_ident, 'kind ad ' || upper(coalesce(g.connector_hint, '')))
          <> coalesce(s.connector_ident, 'kind ad ' || upper(coalesce(s.connector_hint, ''))));

CREATE TEMP TABLE IF NOT EXISTS derive_key (file_id INTEGER, space TEXT, key TEXT, object_id INTEGER);
DELETE FROM temp.derive_key;
-- The keys of the files that need them: not read at ingest, or with another dump beside them.
WITH need AS (SELECT file_id FROM temp.derive_todo
              WHERE NOT keys_read OR file_id IN (SELECT file_id FROM temp.derive_other))
INSERT INTO temp.derive_key
SELECT v.file_id, 'address', a.address, v.object_id
FROM need AS t
JOIN cs_object_value AS v ON v.file_id = t.file_id
JOIN attr_value AS a ON a.object_id = v.object_id AND a.section_id = 5 AND a.name_id IN (1, 2, 3)
WHERE a.address IS NOT NULL
UNION ALL
SELECT v.file_id, 'address', lower(substr(v.target_address, 6)), v.object_id
FROM need AS t JOIN cs_object_value AS v ON v.file_id = t.file_id
WHERE v.target_address LIKE 'smtp:%'
UNION ALL
SELECT v.file_id, 'nickname', lower(v.mail_nickname), v.object_id
FROM need AS t JOIN cs_object_value AS v ON v.file_id = t.file_id
WHERE v.mail_nickname IS NOT NULL;

-- Two holders in one file (when not found at ingest).
INSERT OR IGNORE INTO duplicate_key(file_id, space, key)
SELECT k.file_id, k.space, k.key FROM temp.derive_key AS k
WHERE k.file_id IN (SELECT file_id FROM temp.derive_todo WHERE NOT keys_read)
GROUP BY k.file_id, k.space, k.key HAVING min(k.object_id) <> max(k.object_id);

-- A holder with another DN in another AD csexport of the tenant: only for the files whose
-- tenant has another AD csexport (most tenants have one per forest and batch).
INSERT OR IGNORE INTO duplicate_key(file_id, space, key)
SELECT k.file_id, k.space, k.key
FROM temp.derive_todo AS t
JOIN temp.derive_key AS k ON k.file_id = t.file_id
JOIN v_preflight_source AS o ON o.object_id = k.object_id
WHERE t.file_id IN (SELECT file_id FROM temp.derive_other)
  AND CASE k.space
        WHEN 'nickname' THEN EXISTS (
          SELECT 1 FROM cs_object_value AS w
          JOIN v_preflight_source AS p ON p.object_id = w.object_id
          WHERE lower(w.mail_nickname) = +k.key AND w.mail_nickname IS NOT NULL
            AND w.file_id IN (SELECT other_id FROM temp.derive_other AS x WHERE x.file_id = t.file_id)
            AND upper(p.cs_dn) <> upper(o.cs_dn))
        ELSE EXISTS (
          SELECT 1 FROM attr_value AS a
          JOIN cs_object_value AS w ON w.object_id = a.object_id
          JOIN v_preflight_source AS p ON p.object_id = w.object_id
          WHERE a.address = k.key AND a.section_id = 5 AND a.address IS NOT NULL
            AND w.file_id IN (SELECT other_id FROM temp.derive_other AS x WHERE x.file_id = t.file_id)
            AND upper(p.cs_dn) <> upper(o.cs_dn))
          OR EXISTS (
          SELECT 1 FROM cs_object_value AS w
          JOIN v_preflight_source AS p ON p.object_id = w.object_id
          WHERE lower(substr(w.target_address, 6)) = +k.key AND w.target_address LIKE 'smtp:%'
            AND w.file_id IN (SELECT other_id FROM temp.derive_other AS x WHERE x.file_id = t.file_id)
            AND upper(p.cs_dn) <> upper(o.cs_dn))
      END;

INSERT OR REPLACE INTO preflight_derived(file_id, scope)
SELECT file_id, 'tenant' FROM temp.derive_todo;
DELETE FROM temp.derive_key;
DELETE FROM temp.derive_other;
DELETE FROM temp.derive_todo;
