-- 950_views: the stable surface for rules and for users' own SQL. Rules read only v_* views.
-- Idempotent: whenever this file changes, csx drops every v_* view and runs it again
-- (store/schema.cpp), so the list of views lives only here.

-- One row per ingested file, with its tenant.
CREATE VIEW v_file AS
SELECT f.file_id, f.tenant_id, t.name AS tenant, f.batch_id, f.path, f.size, f.sha256, f.kind,
       f.encoding, f.status, f.error, f.error_line, f.error_column, f.record_count,
       f.tenant_source, f.connector_kind, f.connector_hint, f.ingested_at
FROM source_file AS f JOIN tenant AS t ON t.tenant_id = f.tenant_id;

-- The newest configuration of each connector of a tenant: from a configuration export, or
-- from the connector list of a csx collect manifest (Get-ADSyncConnector: name, id, type and
-- the AD connector's account, no filters). Within one ingest the configuration export wins; a
-- newer ingest wins over an older one whichever it holds.
CREATE VIEW v_connector_config AS
SELECT * FROM (
    SELECT c.*, f.tenant_id,
           row_number() OVER (PARTITION BY f.tenant_id, upper(coalesce(c.ma_id, c.name))
                              ORDER BY f.batch_id DESC, f.kind = 'collect-manifest',
                                       f.ingested_at DESC, f.file_id DESC) AS rn
    FROM connector AS c JOIN source_file AS f USING (file_id))
WHERE rn = 1;

-- Connectors named by run history, with their kind inferred: the fixed Entra connector GUID or
-- an " - AAD" name is aad, a step on a DC= partition is ad.
CREATE VIEW v_connector_history AS
SELECT f.tenant_id, upper(r.ma_id) AS ma_id, r.ma_name,
       max(CASE WHEN upper(r.ma_id) = '{B891884F-051E-4A83-95AF-2544101C9083}'
                     OR r.ma_name LIKE '% - AAD' OR r.ma_name LIKE '%.onmicrosoft.com%' THEN 2
                WHEN EXISTS (SELECT 1 FROM run_step AS s WHERE s.run_id = r.run_id
                             AND upper(s.partition) LIKE 'DC=%') THEN 1
                ELSE 0 END) AS k,
       max(r.file_id) AS file_id
FROM run AS r JOIN source_file AS f USING (file_id)
WHERE r.ma_id IS NOT NULL OR r.ma_name IS NOT NULL
GROUP BY f.tenant_id, upper(coalesce(r.ma_id, r.ma_name));

-- One row per connector of a tenant: from the newest connector configuration, else as named
-- by run history.
CREATE VIEW v_connector AS
SELECT tenant_id, upper(ma_id) AS ma_id, name, kind, category, forest_name, login_user,
       login_domain, aad_user_name, 'config' AS known_from, file_id
FROM v_connector_config
UNION ALL
SELECT h.tenant_id, h.ma_id, h.ma_name,
       CASE h.k WHEN 2 THEN 'aad' WHEN 1 THEN 'ad' ELSE 'other' END, NULL, NULL, NULL, NULL, NULL,
       'run-history', h.file_id
FROM v_connector_history AS h
WHERE NOT EXISTS (SELECT 1 FROM v_connector_config AS cfg WHERE cfg.tenant_id = h.tenant_id
                  AND (upper(cfg.ma_id) = h.ma_id OR cfg.name = h.ma_name COLLATE NOCASE));

-- The connector each csexport file belongs to: by the ma-name / ma-id written in its objects,
-- else the tenant's only connector of the inferred kind (ad | aad).
CREATE VIEW v_file_connector AS
SELECT f.file_id, f.tenant_id, c.ma_id, c.name, c.kind, c.login_user, c.login_domain
FROM source_file AS f
JOIN v_connector AS c
  ON c.tenant_id = f.tenant_id
 AND ((f.connector_hint IS NOT NULL
       AND (c.ma_id = upper(f.connector_hint) OR c.name = f.connector_hint COLLATE NOCASE))
   OR (f.connector_hint IS NULL AND c.kind = f.connector_kind
       AND (SELECT count(*) FROM v_connector AS c2
            WHERE c2.tenant_id = f.tenant_id AND c2.kind = f.connector_kind) = 1))
WHERE f.kind = 'csexport';

-- One row per cs-object with its tenant, file and connector.
CREATE VIEW v_cs_object AS
SELECT o.object_id, f.tenant_id, f.tenant, o.file_id, f.path AS file, o.line,
       o.cs_dn AS dn, o.parent_dn,
       CASE WHEN upper(o.cs_dn) LIKE 'DC=%' THEN o.cs_dn
            WHEN instr(upper(o.cs_dn), ',DC=') > 0 THEN substr(o.cs_dn, instr(upper(o.cs_dn), ',DC=') + 1)
       END AS domain_dn,
       o.cs_id, o.object_type, o.connector, o.connector_state,
       coalesce(o.ma_name, fc.name, f.connector_hint) AS connector_name,
       coalesce(fc.kind, f.connector_kind) AS connector_kind,
       coalesce(upper(o.ma_id), fc.ma_id) AS connector_ma_id,
       o.last_export_delta_time, o.state
FROM cs_object AS o
JOIN v_file AS f USING (file_id)
LEFT JOIN v_file_connector AS fc USING (file_id);

-- Every attribute value of every cs-object: indexed values, packed hologram values and
-- delta values, in one shape. value_op is set for delta values only.
CREATE VIEW v_object_attr AS
SELECT v.object_id, s.name AS section, n.name AS attribute, v.ord AS value_ord, v.value,
       NULL AS attr_op, NULL AS value_op, n.is_dn
FROM attr_value AS v JOIN attr_name AS n USING (name_id) JOIN section_kind AS s USING (section_id)
UNION ALL
SELECT h.object_id, s.name, a.key, CAST(x.key AS INTEGER), x.value, NULL, NULL,
       coalesce((SELECT n.is_dn FROM attr_name AS n WHERE n.name = a.key), 0)
FROM hologram AS h JOIN section_kind AS s USING (section_id), json_each(h.attrs) AS a, json_each(a.value) AS x
UNION ALL
SELECT d.object_id, s.name, n.name, d.value_ord, d.value, d.attr_op, d.value_op, n.is_dn
FROM delta_value AS d JOIN attr_name AS n USING (name_id) JOIN section_kind AS s USING (section_id);

-- Each csexport file with the connector it is a dump of (ident: source_file.connector_ident,
-- which csx ingest sets from v_file_connector, else the kind and ma-name hint the objects show)
-- and the newest ingest batch holding a dump of that connector: the files of that batch hold the
-- connector's current error state. covers: the dump speaks for the whole connector (an
-- errors-only, pending-export or full dump: any number of objects but one). A one-object dump
-- (csexport /f:d=DN, as taken to check one object) speaks only for its object.
CREATE VIEW v_csexport_file AS
SELECT i.*, max(i.batch_id) OVER (PARTITION BY i.tenant_id, i.ident) AS newest_batch,
       i.record_count <> 1 AS covers
FROM (SELECT f.file_id, f.tenant_id, f.batch_id, f.path, f.record_count, f.data_time, f.ingested_at,
             coalesce(f.connector_ident, 'kind ' || coalesce(f.connector_kind, '') || ' '
                                         || upper(coalesce(f.connector_hint, ''))) AS ident
      FROM source_file AS f WHERE f.kind = 'csexport') AS i;

-- The files whose errors are current: the newest csexport batch of each connector (above),
-- the most recent Graph export of a tenant, and all run history (history is always current).
-- Export errors of older csexport files are judged one by one (v_csexport_error_verdict);
-- other errors of older files no longer count.
CREATE VIEW v_error_file AS
SELECT f.file_id, f.tenant_id
FROM source_file AS f
WHERE f.kind NOT IN ('csexport', 'graph-json')
   OR (f.kind = 'graph-json'
       AND NOT EXISTS (SELECT 1 FROM source_file AS g
                       WHERE g.tenant_id = f.tenant_id AND g.kind = f.kind AND g.batch_id > f.batch_id
                         -- a domains export (GET /domains) says nothing of provisioning errors
                         AND NOT EXISTS (SELECT 1 FROM tenant_domain AS d WHERE d.file_id = g.file_id)))
   OR f.file_id IN (SELECT file_id FROM v_csexport_file WHERE batch_id = newest_batch);

