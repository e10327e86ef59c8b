-- derive_preflight: the duplicate address keys of every AD csexport not derived yet (schema/016:
-- duplicate_key, preflight_derived). Run after every ingest and after the migration to schema
-- 16 (store::derive); costs one query on source_file when nothing is new. Not a migration.
--
-- A key is kept for a file when two objects of that file hold it, or when an object of another
-- AD csexport of the same tenant with another DN holds it (the pair is found when the later of
-- the two files is read; an earlier dump of the same connector holds the same objects, so the
-- same DN does not count). A superset of what the duplicate rule reports: the rule narrows the
-- holders to objects in scope of the newest dumps.
CREATE TEMP TABLE IF NOT EXISTS derive_todo (file_id INTEGER PRIMARY KEY, tenant_id INTEGER);
DELETE FROM temp.derive_todo;
INSERT INTO temp.derive_todo
SELECT file_id, tenant_id FROM source_file
WHERE kind = 'csexport' AND connector_kind = 'ad'
  AND file_id NOT IN (SELECT file_id FROM preflight_derived);

-- The other AD csexports of the tenant that can be in scope together with a file: another
-- connector's (v_csexport_file's ident), or the same batch's (two forests' dumps that name no
-- connector). An older or newer dump of the same connector never is: the newest replaces it.
CREATE TEMP TABLE IF NOT EXISTS derive_other (file_id INTEGER, other_id INTEGER,
                                              PRIMARY KEY (file_id, other_id));
DELETE FROM temp.derive_other;
INSERT INTO temp.derive_other
SELECT t.file_id, g.file_id
FROM temp.derive_todo AS t
JOIN source_file AS s ON s.file_id = t.file_id
JOIN source_file AS g ON g.tenant_id = s.tenant_id AND g.file_id <> s.file_id
WHERE g.kind = 'csexport' AND g.connector_kind = 'ad'
  AND (g.batch_id = s.batch_id
       OR coalesce(g.connector_ident, 'kind ad ' || upper(coalesce(g.connector_hint, '')))
          <> coalesce(s.connector_ident, 'kind ad ' || upper(coalesce(s.connector_hint, ''))));

CREATE TEMP TABLE IF NOT EXISTS derive_key (file_id INTEGER, space TEXT, key TEXT, object_id INTEGER);
DELETE FROM temp.derive_key;
INSERT INTO temp.derive_key
SELECT v.file_id, 'address', a.address, v.object_id
FROM temp.derive_todo AS t
JOIN cs_object_value AS v ON v.file_id = t.file_id
JOIN attr_value AS a ON a.object_id = v.object_id AND a.section_id = 5 AND a.name_id IN (1, 2, 3)
WHERE a.address IS NOT NULL
UNION ALL
SELECT v.file_id, 'address', lower(substr(v.target_address, 6)), v.object_id
FROM temp.derive_todo AS t JOIN cs_object_value AS v ON v.file_id = t.file_id
WHERE v.target_address LIKE 'smtp:%'
UNION ALL
SELECT v.file_id, 'nickname', lower(v.mail_nickname), v.object_id
FROM temp.derive_todo AS t JOIN cs_object_value AS v ON v.file_id = t.file_id
WHERE v.mail_nickname IS NOT NULL;

-- Two holders in one file.
INSERT OR IGNORE INTO duplicate_key(file_id, space, key)
SELECT file_id, space, key FROM temp.derive_key
GROUP BY file_id, space, key HAVING min(object_id) <> max(object_id);

-- A holder with another DN in another AD csexport of the tenant: only for the files whose
-- tenant has another AD csexport (most tenants have one per forest and batch).
INSERT OR IGNORE INTO duplicate_key(file_id, space, key)
SELECT k.file_id, k.space, k.key
FROM temp.derive_todo AS t
JOIN temp.derive_key AS k ON k.file_id = t.file_id
JOIN cs_object AS o ON o.object_id = k.object_id
WHERE t.file_id IN (SELECT file_id FROM temp.derive_other)
  AND CASE k.space
        WHEN 'nickname' THEN EXISTS (
          SELECT 1 FROM cs_object_value AS w
          JOIN cs_object AS p ON p.object_id = w.object_id
          WHERE lower(w.mail_nickname) = +k.key AND w.mail_nickname IS NOT NULL
            AND w.file_id IN (SELECT other_id FROM temp.derive_other AS x WHERE x.file_id = t.file_id)
            AND upper(p.cs_dn) <> upper(o.cs_dn))
        ELSE EXISTS (
          SELECT 1 FROM attr_value AS a
          JOIN cs_object_value AS w ON w.object_id = a.object_id
          JOIN cs_object AS p ON p.object_id = w.object_id
          WHERE a.address = k.key AND a.section_id = 5 AND a.address IS NOT NULL
            AND w.file_id IN (SELECT other_id FROM temp.derive_other AS x WHERE x.file_id = t.file_id)
            AND upper(p.cs_dn) <> upper(o.cs_dn))
          OR EXISTS (
          SELECT 1 FROM cs_object_value AS w
          JOIN cs_object AS p ON p.object_id = w.object_id
          WHERE lower(substr(w.target_address, 6)) = +k.key AND w.target_address LIKE 'smtp:%'
            AND w.file_id IN (SELECT other_id FROM temp.derive_other AS x WHERE x.file_id = t.file_id)
            AND upper(p.cs_dn) <> upper(o.cs_dn))
      END;

INSERT INTO preflight_derived(file_id) SELECT file_id FROM temp.derive_todo;
DELETE FROM temp.derive_key;
DELETE FROM temp.derive_other;
DELETE FROM temp.derive_todo;