-- What the newest dumps of its connector say of each export error of an older csexport:
--   superseded  a newest dump shows the same error (error type) on the object: the newer row
--               stands for it (this one is hidden)
--   resolved    a newest dump holds the object without that error, or speaks for the whole
--               connector (covers) and does not list the object
--   open        neither (e.g. the newer dump is one other object's): the error still counts
-- resolved_at: the object's last export time in the newer dump, else the newest time in that
-- dump (source_file.data_time); NULL when the dump holds no time (an empty errors-only dump).
CREATE VIEW v_csexport_error_verdict AS
SELECT v.error_id, v.tenant_id,
       CASE WHEN v.same > 0 THEN 'superseded' WHEN v.held_file IS NOT NULL OR v.cover_file IS NOT NULL
            THEN 'resolved' ELSE 'open' END AS verdict,
       CASE WHEN v.held_file IS NOT NULL THEN coalesce(v.held_time, (SELECT data_time FROM source_file WHERE file_id = v.held_file))
            ELSE (SELECT data_time FROM source_file WHERE file_id = v.cover_file) END AS resolved_at,
       CASE WHEN v.held_file IS NOT NULL
            THEN 'the newer csexport ' || (SELECT path FROM source_file WHERE file_id = v.held_file)
                 || ' holds the object without this error'
            ELSE 'the newer csexport ' || (SELECT path || ' of the connector no longer lists the object with an error'
                                                   || CASE WHEN data_time IS NULL
                                                           THEN ' (it holds no date; ingested ' || ingested_at || ')' ELSE '' END
                                            FROM source_file WHERE file_id = v.cover_file) END AS resolved_by
FROM (SELECT e.error_id, f.tenant_id,
             count(y.error_id) AS same,
             min(x.file_id) AS held_file,
             max(x.last_export_delta_time) AS held_time,
             min(CASE WHEN n.covers AND x.object_id IS NULL THEN n.file_id END) AS cover_file
      FROM sync_error AS e
      JOIN cs_object AS o ON o.object_id = e.object_id
      JOIN v_csexport_file AS f ON f.file_id = e.file_id
      JOIN v_csexport_file AS n ON n.tenant_id = f.tenant_id AND n.ident = f.ident AND n.batch_id = f.newest_batch
      LEFT JOIN cs_object AS x ON x.file_id = n.file_id AND x.parent_dn = o.parent_dn AND x.cs_dn = o.cs_dn
      LEFT JOIN sync_error AS y ON y.object_id = x.object_id AND y.direction = 'export' AND y.error_type IS e.error_type
      WHERE e.origin = 'csexport' AND e.direction = 'export' AND f.batch_id < f.newest_batch
      GROUP BY e.error_id) AS v;

-- Run-history export errors a csexport from a later ingest contradicts: it holds the object
-- without an export error (the export succeeded after that run), or it speaks for the whole
-- connector (v_csexport_file.covers) and does not list the object. at: the object's last
-- export time in that dump, else the newest time in it.
CREATE VIEW v_superseded_error AS
SELECT e.error_id, f.tenant_id,
       coalesce(max(o.last_export_delta_time), max(g.data_time)) AS resolved_at,
       'the later csexport ' || min(g.path) || CASE WHEN max(o.object_id) IS NOT NULL
            THEN ' holds the object without an export error'
            ELSE ' of the connector no longer lists the object with an error' END
       || CASE WHEN max(o.last_export_delta_time) IS NULL AND max(g.data_time) IS NULL
               THEN ' (it holds no date; ingested ' || max(g.ingested_at) || ')' ELSE '' END AS resolved_by
FROM sync_error AS e
JOIN source_file AS f ON f.file_id = e.file_id
JOIN run_step AS s ON s.step_id = e.step_id
JOIN run AS r ON r.run_id = s.run_id
JOIN v_csexport_file AS g
  ON g.tenant_id = f.tenant_id AND g.batch_id > f.batch_id AND g.batch_id = g.newest_batch
 AND g.ident = 'connector ' || upper(coalesce(r.ma_id, r.ma_name))
LEFT JOIN cs_object AS o ON o.file_id = g.file_id AND o.parent_dn = e.parent_dn AND o.cs_dn = e.dn
WHERE e.origin = 'run-history' AND e.direction = 'export'
  AND NOT EXISTS (SELECT 1 FROM cs_object AS x JOIN sync_error AS y ON y.object_id = x.object_id
                  WHERE x.file_id = g.file_id AND x.parent_dn = e.parent_dn AND x.cs_dn = e.dn
                    AND y.direction = 'export')
  AND (o.object_id IS NOT NULL OR g.covers)
GROUP BY e.error_id;

-- The newest Export step of each connector (by start time).
CREATE VIEW v_export_step_latest AS
SELECT * FROM (
    SELECT f.tenant_id, upper(r.ma_id) AS ma_id, r.ma_name, r.run_number, s.step_id, s.start_date,
           s.end_date, s.step_result, f.path AS file, s.line,
           row_number() OVER (PARTITION BY f.tenant_id, upper(coalesce(r.ma_id, r.ma_name))
                              ORDER BY s.start_date DESC, s.step_id DESC) AS rn
    FROM run_step AS s JOIN run AS r USING (run_id) JOIN source_file AS f ON f.file_id = r.file_id
    WHERE s.step_type = 'export' AND (r.ma_id IS NOT NULL OR r.ma_name IS NOT NULL))
WHERE rn = 1;

-- Export errors the newer evidence shows gone, one row each: the connector's newest dumps no
-- longer show it (v_csexport_error_verdict), a later csexport contradicts a run-history error
-- (v_superseded_error), or the connector's newest Export step started after the error's last
-- occurrence and ended success. resolved_at: the date of that evidence (NULL when it holds
-- none); resolved_by: what it is. csx triage hides findings whose errors are all here.
CREATE VIEW v_resolved_error AS
SELECT error_id, tenant_id, max(resolved_at) AS resolved_at, resolved_by
FROM (
    SELECT error_id, tenant_id, resolved_at, resolved_by
    FROM v_csexport_error_verdict WHERE verdict = 'resolved'
    UNION ALL
    SELECT error_id, tenant_id, resolved_at, resolved_by FROM v_superseded_error
    UNION ALL
    SELECT e.error_id, x.tenant_id, x.end_date,
           'the newest Export step of ' || coalesce(x.ma_name, x.ma_id) || ' (run ' || coalesce(x.run_number, '?')
           || ', ' || x.file || ':' || x.line || ') ended success'
    FROM sync_error AS e
    JOIN source_file AS f ON f.file_id = e.file_id
    LEFT JOIN cs_object AS o ON o.object_id = e.object_id
    LEFT JOIN run_step AS s ON s.step_id = e.step_id
    LEFT JOIN run AS r ON r.run_id = s.run_id
    JOIN v_export_step_latest AS x
      ON x.tenant_id = f.tenant_id
     AND (x.ma_id = upper(coalesce(o.ma_id, r.ma_id))
          OR x.ma_name = coalesce(o.ma_name, r.ma_name) COLLATE NOCASE
          OR f.connector_ident IN ('connector ' || x.ma_id, 'connector ' || upper(x.ma_name)))
    WHERE e.direction = 'export' AND x.step_result = 'success'
      AND x.start_date > coalesce(e.date_occurred, e.first_occurred, '')
      AND (s.step_id IS NULL OR x.step_id <> s.step_id))
GROUP BY error_id;

-- Export errors from csexport, one row each, with the object and the attribute names of its
-- pending export deltas (unapplied, escrowed, unconfirmed) as a JSON array ([] when none).
-- Open and resolved errors alike (join v_resolved_error to tell them apart): those of current
-- files, and those of older dumps that no newer dump supersedes (v_csexport_error_verdict).
CREATE VIEW v_export_error_cs AS
SELECT e.error_id, 'csexport' AS origin, o.tenant_id, o.tenant, o.connector_name AS connector,
       o.connector_kind, o.connector_ma_id, o.object_id, o.dn, o.object_type, o.parent_dn, o.domain_dn,
       (SELECT json_group_array(name) FROM (
            SELECT DISTINCT n.name FROM delta_value AS d JOIN attr_name AS n USING (name_id)
            WHERE d.object_id = e.object_id AND d.section_id IN (1, 2, 3) ORDER BY n.name)) AS attributes,
       e.error_type, e.error_code, e.error_code_raw, e.error_name, e.error_literal,
       e.server_error_detail, e.extra_error_details, e.first_occurred,
       e.date_occurred AS last_occurred, e.retry_count, e.file_id, o.file, e.line,
       NULL AS step_id, NULL AS run_number, o.cs_id AS cs_guid
FROM sync_error AS e
JOIN v_cs_object AS o USING (object_id)
WHERE e.direction = 'export' AND e.origin = 'csexport'
  -- CASE, not OR: SQLite then judges older dumps' errors only when there are any (an OR
  -- computes the verdicts for every evaluation: +100 ms per use on 200 tenants).
  AND CASE WHEN e.file_id IN (SELECT file_id FROM v_error_file) THEN 1
           ELSE e.error_id IN (SELECT error_id FROM v_csexport_error_verdict WHERE verdict <> 'superseded') END;

-- Export errors from run history (no object: the DN and GUID the run names).
CREATE VIEW v_export_error_rh AS
SELECT e.error_id, 'run-history' AS origin, f.tenant_id, f.tenant, r.ma_name AS connector, c.kind AS connector_kind,
       upper(r.ma_id) AS connector_ma_id, NULL AS object_id, e.dn, NULL AS object_type, e.parent_dn,
       CASE WHEN upper(e.dn) LIKE 'DC=%' THEN e.dn
            WHEN instr(upper(e.dn), ',DC=') > 0 THEN substr(e.dn, instr(upper(e.dn), ',DC=') + 1) END AS domain_dn,
       '[]' AS attributes, e.error_type, e.error_code, e.error_code_raw, e.error_name, e.error_literal,
       e.server_error_detail, e.extra_error_details, e.first_occurred, e.date_occurred AS last_occurred,
       e.retry_count, e.file_id, f.path AS file, e.line, e.step_id, r.run_number, e.cs_guid
FROM sync_error AS e
JOIN run_step AS s USING (step_id)
JOIN run AS r ON r.run_id = s.run_id
JOIN v_file AS f ON f.file_id = e.file_id
LEFT JOIN v_connector AS c
  ON c.tenant_id = f.tenant_id
 AND (c.ma_id = upper(r.ma_id) OR (r.ma_id IS NULL AND c.name = r.ma_name COLLATE NOCASE))
WHERE e.direction = 'export' AND e.origin = 'run-history';

-- One row per export error, from csexport and from run history (origin tells which).
CREATE VIEW v_export_error AS
SELECT * FROM v_export_error_cs
UNION ALL
SELECT * FROM v_export_error_rh;

-- One row per AD object and family of AD export failure, every occurrence of it merged (a full
-- dump, an errors-only dump and run history all name the same error): the shared part of the
-- rules that explain an AD export failure by its code alone. The family is the error's own
-- classification, one per error, checked in this order: a failed reference first (its code
-- is the referenced object's), then the name taken, the object missing, the value refused.
CREATE VIEW v_ad_export_failure AS
WITH e AS (
    SELECT e.*,
           CASE WHEN e.error_type = 'dn-attributes-failure' THEN 'dn-attributes-failure'
                WHEN e.error_code IN (8305, 5010)
                  OR e.error_type IN ('cd-existing-object', 'rename-to-existing-dn', 'object-already-exists')
                THEN 'existing-object'
                WHEN e.error_code IN (8240, 8333)
                  OR e.error_type IN ('cd-missing-object', 'no-such-object', 'non-existent-parent')
                  OR e.server_error_detail LIKE '%NO_OBJECT%'
                THEN 'missing-object'
                WHEN e.error_code IN (8239, 8311, 8321, 8647, 8648)
                  OR e.error_type IN ('constraint-violation', 'cd-existing-attribute-or-value',
                                      'invalid-attribute-value', 'syntax-violation', 'schema-violation')
                THEN 'constraint-violation'
           END AS family
    FROM v_export_error AS e
    WHERE coalesce(e.connector_kind, 'ad') = 'ad'
)
SELECT e.family,
       e.tenant,
       e.connector,
       e.connector_kind,
       e.dn AS object_dn,
       coalesce(max(e.object_type), 'user') AS object_type,
       coalesce(max(CASE WHEN e.origin = 'csexport' THEN e.attributes END), '[]') AS attributes,
       max(e.error_code) AS error_code,
       max(e.error_type) AS error_type,
       max(coalesce(e.error_literal, '') || CASE WHEN e.server_error_detail IS NOT NULL
                                                  THEN ' (' || e.server_error_detail || ')' ELSE '' END) AS error_text,
       min(e.first_occurred) AS first_occurred,
       max(e.last_occurred) AS last_occurred,
       max(e.retry_count) AS retry_count,
       max(e.parent_dn) AS parent_dn,
       max(e.domain_dn) AS domain_dn,
       coalesce(e.connector, '<AD connector name>') AS ad_connector,
       min(e.file) AS source_file,
       min(e.line) AS source_line,
       json_group_array('sync_error:' || e.error_id) AS error_keys
FROM e
WHERE e.family IS NOT NULL
GROUP BY e.family, e.tenant, e.connector, upper(e.dn);

-- Import, retry (metaverse) and discovery errors, from either origin.
CREATE VIEW v_import_error AS
SELECT e.error_id, e.origin, e.direction, f.tenant_id, f.tenant,
       coalesce(o.connector_name, r.ma_name) AS connector, o.object_id,
       coalesce(o.dn, e.dn) AS dn, o.object_type, e.cs_guid, e.error_type, e.algorithm_step,
       e.error_code, e.error_code_raw, e.error_name, e.error_literal, e.server_error_detail,
       e.extra_error_details, e.detail_xml, e.first_occurred, e.date_occurred AS last_occurred,
       e.retry_count, e.file_id, f.path AS file, e.line, e.step_id, r.run_number
FROM sync_error AS e
JOIN v_file AS f ON f.file_id = e.file_id
LEFT JOIN v_cs_object AS o ON o.object_id = e.object_id
LEFT JOIN run_step AS s ON s.step_id = e.step_id
LEFT JOIN run AS r ON r.run_id = s.run_id
WHERE e.direction <> 'export' AND e.file_id IN (SELECT file_id FROM v_error_file);

-- One row per run step, with its run, tenant and the counters most rules need.
CREATE VIEW v_run_step AS
SELECT s.step_id, r.run_id, f.tenant_id, f.tenant, upper(r.ma_id) AS ma_id, r.ma_name,
       c.kind AS connector_kind, r.run_number, r.run_profile, r.security_id, r.run_history_id,
       s.step_number, s.step_guid, s.step_type, s.step_subtype, s.partition, s.start_date,
       s.end_date, s.step_result, s.connection_result, s.connection_server,
       (SELECT sum(value) FROM step_counter AS k WHERE k.step_id = s.step_id AND k.grp = 'export'
          AND k.name IN ('export-add', 'export-update', 'export-rename', 'export-delete',
                         'export-delete-add')) AS exports,
       (SELECT value FROM step_counter AS k WHERE k.step_id = s.step_id AND k.grp = 'export'
          AND k.name = 'export-failure') AS export_failures,
       (SELECT count(*) FROM sync_error AS e WHERE e.step_id = s.step_id) AS error_count,
       r.file_id, f.path AS file, s.line
FROM run_step AS s
JOIN run AS r USING (run_id)
JOIN v_file AS f ON f.file_id = r.file_id
LEFT JOIN v_connector AS c
  ON c.tenant_id = f.tenant_id
 AND (c.ma_id = upper(r.ma_id) OR (r.ma_id IS NULL AND c.name = r.ma_name COLLATE NOCASE));

-- Graph directory objects with the name csx calls each by: what the file gives, most specific
-- first (userPrincipalName, displayName, mail, the Graph object id), else where it is
-- ("Graph object #3 of FILE (line 1)": its place among the file's objects, since a minified
-- export has every object on line 1). A Graph export may select no name at all
-- (`$select=id,onPremisesProvisioningErrors`, or a Select-Object that dropped id too); such an
-- object is never called "Entra ID" or left nameless.
CREATE VIEW v_cloud_object AS
SELECT o.*, f.tenant_id, f.tenant, f.path AS file,
       coalesce(o.user_principal_name, o.display_name, o.mail, o.graph_id,
                'Graph object #' || (SELECT count(*) FROM cloud_object AS x
                                      WHERE x.file_id = o.file_id
                                        AND x.cloud_object_id <= o.cloud_object_id)
                || ' of ' || f.path || ' (line ' || o.line || ')') AS name
FROM cloud_object AS o
JOIN v_file AS f USING (file_id);

-- Graph provisioning errors with their cloud object. object_name: v_cloud_object.name. text:
-- the error in words without its category (the category is the error's type; outputs print
-- "PropertyConflict: ProxyAddress smtp:x@contoso.com", never the category twice).
CREATE VIEW v_provisioning_error AS
SELECT p.rowid AS error_id, o.tenant_id, o.tenant, o.cloud_object_id, o.graph_id, o.object_type,
       o.display_name, o.user_principal_name, o.mail, o.immutable_id, p.category, p.occurred,
       p.property, p.value, o.file_id, o.file, p.line, o.name AS object_name,
       nullif(trim(coalesce(p.property, '') || ' ' || coalesce(p.value, '')), '') AS text
FROM provisioning_error AS p
JOIN v_cloud_object AS o USING (cloud_object_id)
WHERE o.file_id IN (SELECT file_id FROM v_error_file);

-- Every address-like value (UPN, mail, proxyAddresses) held by any object of a tenant, in the
-- connector space or in the cloud. `address` is the value without an smtp:/SMTP: prefix,
-- lower-cased: compare on it to find who holds a conflicting value.
CREATE VIEW v_address AS
SELECT 'connector-space' AS source, o.tenant_id, o.tenant, o.connector_name AS connector,
       o.object_id, NULL AS cloud_object_id, o.dn, n.name AS attribute, v.value, v.address,
       o.file, o.line
FROM attr_value AS v
JOIN attr_name AS n USING (name_id)
JOIN v_cs_object AS o USING (object_id)
WHERE v.name_id IN (1, 2, 3) AND v.section_id = 5
UNION ALL
SELECT 'cloud', c.tenant_id, c.tenant, NULL, NULL, c.cloud_object_id,
       coalesce(c.display_name, c.name), a.attribute, a.value,
       lower(CASE WHEN a.value LIKE 'smtp:%' THEN substr(a.value, 6) ELSE a.value END),
       c.file, c.line
FROM v_cloud_object AS c
JOIN (SELECT cloud_object_id, 'userPrincipalName' AS attribute, user_principal_name AS value
      FROM cloud_object WHERE user_principal_name IS NOT NULL
      UNION ALL
      SELECT cloud_object_id, 'mail', mail FROM cloud_object WHERE mail IS NOT NULL
      UNION ALL
      SELECT c2.cloud_object_id, 'proxyAddresses', j.value
      FROM cloud_object AS c2, json_each(c2.proxy_addresses) AS j
      WHERE c2.proxy_addresses IS NOT NULL) AS a USING (cloud_object_id);

-- Holograms as stored (attrs: JSON of the attributes that are not indexed).
CREATE VIEW v_hologram AS
SELECT h.object_id, s.name AS section, h.line, h.dn, h.anchor, h.parent_anchor, h.primary_objectclass,
       h.objectclasses, h.attrs
FROM hologram AS h JOIN section_kind AS s USING (section_id);

-- The AD connector account of each AD connector, as dsacls wants it, from the connector
-- configuration only (forest-login-user / forest-login-domain): DOMAIN\user when
-- forest-login-domain is a NetBIOS name, user@domain when it is an FQDN (dsacls accepts both; a
-- NetBIOS name is never guessed from an FQDN). Never from run history: its security-id is the
-- account that ran the profile (NT SERVICE\ADSync, the sync service account), not the account
-- the AD connector signs in to AD with.
CREATE VIEW v_connector_account AS
SELECT c.tenant_id, c.ma_id, c.name AS connector,
       CASE WHEN c.login_domain IS NULL OR c.login_domain = '' THEN c.login_user
            WHEN instr(c.login_domain, '.') > 0 THEN c.login_user || '@' || c.login_domain
            ELSE c.login_domain || '\' || c.login_user END AS principal,
       CASE WHEN (SELECT f.kind FROM source_file AS f WHERE f.file_id = c.file_id) = 'collect-manifest'
            THEN 'forest-login-user / forest-login-domain of Get-ADSyncConnector in the csx collect manifest'
            ELSE 'forest-login-user / forest-login-domain in the connector configuration'
       END AS principal_source
FROM v_connector AS c
WHERE c.kind = 'ad' AND c.login_user IS NOT NULL AND c.login_user <> '';

-- An Entra connector-space object and its AD counterpart: the AAD object's sourceAnchor is the
-- AD object's anchor (objectGUID or mS-DS-ConsistencyGuid, base64).
CREATE VIEW v_aad_link AS
SELECT a.object_id AS aad_object_id, sa.value AS source_anchor, ad.object_id AS ad_object_id,
       ad.dn AS ad_dn, ad.object_type AS ad_object_type, ad.connector_name AS ad_connector, ad.file AS ad_file,
       ad.line AS ad_line
FROM v_cs_object AS a
JOIN attr_value AS sa ON sa.object_id = a.object_id AND sa.name_id = 5 AND sa.section_id = 5
LEFT JOIN hologram AS h ON h.anchor = sa.value AND h.section_id = 5
LEFT JOIN v_cs_object AS ad ON ad.object_id = h.object_id AND ad.tenant_id = a.tenant_id
WHERE a.connector_kind = 'aad';

-- Export errors of the Entra connector in a finding's standard columns, for the rules that only
-- pick error names: the AD object behind each (v_aad_link), the UPN Entra ID holds (the
-- synchronized hologram) and the one being exported (the pending export), the source anchor
-- (= the cloud object's onPremisesImmutableId).
CREATE VIEW v_aad_export_error AS
SELECT e.error_id, e.tenant_id, e.tenant,
       coalesce(e.connector, 'Entra ID connector') AS connector, e.connector_kind,
       e.object_id, e.dn AS object_dn, e.object_type, e.attributes, e.error_code,
       coalesce(e.error_name, e.error_type) AS error_type, e.error_literal,
       coalesce(e.error_literal, '') || CASE WHEN e.extra_error_details IS NOT NULL
                                             THEN ' (' || e.extra_error_details || ')' ELSE '' END AS error_text,
       e.first_occurred, e.last_occurred, e.retry_count,
       l.ad_dn AS on_premises_dn,
       (SELECT a.value FROM v_object_attr AS a WHERE a.object_id = e.object_id
          AND a.attribute = 'userPrincipalName' AND a.section = 'synchronized-hologram'
        ORDER BY a.value_ord LIMIT 1) AS cloud_upn,
       (SELECT a.value FROM v_object_attr AS a WHERE a.object_id = e.object_id
          AND a.attribute = 'userPrincipalName' AND a.section <> 'synchronized-hologram'
        ORDER BY a.value_ord LIMIT 1) AS pending_upn,
       coalesce(l.source_anchor,
                (SELECT a.value FROM v_object_attr AS a WHERE a.object_id = e.object_id
                   AND a.attribute = 'sourceAnchor' ORDER BY a.value_ord LIMIT 1)) AS source_anchor,
       e.file AS source_file, e.line AS source_line,
       json_array('sync_error:' || e.error_id) AS error_keys
FROM v_export_error_cs AS e
LEFT JOIN v_aad_link AS l ON l.aad_object_id = e.object_id
WHERE e.connector_kind = 'aad';

-- One row per dsacls output read (schema/009_acl.sql), with its tenant and file. dn_key: the DN
-- upper-cased without spaces after commas, for comparing DNs typed by hand with DNs from dumps.
CREATE VIEW v_acl AS
SELECT a.acl_id, f.tenant_id, f.tenant, a.object_dn,
       upper(replace(a.object_dn, ', ', ',')) AS dn_key, a.dn_source, a.owner, a.grp, a.protected,
       a.complete, a.failure, f.batch_id, f.file_id, f.path AS file, a.line
FROM acl AS a JOIN v_file AS f ON f.file_id = a.file_id;

-- Every ACE of every dsacls output. target_key: the target lower-cased without hyphens, so a
-- schema display name (ms-DS-Key-Credential-Link, Pwd-Last-Set) compares equal to the
-- lDAPDisplayName in a dump (msDS-KeyCredentialLink, pwdLastSet). writes: the ACE lets its
-- principal write the target property (every property when target is NULL): WRITE PROPERTY,
-- GENERIC WRITE, GENERIC ALL or FULL CONTROL. Property-set names (Personal Information ...) are
-- kept as written and not expanded to their members.
CREATE VIEW v_acl_entry AS
SELECT a.acl_id, a.tenant_id, a.tenant, a.object_dn, a.dn_key, a.protected, a.complete,
       a.batch_id, a.file, a.line AS acl_line, e.ord, e.line, e.scope, e.applies_to, e.access,
       e.principal, e.permission, e.target, lower(replace(e.target, '-', '')) AS target_key, e.bits,
       e.inherited,
       (e.permission IN ('FULL CONTROL', 'GENERIC ALL', 'GENERIC WRITE', 'WRITE PROPERTY')
        OR EXISTS (SELECT 1 FROM json_each(e.bits) AS b
                   WHERE b.value IN ('WRITE PROPERTY', 'GENERIC WRITE', 'GENERIC ALL', 'FULL CONTROL'))) AS writes
FROM acl_entry AS e JOIN v_acl AS a USING (acl_id);

-- Objects whose newest complete dsacls output says "protected from inheriting permissions".
CREATE VIEW v_acl_protected AS
SELECT tenant_id, dn_key, object_dn, file, line
FROM (SELECT a.*, row_number() OVER (PARTITION BY a.tenant_id, a.dn_key ORDER BY a.batch_id DESC, a.acl_id DESC) AS rn
      FROM v_acl AS a WHERE a.complete = 1 AND a.dn_key IS NOT NULL)
WHERE rn = 1 AND protected = 1;

-- Export errors denied for lack of rights on the AD side (8344, permission-issue,
-- INSUFF_ACCESS_RIGHTS): from csexport (which names the failing attributes) and from run history.
CREATE VIEW v_permission_candidate AS
SELECT * FROM v_export_error_cs
WHERE coalesce(connector_kind, 'ad') = 'ad'
  AND (error_code = 8344 OR error_type = 'permission-issue' OR server_error_detail LIKE '%INSUFF_ACCESS_RIGHTS%');

CREATE VIEW v_permission_candidate_rh AS
SELECT * FROM v_export_error_rh
WHERE coalesce(connector_kind, 'ad') = 'ad'
  AND (error_code = 8344 OR error_type = 'permission-issue' OR server_error_detail LIKE '%INSUFF_ACCESS_RIGHTS%');

-- Every AD principal the tenant's inputs describe (schema/010_directory.sql), with its file.
CREATE VIEW v_ad_principal AS
SELECT p.*, f.tenant_id, f.path AS file, f.kind AS file_kind, f.batch_id
FROM ad_principal AS p JOIN source_file AS f USING (file_id);

-- Group membership as stated by any input, one edge per statement: member_key is in group_key
-- (both DN keys). how: member (the group lists it) | member-of (it lists the group) |
-- primary group (its primaryGroupID names the group's SID).
CREATE VIEW v_ad_edge AS
SELECT p.tenant_id, l.value_key AS member_key, p.dn_key AS group_key, 'member' AS how, p.file, l.line
FROM ad_link AS l JOIN v_ad_principal AS p USING (principal_id)
WHERE l.kind = 'member'
UNION ALL
SELECT p.tenant_id, p.dn_key, l.value_key, 'member-of', p.file, l.line
FROM ad_link AS l JOIN v_ad_principal AS p USING (principal_id)
WHERE l.kind = 'member-of'
UNION ALL
SELECT p.tenant_id, p.dn_key, g.dn_key, 'primary group', p.file, p.line
FROM v_ad_principal AS p
JOIN v_ad_principal AS g ON g.tenant_id = p.tenant_id AND g.sid = p.domain_sid || '-' || p.primary_group_id
WHERE p.primary_group_id IS NOT NULL AND p.domain_sid IS NOT NULL;

-- Principals that are protected groups: by SID (a domain SID with RID 512, 516, 518, 519, 521,
-- 526, 527, or a builtin S-1-5-32-544/548/549/550/551/552), or, only when no input of the tenant
-- gives that DN a SID, by its well-known place together with isCriticalSystemObject=TRUE.
-- A CN alone is never evidence.
CREATE VIEW v_ad_protected_group AS
SELECT p.tenant_id, p.dn_key, p.dn, p.sid, s.name, s.strength, 'SID ' || p.sid AS how, p.file, p.line
FROM v_ad_principal AS p
JOIN protected_sid AS s
  ON s.what = 'group'
 AND ((s.kind = 'rid' AND p.domain_sid IS NOT NULL AND p.rid = CAST(s.value AS INTEGER))
      OR (s.kind = 'sid' AND p.sid = s.value))
UNION ALL
SELECT p.tenant_id, p.dn_key, p.dn, NULL, s.name, s.strength,
       'its well-known place with isCriticalSystemObject=TRUE (no SID in the files)', p.file, p.line
FROM v_ad_principal AS p
JOIN protected_dn AS d
  ON instr(p.dn_key, ',DC=') > 0 AND d.rdn_path = substr(p.dn_key, 1, instr(p.dn_key, ',DC=') - 1)
JOIN protected_sid AS s ON s.kind = d.sid_kind AND s.value = d.sid_value
WHERE p.is_critical = 1
  AND NOT EXISTS (SELECT 1 FROM v_ad_principal AS q
                  WHERE q.tenant_id = p.tenant_id AND q.dn_key = p.dn_key AND q.sid IS NOT NULL);

-- The objects with an AD permission error, one row per tenant and DN (csexport and run history).
CREATE VIEW v_permission_object AS
SELECT tenant_id, upper(replace(dn, ', ', ',')) AS dn_key, min(dn) AS dn, max(parent_dn) AS parent_dn,
       max(domain_dn) AS domain_dn
FROM (SELECT tenant_id, dn, parent_dn, domain_dn FROM v_permission_candidate
      UNION ALL
      SELECT tenant_id, dn, parent_dn, domain_dn FROM v_permission_candidate_rh)
GROUP BY tenant_id, upper(replace(dn, ', ', ','));

-- The groups each such object belongs to, directly (depth 1) or nested, through every edge the
-- files state (a group's member list, the object's memberOf, its primary group). Cycle-safe
-- (UNION) and bounded at 16 levels of nesting.
CREATE VIEW v_permission_group AS
-- (The CTE carries the v_ prefix: rule lint allows what v_* views read, and SQLite names a
-- CTE, not its view, as the reader.)
WITH RECURSIVE v_walk(tenant_id, object_key, group_key, depth) AS (
    SELECT tenant_id, dn_key, dn_key, 0 FROM v_permission_object
    UNION
    SELECT up.tenant_id, up.object_key, p.dn_key, up.depth + 1
    FROM v_walk AS up
    JOIN ad_link AS l ON l.value_key = up.group_key AND l.kind = 'member'
    JOIN ad_principal AS p ON p.principal_id = l.principal_id
    JOIN source_file AS f ON f.file_id = p.file_id AND f.tenant_id = up.tenant_id
    WHERE up.depth < 16
    UNION
    SELECT up.tenant_id, up.object_key, l.value_key, up.depth + 1
    FROM v_walk AS up
    JOIN ad_principal AS p ON p.dn_key = up.group_key
    JOIN source_file AS f ON f.file_id = p.file_id AND f.tenant_id = up.tenant_id
    JOIN ad_link AS l ON l.principal_id = p.principal_id AND l.kind = 'member-of'
    WHERE up.depth < 16
    UNION
    SELECT up.tenant_id, up.object_key, g.dn_key, up.depth + 1
    FROM v_walk AS up
    JOIN ad_principal AS p ON p.dn_key = up.group_key AND p.primary_group_id IS NOT NULL
                          AND p.domain_sid IS NOT NULL
    JOIN source_file AS f ON f.file_id = p.file_id AND f.tenant_id = up.tenant_id
    JOIN ad_principal AS g ON g.sid = p.domain_sid || '-' || p.primary_group_id
    JOIN source_file AS fg ON fg.file_id = g.file_id AND fg.tenant_id = up.tenant_id
    WHERE up.depth < 16)
SELECT tenant_id, object_key, group_key, min(depth) AS depth
FROM v_walk WHERE depth > 0
GROUP BY tenant_id, object_key, group_key;

-- The domains (by DN key) whose every protected group is in a csexport of the tenant with its
-- SID: there, the groups' member lists are complete membership evidence (the sync engine keeps
-- a placeholder for every referenced object, so a member list in the connector space is whole).
-- Needs the domain's 512, 516, 521 and the builtin 544, 548-552 (by their DN in the domain), and
-- 518, 519 anywhere in the tenant (they live in the forest root).
CREATE VIEW v_ad_domain_groups_complete AS
SELECT g.tenant_id, substr(g.dn_key, instr(g.dn_key, ',DC=') + 1) AS domain_key
FROM v_ad_principal AS g
JOIN protected_sid AS s
  ON s.what = 'group' AND s.strength = 'strong'
 AND ((s.kind = 'rid' AND g.domain_sid IS NOT NULL AND g.rid = CAST(s.value AS INTEGER) AND g.rid IN (512, 516, 521))
      OR (s.kind = 'sid' AND g.sid = s.value))
WHERE g.file_kind = 'csexport' AND instr(g.dn_key, ',DC=') > 0
GROUP BY g.tenant_id, substr(g.dn_key, instr(g.dn_key, ',DC=') + 1)
HAVING count(DISTINCT s.value) = 9
   AND (SELECT count(DISTINCT r.rid) FROM v_ad_principal AS r
        WHERE r.tenant_id = g.tenant_id AND r.file_kind = 'csexport' AND r.rid IN (518, 519)
          AND r.domain_sid IS NOT NULL) = 2;

-- Evidence about the protection of each object with an AD permission error, one row per piece.
--   kind                 strength         what it says
--   protected-account    strong           its own SID is RID 500 (Administrator) or 502 (krbtgt)
--   protected-group      strong | circ.   it is a member (direct, nested, primary group or by
--                                         tokenGroups) of a protected group identified by SID
--   admin-count          -                adminCount=1 in some input (SDProp sets it; nothing
--                                         clears it when the membership ends)
--   admin-count-absent   -                an input that selected adminCount shows it unset
--   acl-protected        -                inheritance is off: dsacls "protected from inheriting",
--                                         or nTSecurityDescriptor.AreAccessRulesProtected
--   acl-inherits         -                a complete dsacls output of the object shows inheritance on
--   membership-complete  strong | circ.   the inputs hold the whole membership: tokenGroups (strong);
--                                         memberOf + primaryGroupID (circumstantial: nested groups
--                                         only as far as the files show them); every protected
--                                         group's member list in a full dump (strong)
-- Keyed by (tenant_id, dn_key) as in v_permission_object.
CREATE VIEW v_protection AS
WITH v_obj AS MATERIALIZED (SELECT * FROM v_permission_object),
-- What the inputs say of each such object itself, one row per input that describes it.
v_own AS MATERIALIZED (
    SELECT o.tenant_id, o.dn_key, p.principal_id, p.sid, p.rid, p.domain_sid, p.primary_group_id,
           p.admin_count, p.admin_count_known, p.acl_protected, p.token_groups_listed, p.member_of_listed,
           p.file, p.file || ':' || p.line AS at
    FROM v_obj AS o JOIN v_ad_principal AS p ON p.tenant_id = o.tenant_id AND p.dn_key = o.dn_key)
SELECT w.tenant_id, w.dn_key, 'protected-account' AS kind, s.strength,
       'its objectSid ' || w.sid || ' is ' || s.name || ' (' || w.at || ')' AS detail
FROM v_own AS w
JOIN protected_sid AS s ON s.kind = 'rid' AND s.what = 'account' AND w.rid = CAST(s.value AS INTEGER)
UNION
SELECT m.tenant_id, m.object_key, 'protected-group', g.strength,
       'member of ' || g.dn || ' (' || g.name || ', ' || g.how || ', ' || g.file || ':' || g.line || ')'
       || CASE WHEN m.depth > 1 THEN ', nested ' || m.depth || ' levels deep' ELSE '' END
FROM v_permission_group AS m
JOIN v_ad_protected_group AS g ON g.tenant_id = m.tenant_id AND g.dn_key = m.group_key
UNION
SELECT w.tenant_id, w.dn_key, 'protected-group', s.strength,
       'tokenGroups holds ' || l.value || ' (' || s.name || ', ' || w.file || ':' || l.line || ')'
FROM v_own AS w
JOIN ad_link AS l ON l.principal_id = w.principal_id AND l.kind = 'token-group'
JOIN protected_sid AS s
  ON s.what = 'group'
 AND ((s.kind = 'sid' AND l.value_key = s.value)
      OR (s.kind = 'rid' AND l.value_key LIKE 'S-1-5-21-%'
          AND length(l.value_key) - length(replace(l.value_key, '-', '')) = 7
          AND CAST(substr(l.value_key, length(rtrim(l.value_key, '0123456789')) + 1) AS INTEGER)
              = CAST(s.value AS INTEGER)))
UNION
SELECT w.tenant_id, w.dn_key, 'protected-group', s.strength,
       'primaryGroupID ' || w.primary_group_id || ' is ' || s.name || ' (' || w.at || ')'
FROM v_own AS w
JOIN protected_sid AS s ON s.kind = 'rid' AND s.what = 'group' AND w.primary_group_id = CAST(s.value AS INTEGER)
WHERE w.domain_sid IS NOT NULL OR w.sid IS NULL
UNION
SELECT tenant_id, dn_key, 'admin-count', NULL, 'adminCount=1 (' || at || ')' FROM v_own WHERE admin_count = 1
UNION
SELECT tenant_id, dn_key, 'admin-count-absent', NULL, 'adminCount is not set (' || at || ')'
FROM v_own WHERE admin_count_known = 1 AND coalesce(admin_count, 0) <> 1
UNION
SELECT o.tenant_id, o.dn_key, 'acl-protected', NULL,
       'dsacls ' || a.file || ':' || a.line || ': protected from inheriting permissions'
FROM v_obj AS o
JOIN v_acl_protected AS a ON a.tenant_id = o.tenant_id AND a.dn_key = o.dn_key
UNION
SELECT tenant_id, dn_key, 'acl-protected', NULL,
       'nTSecurityDescriptor.AreAccessRulesProtected is true (' || at || ')'
FROM v_own WHERE acl_protected = 1
UNION
SELECT o.tenant_id, o.dn_key, 'acl-inherits', NULL,
       'dsacls ' || a.file || ':' || a.line || ': inheritance is on ('
       || (SELECT count(*) FROM acl_entry AS e WHERE e.acl_id = a.acl_id AND e.inherited = 1)
       || ' inherited ACE(s))'
FROM v_obj AS o
JOIN (SELECT x.*, row_number() OVER (PARTITION BY x.tenant_id, x.dn_key ORDER BY x.batch_id DESC, x.acl_id DESC) AS rn
      FROM v_acl AS x WHERE x.complete = 1 AND x.dn_key IS NOT NULL) AS a
  ON a.tenant_id = o.tenant_id AND a.dn_key = o.dn_key AND a.rn = 1 AND a.protected = 0
UNION
SELECT tenant_id, dn_key, 'membership-complete', 'strong', 'tokenGroups lists every group it is in (' || at || ')'
FROM v_own WHERE token_groups_listed = 1
UNION
SELECT w.tenant_id, w.dn_key, 'membership-complete', 'circumstantial',
       'memberOf and primaryGroupID list its direct groups (' || w.at
       || '); nested groups only as far as the files show them'
FROM v_own AS w
WHERE w.member_of_listed = 1 AND w.primary_group_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM v_own AS t WHERE t.tenant_id = w.tenant_id AND t.dn_key = w.dn_key
                                             AND t.token_groups_listed = 1)
UNION
SELECT o.tenant_id, o.dn_key, 'membership-complete', 'strong',
       'every protected group of ' || o.domain_dn || ' is in a full csexport with its member list'
FROM v_obj AS o
JOIN v_ad_domain_groups_complete AS c
  ON c.tenant_id = o.tenant_id AND c.domain_key = upper(replace(o.domain_dn, ', ', ','));

-- The decision for each object with an AD permission error (README "The permission decision"):
--   adminsdholder        protected now: by SID-identified membership, or RID 500/502. confirmed
--                        with a second, independent signal (adminCount=1 or inheritance off);
--                        strong on membership alone; circumstantial for version-dependent groups
--                        (Key Admins) or adminCount=1 without complete membership evidence
--                        (then the first step is the read-only check that settles it)
--   orphaned-admincount  adminCount=1, but complete membership evidence shows no protected group
--   inheritance-blocked  inheritance off, no protected membership, no adminCount=1: strong with
--                        complete membership evidence or adminCount known unset (SDProp would
--                        have set it), else circumstantial, with the read-only check first
--   ou                   inheritance shown on (dsacls of the object), or siblings failing the
--                        same attribute: the OU lacks the grant
--   unknown              not enough evidence to choose: no grant, the read-only checks instead
-- One row per object: its csexport errors of every dump (the same error in an errors-only and
-- a full dump of the connector is one object; attributes are the union) merged with its
-- run-history errors, or run history alone. Siblings:
--   failing  other objects under the same parent with a permission error on one of the same
--            attributes (the grant is missing on the OU)
--   holding  objects of the same dump and OU that hold a failing attribute without any export
--            error (the OU's grant works for them: this object is protected or blocks inheritance;
--            counted once per file, OU and attribute through cs_object.held, up to 10)
-- Each part is computed once (MATERIALIZED; the v_ prefix of the CTEs lets rule lint see them
-- as part of a view): the whole decision for 1,000 failing objects of a 100k-object dump takes
-- a fraction of a second (README "Performance").
CREATE VIEW v_permission_decision AS
WITH v_cand AS MATERIALIZED (
    SELECT p.*, upper(replace(p.dn, ', ', ',')) AS dn_key FROM v_permission_candidate AS p),
v_rh AS MATERIALIZED (
    SELECT p.*, upper(replace(p.dn, ', ', ',')) AS dn_key FROM v_permission_candidate_rh AS p),
v_cs AS MATERIALIZED (
    SELECT * FROM (
        SELECT c.*,
               row_number() OVER (PARTITION BY c.tenant_id, c.dn_key ORDER BY c.last_occurred DESC, c.error_id) AS rn,
               min(c.first_occurred) OVER o AS first_all, max(c.last_occurred) OVER o AS last_all,
               max(c.retry_count) OVER o AS retries_all,
               json_group_array(json(c.attributes)) OVER o AS attr_sets,
               json_group_array('sync_error:' || c.error_id) OVER o AS keys
        FROM v_cand AS c
        WINDOW o AS (PARTITION BY c.tenant_id, c.dn_key ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
    WHERE rn = 1),
v_rhg AS MATERIALIZED (
    SELECT tenant_id, dn_key, min(tenant) AS tenant, min(connector) AS connector, min(connector_kind) AS connector_kind,
           min(connector_ma_id) AS connector_ma_id, min(dn) AS dn, min(parent_dn) AS parent_dn,
           min(domain_dn) AS domain_dn, min(error_code) AS error_code, min(error_type) AS error_type,
           min(error_literal) AS error_literal, min(server_error_detail) AS server_error_detail,
           min(first_occurred) AS first_occurred, max(last_occurred) AS last_occurred,
           max(retry_count) AS retry_count, min(error_id) AS error_id, max(cs_guid) AS cs_guid,
           min(file) AS file, min(line) AS line,
           json_group_array('sync_error:' || error_id) AS keys
    FROM v_rh GROUP BY tenant_id, dn_key),
v_base AS MATERIALIZED (
    SELECT cs.tenant_id, cs.tenant, cs.connector, cs.connector_kind, cs.connector_ma_id, cs.object_id, cs.dn,
           cs.dn_key, cs.object_type, cs.parent_dn, cs.domain_dn,
           (SELECT json_group_array(v) FROM (SELECT DISTINCT j2.value AS v FROM json_each(cs.attr_sets) AS j1,
                                                 json_each(j1.value) AS j2 ORDER BY 1)) AS attributes,
           cs.error_code, cs.error_type, cs.error_literal, cs.server_error_detail,
           min(cs.first_all, coalesce(rh.first_occurred, cs.first_all)) AS first_occurred,
           max(cs.last_all, coalesce(rh.last_occurred, cs.last_all)) AS last_occurred,
           max(coalesce(cs.retries_all, 0), coalesce(rh.retry_count, 0)) AS retry_count,
           cs.error_id, cs.cs_guid, cs.file_id, cs.file, cs.line,
           (SELECT json_group_array(k.value) FROM (
                SELECT j.value FROM json_each(cs.keys) AS j
                UNION SELECT j.value FROM json_each(coalesce(rh.keys, '[]')) AS j
                ORDER BY 1) AS k) AS error_keys
    FROM v_cs AS cs
    LEFT JOIN v_rhg AS rh ON rh.tenant_id = cs.tenant_id AND rh.dn_key = cs.dn_key
    UNION ALL
    SELECT rh.tenant_id, rh.tenant, rh.connector, rh.connector_kind, rh.connector_ma_id, NULL, rh.dn, rh.dn_key,
           NULL, rh.parent_dn, rh.domain_dn, '[]', rh.error_code, rh.error_type, rh.error_literal,
           rh.server_error_detail, rh.first_occurred, rh.last_occurred, rh.retry_count, rh.error_id, rh.cs_guid,
           NULL, rh.file, rh.line,
           (SELECT json_group_array(k.value) FROM (SELECT j.value FROM json_each(rh.keys) AS j ORDER BY 1) AS k)
    FROM v_rhg AS rh
    WHERE NOT EXISTS (SELECT 1 FROM v_cs AS cs WHERE cs.tenant_id = rh.tenant_id AND cs.dn_key = rh.dn_key)),
v_base_attr AS MATERIALIZED (
    SELECT b.tenant_id, b.dn_key, b.parent_dn, b.file_id, j.value AS attr
    FROM v_base AS b, json_each(b.attributes) AS j),
v_failing AS MATERIALIZED (
    SELECT a.tenant_id, a.dn_key, count(DISTINCT o.dn_key) AS n, min(x.dn) AS example
    FROM v_base_attr AS a
    JOIN v_base_attr AS o ON o.tenant_id = a.tenant_id AND o.parent_dn = a.parent_dn COLLATE NOCASE
                         AND o.attr = a.attr COLLATE NOCASE AND o.dn_key <> a.dn_key
    JOIN v_base AS x ON x.tenant_id = o.tenant_id AND x.dn_key = o.dn_key
    GROUP BY a.tenant_id, a.dn_key),
v_holding_key AS MATERIALIZED (
    SELECT k.file_id, k.parent_dn, k.attr,
           (SELECT json_array(count(*), min(dn)) FROM (
                SELECT s.cs_dn AS dn FROM cs_object AS s
                WHERE s.file_id = k.file_id AND s.parent_dn = k.parent_dn
                  AND instr(s.held, ',' || k.name_id || ',') > 0
                  AND NOT EXISTS (SELECT 1 FROM sync_error AS e WHERE e.object_id = s.object_id AND e.direction = 'export')
                LIMIT 10)) AS found
    FROM (SELECT DISTINCT a.file_id, a.parent_dn, a.attr, n.name_id
          FROM v_base_attr AS a JOIN attr_name AS n ON n.name = a.attr
          WHERE a.file_id IS NOT NULL
            AND EXISTS (SELECT 1 FROM file_attr AS fa WHERE fa.file_id = a.file_id AND fa.name_id = n.name_id)) AS k),
v_holding AS MATERIALIZED (
    SELECT a.tenant_id, a.dn_key, max(json_extract(h.found, '$[0]')) AS n, min(json_extract(h.found, '$[1]')) AS example
    FROM v_base_attr AS a
    JOIN v_holding_key AS h ON h.file_id = a.file_id AND h.parent_dn = a.parent_dn AND h.attr = a.attr
    WHERE json_extract(h.found, '$[0]') > 0
    GROUP BY a.tenant_id, a.dn_key),
v_evidence AS MATERIALIZED (
    SELECT tenant_id, dn_key,
           coalesce(max(kind = 'protected-account' OR (kind = 'protected-group' AND strength = 'strong')), 0) AS prot,
           coalesce(max(kind = 'protected-group' AND strength = 'circumstantial'), 0) AS prot_weak,
           coalesce(max(kind = 'admin-count'), 0) AS ac1,
           coalesce(max(kind = 'admin-count-absent'), 0) AS ac0,
           coalesce(max(kind = 'acl-protected'), 0) AS aclp,
           coalesce(max(kind = 'acl-inherits'), 0) AS acli,
           coalesce(max(CASE WHEN kind = 'membership-complete' THEN CASE strength WHEN 'strong' THEN 2 ELSE 1 END END), 0)
               AS complete,
           group_concat(detail, '; ') AS details,
           group_concat(CASE WHEN kind IN ('protected-account', 'protected-group') THEN detail END, '; ') AS protected_by
    FROM (SELECT p.tenant_id, p.dn_key, p.kind, p.strength, p.detail
          FROM v_protection AS p
          ORDER BY p.tenant_id, p.dn_key,
                   CASE p.kind WHEN 'protected-account' THEN 1 WHEN 'protected-group' THEN 2 WHEN 'admin-count' THEN 3
                               WHEN 'acl-protected' THEN 4 WHEN 'acl-inherits' THEN 5 WHEN 'admin-count-absent' THEN 6
                               ELSE 7 END, p.detail)
    GROUP BY tenant_id, dn_key),
v_judged AS (
    SELECT b.*, coalesce(v.prot, 0) AS prot, coalesce(v.prot_weak, 0) AS prot_weak, coalesce(v.ac1, 0) AS ac1,
           coalesce(v.ac0, 0) AS ac0, coalesce(v.aclp, 0) AS aclp, coalesce(v.acli, 0) AS acli,
           coalesce(v.complete, 0) AS complete, v.details, v.protected_by,
           coalesce(f.n, 0) AS failing, f.example AS failing_example,
           coalesce(h.n, 0) AS holding, h.example AS holding_example
    FROM v_base AS b
    LEFT JOIN v_evidence AS v ON v.tenant_id = b.tenant_id AND v.dn_key = b.dn_key
    LEFT JOIN v_failing AS f ON f.tenant_id = b.tenant_id AND f.dn_key = b.dn_key
    LEFT JOIN v_holding AS h ON h.tenant_id = b.tenant_id AND h.dn_key = b.dn_key)
SELECT j.tenant_id, j.tenant, j.connector, j.connector_kind, j.connector_ma_id, j.object_id, j.dn, j.dn_key,
       j.object_type, j.parent_dn, j.domain_dn, j.attributes, j.error_code, j.error_type, j.error_literal,
       j.server_error_detail, j.first_occurred, j.last_occurred, j.retry_count, j.file, j.line, j.error_keys,
       j.error_id AS first_error_id, j.cs_guid,
       CASE WHEN j.prot THEN 'adminsdholder'
            WHEN j.acli THEN 'ou'
            WHEN j.ac1 AND j.prot_weak THEN 'adminsdholder'
            WHEN j.ac1 AND j.complete > 0 THEN 'orphaned-admincount'
            WHEN j.ac1 OR j.prot_weak THEN 'adminsdholder'
            WHEN j.aclp THEN 'inheritance-blocked'
            WHEN j.failing > 0 AND NOT j.aclp THEN 'ou'
            ELSE 'unknown' END AS verdict,
       CASE WHEN j.prot THEN CASE WHEN j.ac1 OR j.aclp THEN 'confirmed' ELSE 'strong' END
            WHEN j.acli THEN 'strong'
            WHEN j.ac1 AND j.prot_weak THEN 'circumstantial'
            WHEN j.ac1 AND j.complete > 0 THEN CASE WHEN j.complete = 2 THEN 'strong' ELSE 'circumstantial' END
            WHEN j.ac1 OR j.prot_weak THEN 'circumstantial'
            WHEN j.aclp THEN
                 CASE WHEN j.complete = 2 AND j.ac0 THEN 'confirmed'
                      WHEN j.complete = 2 OR j.ac0 THEN 'strong' ELSE 'circumstantial' END
            WHEN j.failing > 0 AND NOT j.aclp THEN 'circumstantial'
            END AS evidence,
       -- What the files hold and what they lack, in words.
       trim(coalesce(j.details, 'no protection evidence in the files')
            || CASE WHEN j.failing > 0
                    THEN '; ' || j.failing || ' other object(s) under the same parent fail on the same attribute, e.g. '
                         || j.failing_example ELSE '' END
            || CASE WHEN j.holding > 0
                    THEN '; ' || CASE WHEN j.holding >= 10 THEN '10 or more' ELSE j.holding END
                         || ' object(s) of the same OU hold the attribute without an export error, e.g. '
                         || j.holding_example ELSE '' END
            || CASE WHEN j.complete = 0 AND NOT j.prot AND NOT j.acli
                    THEN '; no complete membership evidence (no tokenGroups, no memberOf with primaryGroupID, no full dump of the protected groups)'
                    ELSE '' END
            || CASE WHEN j.object_id IS NULL
                    THEN '; only run history names this error: no csexport of the object, so no attribute'
                    ELSE '' END) AS evidence_detail,
       j.protected_by
FROM v_judged AS j;

-- Each permission decision with what its commands need: the AD connector account (from the
-- connector configuration only, v_connector_account) and the object's class for an OU grant.
-- The permission rules are each one predicate over this view.
CREATE VIEW v_permission_error AS
SELECT d.*,
       coalesce(d.error_literal, '') || CASE WHEN d.server_error_detail IS NOT NULL
                                             THEN ' (' || d.server_error_detail || ')' ELSE '' END AS error_text,
       -- The evidence does not settle protection: the first step is the read-only check.
       d.verdict IN ('adminsdholder', 'inheritance-blocked') AND d.evidence = 'circumstantial' AS check_first,
       -- A plain token naming the object in evidence file names (its connector-space GUID).
       lower(replace(replace(coalesce(d.cs_guid, 'error-' || d.first_error_id), '{', ''), '}', '')) AS object_tag,
       a.principal,
       coalesce(a.principal_source, 'nothing: the files do not name the AD connector account') AS principal_source,
       coalesce(d.connector, '<AD connector name>') AS ad_connector
FROM v_permission_decision AS d
LEFT JOIN v_connector_account AS a
  ON a.tenant_id = d.tenant_id
 AND (a.ma_id = d.connector_ma_id
      OR (d.connector_ma_id IS NULL AND a.connector = d.connector COLLATE NOCASE)
      OR (d.connector IS NULL AND (SELECT count(*) FROM v_connector_account AS a2 WHERE a2.tenant_id = d.tenant_id) = 1));

-- Values two objects claim at once, one row per (tenant, family, address): Graph
-- PropertyConflict errors and Entra-connector export errors naming a value
-- (AttributeValueMustBeUnique, InvalidSoftMatch, ObjectTypeMismatch; the value from
-- "[Attribute value;]" in the error text, else the addresses in the object's pending export).
-- family: duplicate (AttributeValueMustBeUnique, PropertyConflict) | InvalidSoftMatch |
-- ObjectTypeMismatch. claimants: the objects whose errors name the value.
CREATE VIEW v_conflict_claim AS
SELECT a.*, substr(a.bracket, 1, instr(a.bracket, ' ') - 1) AS property,
       substr(a.bracket, instr(a.bracket, ' ') + 1) AS value
FROM (SELECT e.*, coalesce(e.error_name, e.error_type) AS kind,
             CASE WHEN instr(e.error_literal, '[') > 0 AND instr(e.error_literal, ';]') > instr(e.error_literal, '[') THEN
                  substr(e.error_literal, instr(e.error_literal, '[') + 1,
                         instr(e.error_literal, ';]') - instr(e.error_literal, '[') - 1) END AS bracket
      FROM v_export_error_cs AS e
      WHERE e.connector_kind = 'aad'
        AND coalesce(e.error_name, e.error_type) IN ('AttributeValueMustBeUnique', 'InvalidSoftMatch', 'ObjectTypeMismatch'))
     AS a
WHERE instr(a.bracket, ' ') > 0;

CREATE VIEW v_conflict_found AS
SELECT c.tenant_id, c.tenant, c.kind, c.property, c.value,
       lower(CASE WHEN c.value LIKE 'smtp:%' THEN substr(c.value, 6) ELSE c.value END) AS address,
       c.dn, c.object_id, NULL AS cloud_object_id, c.connector, c.first_occurred, c.last_occurred,
       c.retry_count, coalesce(c.extra_error_details, c.error_literal) AS text,
       c.file, c.line, 'sync_error:' || c.error_id AS error_key
FROM v_conflict_claim AS c
UNION ALL
-- Errors that name no value: the addresses in the object's pending export stand for it.
SELECT e.tenant_id, e.tenant, coalesce(e.error_name, e.error_type), n.name, d.value,
       lower(CASE WHEN d.value LIKE 'smtp:%' THEN substr(d.value, 6) ELSE d.value END),
       e.dn, e.object_id, NULL, e.connector, e.first_occurred, e.last_occurred, e.retry_count,
       coalesce(e.extra_error_details, e.error_literal), e.file, e.line, 'sync_error:' || e.error_id
FROM v_export_error_cs AS e
JOIN delta_value AS d ON d.object_id = e.object_id AND d.section_id IN (1, 2, 3)
JOIN attr_name AS n ON n.name_id = d.name_id
WHERE e.connector_kind = 'aad'
  AND coalesce(e.error_name, e.error_type) IN ('AttributeValueMustBeUnique', 'InvalidSoftMatch', 'ObjectTypeMismatch')
  AND NOT EXISTS (SELECT 1 FROM v_conflict_claim AS c WHERE c.error_id = e.error_id)
  AND n.name IN ('userPrincipalName', 'proxyAddresses', 'mail') AND d.value IS NOT NULL
  AND coalesce(d.value_op, 'add') <> 'delete'
UNION ALL
SELECT p.tenant_id, p.tenant, p.category, p.property, p.value,
       lower(CASE WHEN p.value LIKE 'smtp:%' THEN substr(p.value, 6) ELSE p.value END),
       p.object_name, NULL, p.cloud_object_id, 'Entra ID (Graph)',
       p.occurred, p.occurred, NULL, p.text, p.file, p.line,
       'provisioning_error:' || p.error_id
FROM v_provisioning_error AS p;

CREATE VIEW v_conflict AS
SELECT tenant_id, tenant,
       CASE WHEN kind IN ('AttributeValueMustBeUnique', 'PropertyConflict') THEN 'duplicate' ELSE kind END AS family,
       address, group_concat(DISTINCT kind) AS kinds, min(value) AS value,
       group_concat(DISTINCT property) AS properties, min(first_occurred) AS first_occurred,
       max(last_occurred) AS last_occurred, max(retry_count) AS retry_count,
       json_group_array(DISTINCT dn) AS claimants, min(text) AS text, min(file) AS file, min(line) AS line,
       json_group_array(DISTINCT error_key) AS error_keys,
       max(object_id) AS object_id,
       -- RFC 4515: the address as an LDAP filter value.
       replace(replace(replace(replace(address, '\', '\5c'), '*', '\2a'), '(', '\28'), ')', '\29')
           AS address_filter,
       -- The Entra connector of the tenant, for the verification's csexport.
       (SELECT c.name FROM v_connector AS c WHERE c.tenant_id = v_conflict_found.tenant_id
          AND c.kind = 'aad' ORDER BY c.name LIMIT 1) AS aad_connector
FROM v_conflict_found
GROUP BY tenant_id, family, address;

-- One finding row per conflict (v_conflict), with the columns the data-conflict rules and their
-- templates share: every object in the tenant's files that holds the address (holders: one line
-- each, with the attributes that hold it, its connector and file:line), the on-premises object
-- the Entra object is linked to, and the Entra connector. A rule over it is its header, its
-- family predicate and its columns.
CREATE VIEW v_conflict_finding AS
WITH holder AS (
    SELECT a.tenant_id, a.address,
           a.dn || ' (' || group_concat(a.attribute || ' ' || a.value, ', ') || '; '
           || CASE a.source WHEN 'cloud' THEN 'Entra ID' ELSE coalesce(a.connector, 'connector space') END
           || '; ' || a.file || ':' || a.line || ')' AS h
    FROM v_address AS a
    WHERE a.address IN (SELECT address FROM v_conflict)
    GROUP BY a.tenant_id, a.address, a.source, coalesce(a.object_id, a.cloud_object_id)
)
SELECT c.family, c.tenant_id, c.tenant,
       coalesce(c.aad_connector, 'Entra ID') AS connector,
       'aad' AS connector_kind,
       json_extract(c.claimants, '$[0]') AS object_dn,
       NULL AS object_type,
       '[]' AS attributes,
       NULL AS error_code,
       c.kinds AS error_type,
       c.text AS error_text,
       c.first_occurred,
       c.last_occurred,
       c.retry_count,
       NULL AS evidence,
       (SELECT count(*) FROM holder AS x WHERE x.tenant_id = c.tenant_id AND x.address = c.address)
           || ' object(s) in the files hold ' || c.address AS evidence_detail,
       c.value AS conflict_value,
       c.address,
       c.aad_connector,
       c.address_filter,
       c.properties,
       c.claimants,
       (SELECT ad_dn FROM v_aad_link AS l WHERE l.aad_object_id = c.object_id) AS on_premises_dn,
       (SELECT json_group_array(h) FROM (SELECT DISTINCT h FROM holder AS x
                                         WHERE x.tenant_id = c.tenant_id AND x.address = c.address
                                         ORDER BY h)) AS holders,
       c.file AS source_file,
       c.line AS source_line,
       c.error_keys
FROM v_conflict AS c;

-- Every problem the data records, one key each, for the fallback rule: sync errors,
-- provisioning errors, and run steps that stopped or never started.
CREATE VIEW v_problem AS
SELECT 'sync_error:' || e.error_id AS error_key, f.tenant_id, f.tenant, e.origin, e.direction,
       coalesce(o.cs_dn, e.dn) AS dn, o.object_type,
       coalesce(o.ma_name, r.ma_name, fc.name, f.connector_hint) AS connector,
       e.error_type, e.error_code, e.error_code_raw, e.error_name, e.error_literal, e.server_error_detail,
       e.extra_error_details, e.detail_xml, e.first_occurred, e.date_occurred AS last_occurred, e.retry_count,
       f.path AS file, e.line
FROM sync_error AS e
JOIN v_file AS f ON f.file_id = e.file_id
LEFT JOIN cs_object AS o ON o.object_id = e.object_id
LEFT JOIN v_file_connector AS fc ON fc.file_id = e.file_id
LEFT JOIN run_step AS s ON s.step_id = e.step_id
LEFT JOIN run AS r ON r.run_id = s.run_id
WHERE CASE WHEN e.file_id IN (SELECT file_id FROM v_error_file) THEN 1
           WHEN e.origin = 'csexport' AND e.direction = 'export'
           THEN e.error_id IN (SELECT error_id FROM v_csexport_error_verdict WHERE verdict <> 'superseded')
           ELSE 0 END
UNION ALL
SELECT 'provisioning_error:' || p.error_id, p.tenant_id, p.tenant, 'graph', 'cloud',
       p.object_name, p.object_type, 'Entra ID (Graph)',
       p.category, NULL, NULL, NULL, p.text, NULL, NULL, NULL,
       p.occurred, p.occurred, NULL, p.file, p.line
FROM v_provisioning_error AS p
UNION ALL
SELECT 'run_step:' || s.step_id, s.tenant_id, s.tenant, 'run-history', 'step', NULL, NULL, s.ma_name,
       s.step_result, (SELECT max(i.error_code) FROM connection_incident AS i WHERE i.step_id = s.step_id), NULL, NULL,
       'step ' || coalesce(s.step_number, '?') || ' (' || coalesce(s.step_type, 'unknown type') || ') of run '
       || coalesce(s.run_number, '?') || ' ended ' || s.step_result,
       NULL, NULL, NULL, s.start_date, s.end_date, NULL, s.file, s.line
FROM v_run_step AS s
WHERE s.step_result IS NOT NULL AND s.step_result <> 'success' AND s.step_result NOT LIKE 'completed-%'
  AND s.step_result NOT LIKE 'completing-%' AND s.step_result <> 'in-progress';

-- Connection incidents of run steps (ma-connection/connection-log/incident).
CREATE VIEW v_connection_incident AS
SELECT i.step_id, s.tenant_id, s.tenant, s.ma_name, s.run_number, s.step_number, i.line, i.connection_result,
       i.date, i.server, i.error_code_raw, i.error_code, i.error_literal, i.server_error_detail, s.file
FROM connection_incident AS i JOIN v_run_step AS s USING (step_id);

-- ── Pre-flight: what Entra ID will refuse, read from full dumps of the AD connector space ──
-- (README "Pre-flight"). Both views are shared: computed once per run into TEMP tables.

-- The tenant's domains from Graph `domains` exports (the newest export of each tenant).
CREATE VIEW v_tenant_domain AS
SELECT f.tenant_id, t.name AS tenant, d.domain, lower(d.domain) AS domain_key, d.is_verified,
       d.is_default, d.is_initial, f.path AS file, d.line
FROM tenant_domain AS d
JOIN source_file AS f USING (file_id)
JOIN tenant AS t ON t.tenant_id = f.tenant_id
WHERE NOT EXISTS (SELECT 1 FROM source_file AS g JOIN tenant_domain AS x ON x.file_id = g.file_id
                  WHERE g.tenant_id = f.tenant_id AND g.batch_id > f.batch_id);

-- The newest full csexports of each AD connector (`csexport "<AD connector>" full.xml` without
-- /f: a dump that holds objects with no error and nothing pending; two forests' dumps without
-- connector names are both read), or, for a tenant with none, its newest LDIF exports of users,
-- groups and contacts: the files the pre-flight rules predict from. Shared (one
-- TEMP table per run, filtered to the tenant under `triage --tenant`): each rule starts from
-- these few rows and the tenant's objects in them, never from every tenant's.
CREATE VIEW v_preflight_file AS
WITH v_pf_dump AS (
    SELECT c.file_id, c.tenant_id, t.name AS tenant, c.path AS file,
           coalesce(s.connector_hint, CASE WHEN c.ident LIKE 'connector %' THEN substr(c.ident, 11) END,
                    'the AD connector') AS connector
    FROM v_csexport_file AS c
    JOIN source_file AS s USING (file_id)
    JOIN tenant AS t ON t.tenant_id = c.tenant_id
    WHERE c.batch_id = c.newest_batch AND s.connector_kind = 'ad' AND c.covers
      -- a full dump (no /f filter): it holds objects with nothing pending and no error; an
      -- errors-only or pending-export dump holds none, and says nothing of the others
      AND EXISTS (SELECT 1 FROM cs_object AS o WHERE o.file_id = c.file_id
                  AND NOT EXISTS (SELECT 1 FROM sync_error AS e WHERE e.object_id = o.object_id)
                  AND NOT EXISTS (SELECT 1 FROM delta AS d WHERE d.object_id = o.object_id))),
v_pf_ldif AS (
    -- LDIF exports holding users, groups or contacts (schema/016: ldif_object), the newest
    -- batch's, for a tenant with no full dump: the directory as it is, before a sync exists.
    SELECT f.file_id, f.tenant_id, t.name AS tenant, f.path AS file, f.batch_id
    FROM source_file AS f JOIN tenant AS t ON t.tenant_id = f.tenant_id
    WHERE f.kind = 'ldif' AND EXISTS (SELECT 1 FROM ldif_object AS o WHERE o.file_id = f.file_id)
      AND f.tenant_id NOT IN (SELECT tenant_id FROM v_pf_dump))
SELECT * FROM v_pf_dump
UNION ALL
SELECT l.file_id, l.tenant_id, l.tenant, l.file, 'an LDIF export (no connector)'
FROM v_pf_ldif AS l
WHERE l.batch_id = (SELECT max(x.batch_id) FROM v_pf_ldif AS x WHERE x.tenant_id = l.tenant_id);

-- Export errors of Entra connector objects of current dumps, by the AD object their sourceAnchor
-- names (as v_aad_link ties them); nothing to read without an Entra dump. Shared (one TEMP
-- table per run, indexed by ad_object_id).
CREATE VIEW v_preflight_entra_error AS
SELECT h.object_id AS ad_object_id, t.name AS tenant,
       group_concat(DISTINCT coalesce(e.error_name, e.error_type)) AS errors
-- (CROSS JOIN keeps this order: from the few Entra dumps and their errors outwards.)
FROM source_file AS f
CROSS JOIN sync_error AS e ON e.file_id = f.file_id AND e.direction = 'export'
CROSS JOIN attr_value AS sa ON sa.object_id = e.object_id AND sa.section_id = 5 AND sa.name_id = 5
CROSS JOIN hologram AS h ON h.anchor = sa.value AND h.section_id = 5
JOIN tenant AS t ON t.tenant_id = f.tenant_id
WHERE f.kind = 'csexport' AND f.connector_kind = 'aad'
  AND f.file_id IN (SELECT file_id FROM v_error_file)
  AND e.error_id NOT IN (SELECT error_id FROM v_resolved_error)
GROUP BY h.object_id, t.name;

-- Every object the pre-flight rules may read: a connector space's (cs_object, positive ids) and
-- an LDIF export's (ldif_object, negative ids), with the connector-space columns they share.
-- One row per cs_object_value row (LEFT JOINs, each a primary-key lookup: a UNION ALL here
-- would be materialized whole by every rule that joins it).
CREATE VIEW v_preflight_source AS
SELECT v.object_id, v.file_id, coalesce(o.line, l.line) AS line, coalesce(o.cs_dn, l.dn) AS cs_dn,
       coalesce(o.object_type, l.object_type) AS object_type,
       CASE WHEN l.object_id IS NOT NULL THEN 'an LDIF export (no connector)' ELSE o.ma_name END AS ma_name,
       o.connector
FROM cs_object_value AS v
LEFT JOIN cs_object AS o ON o.object_id = v.object_id
LEFT JOIN ldif_object AS l ON l.object_id = v.object_id;

-- One row per AD object the sync could export to Entra ID: users, inetOrgPersons, groups and
-- contacts that are connectors (not filtered disconnectors) of a connector space, or entries of
-- an LDIF export (ldif_object), with their cs_object_value row (schema/014_preflight.sql) and
-- where they were read. `excluded` names why IdFix would leave
-- the object out (NULL: in scope): well-known accounts by CN, sAMAccountName or mailNickname
-- prefix (preflight_exclusion), names ending in $, conflict objects (\0ACNF: in the DN) and
-- isCriticalSystemObject=TRUE (the hologram's value, or any LDIF / CLIXML input's).
-- Not limited to the in-scope dumps and read per object: a rule joins it by object_id to the
-- few objects its screen kept from v_preflight_file's dumps (a view cannot read the run's
-- shared TEMP tables itself), so every column is computed for those rows only.
CREATE VIEW v_preflight_object AS
SELECT o.object_id, s.tenant_id, t.name AS tenant, o.file_id, s.path AS file, o.line,
       o.cs_dn AS dn, o.object_type,
       CASE WHEN o.object_id < 0 THEN 'an LDIF export of the directory'
            ELSE 'the AD connector space' END AS read_from,
       coalesce(o.ma_name, s.connector_hint,
                CASE WHEN s.connector_ident LIKE 'connector %' THEN substr(s.connector_ident, 11) END,
                'the AD connector') AS connector,
       v.upn, v.mail, v.sam, v.mail_nickname, v.display_name, v.given_name, v.sn,
       v.target_address, v.user_certificates, v.smime_certificates, v.photo_bytes,
       v.address_chars, v.address_max, coalesce(v.critical, 0) AS critical,
       -- Whether a missing userPrincipalName means the object has none: always in a connector
       -- space (the AD connector always reads it); in an LDIF export only when some entry of the
       -- file holds one (ldifde leaves out an attribute it was not asked for, as one without a
       -- value): otherwise "no UPN" is unknown, not a fact.
       CASE WHEN o.object_id > 0 OR v.upn IS NOT NULL
                 OR EXISTS (SELECT 1 FROM cs_object_value AS w
                            WHERE w.file_id = v.file_id AND w.upn IS NOT NULL)
            THEN 1 ELSE 0 END AS upn_read,
       (SELECT CASE
                 WHEN o.cs_dn LIKE '%\0ACNF:%' OR instr(o.cs_dn, char(10) || 'CNF:') > 0
                   THEN 'a replication conflict object (\0ACNF: in its DN)'
                 WHEN v.critical = 1
                      OR EXISTS (SELECT 1 FROM ad_principal AS p JOIN source_file AS g USING (file_id)
                                 WHERE p.dn_key = upper(replace(o.cs_dn, ', ', ','))
                                   AND p.is_critical = 1 AND g.tenant_id = s.tenant_id)
                   THEN 'isCriticalSystemObject=TRUE'
                 WHEN n.cn LIKE '%$' OR v.sam LIKE '%$' THEN 'its name ends in $'
                 ELSE (SELECT 'well known (' || CASE x.field WHEN 'cn' THEN 'CN' WHEN 'sam' THEN 'sAMAccountName'
                                                             ELSE 'mailNickname' END
                              || ' begins with ' || x.prefix || ')'
                       FROM preflight_exclusion AS x
                       WHERE substr(upper(CASE x.field WHEN 'cn' THEN n.cn WHEN 'sam' THEN v.sam
                                                       ELSE v.mail_nickname END), 1, length(x.prefix)) = x.prefix
                         AND (x.field = 'cn' OR o.object_type IN ('user', 'inetOrgPerson'))
                       ORDER BY x.field, x.prefix LIMIT 1)
               END
        FROM (SELECT CASE WHEN upper(o.cs_dn) LIKE 'CN=%' OR upper(o.cs_dn) LIKE 'OU=%'
                          THEN substr(o.cs_dn, 4, instr(o.cs_dn || ',', ',') - 4) ELSE o.cs_dn END AS cn) AS n
       ) AS excluded
FROM cs_object_value AS v
JOIN v_preflight_source AS o ON o.object_id = v.object_id
JOIN source_file AS s ON s.file_id = v.file_id
JOIN tenant AS t ON t.tenant_id = s.tenant_id
WHERE o.object_type IN ('user', 'inetOrgPerson', 'group', 'contact')
  AND coalesce(o.connector, 1) = 1;

-- The address values (userPrincipalName, mail, proxyAddresses) of each object's synchronized
-- hologram, one row per value: read per object (by object_id) by the pre-flight rules.
CREATE VIEW v_hologram_address AS
SELECT v.object_id, n.name AS attribute, v.ord, v.value, v.address
FROM attr_value AS v JOIN attr_name AS n USING (name_id)
WHERE v.section_id = 5 AND v.name_id IN (1, 2, 3);

-- Suffixes that never route (schema/014_preflight.sql), with why.
CREATE VIEW v_nonroutable_suffix AS
SELECT suffix, why FROM nonroutable_suffix;
