-- 950_views: the stable surface for rules and for users' own SQL. Rules read only v_* views.
-- Idempotent: whenever this file changes, csx drops every v_* view and runs it again
-- (store/schema.cpp), so the list of views lives only here.

-- One row per ingested file, with its tenant.
CREATE VIEW v_file AS
SELECT f.file_id, f.tenant_id, t.name AS tenant, f.batch_id, f.path, f.size, f.sha256, f.kind,
       f.encoding, f.status, f.error, f.error_line, f.error_column, f.record_count,
       f.tenant_source, f.connector_kind, f.connector_hint, f.ingested_at
FROM source_file AS f JOIN tenant AS t ON t.tenant_id = f.tenant_id;

-- The newest configuration of each connector of a tenant.
CREATE VIEW v_connector_config AS
SELECT * FROM (
    SELECT c.*, f.tenant_id,
           row_number() OVER (PARTITION BY f.tenant_id, upper(coalesce(c.ma_id, c.name))
                              ORDER BY f.ingested_at DESC, f.file_id DESC) AS rn
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
                       WHERE g.tenant_id = f.tenant_id AND g.kind = f.kind AND g.batch_id > f.batch_id))
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

-- Evidence that a cs-object is protected by AdminSDHolder / SDProp, one row per piece, from
-- its synchronized hologram. strength: confirmed (adminCount=1) | strong (protected group,
-- well-known account) | circumstantial (group protected only on some Windows versions).
-- Read it per object (WHERE object_id = ...): memberOf lives in the packed hologram JSON.
CREATE VIEW v_protection AS
SELECT v.object_id, 'confirmed' AS strength, 'adminCount=1' AS evidence
FROM attr_value AS v
WHERE v.name_id = 4 AND v.section_id = 5 AND trim(v.value) = '1'
UNION ALL
SELECT h.object_id, g.strength, 'member of ' || m.value
FROM hologram AS h, json_each(h.attrs, '$.memberOf') AS m
JOIN protected_group AS g
  ON upper(m.value) LIKE 'CN=%'
 AND g.cn = substr(m.value, 4, CASE WHEN instr(m.value, ',') > 0 THEN instr(m.value, ',') - 4
                                   ELSE length(m.value) END)
WHERE h.section_id = 5
UNION ALL
SELECT h.object_id, 'strong', 'well-known protected account ' || a.value
FROM hologram AS h, json_each(h.attrs, '$.sAMAccountName') AS a
JOIN protected_account AS p ON p.sam_account_name = a.value
WHERE h.section_id = 5;

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

-- Graph provisioning errors with their cloud object.
CREATE VIEW v_provisioning_error AS
SELECT p.rowid AS error_id, f.tenant_id, f.tenant, o.cloud_object_id, o.graph_id, o.object_type,
       o.display_name, o.user_principal_name, o.mail, o.immutable_id, p.category, p.occurred,
       p.property, p.value, o.file_id, f.path AS file, p.line
FROM provisioning_error AS p
JOIN cloud_object AS o USING (cloud_object_id)
JOIN v_file AS f ON f.file_id = o.file_id
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
SELECT 'cloud', f.tenant_id, f.tenant, NULL, NULL, c.cloud_object_id,
       coalesce(c.display_name, c.graph_id), a.attribute, a.value,
       lower(CASE WHEN a.value LIKE 'smtp:%' THEN substr(a.value, 6) ELSE a.value END),
       f.path, c.line
FROM cloud_object AS c
JOIN v_file AS f ON f.file_id = c.file_id
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

-- The AD connector account of each AD connector, as dsacls wants it. From the connector
-- configuration: DOMAIN\user when forest-login-domain is a NetBIOS name, user@domain when it
-- is an FQDN (dsacls accepts both; a NetBIOS name is never guessed from an FQDN). Without a
-- configuration, run history's security-id may name the NetBIOS domain: the account itself
-- then stays a placeholder.
CREATE VIEW v_connector_account AS
SELECT c.tenant_id, c.ma_id, c.name AS connector,
       CASE WHEN c.login_domain IS NULL OR c.login_domain = '' THEN c.login_user
            WHEN instr(c.login_domain, '.') > 0 THEN c.login_user || '@' || c.login_domain
            ELSE c.login_domain || '\' || c.login_user END AS principal,
       'forest-login-user / forest-login-domain in the connector configuration' AS principal_source
FROM v_connector AS c
WHERE c.kind = 'ad' AND c.login_user IS NOT NULL AND c.login_user <> ''
UNION ALL
SELECT f.tenant_id, upper(r.ma_id), r.ma_name,
       substr(r.security_id, 1, instr(r.security_id, '\') - 1) || '\<MSOL_account>',
       'the NetBIOS domain of run history''s security-id; the connector account itself is not in the files '
       || '(ingest Connectors/Connector_{guid}.xml from Get-ADSyncServerConfiguration, or pass --account)'
FROM run AS r JOIN source_file AS f USING (file_id)
WHERE instr(r.security_id, '\') > 1
  AND r.run_id = (SELECT max(r2.run_id) FROM run AS r2 JOIN source_file AS f2 USING (file_id)
                  WHERE f2.tenant_id = f.tenant_id AND coalesce(r2.ma_id, r2.ma_name) = coalesce(r.ma_id, r.ma_name))
  AND NOT EXISTS (SELECT 1 FROM v_connector AS c WHERE c.tenant_id = f.tenant_id AND c.kind = 'ad'
                  AND c.login_user IS NOT NULL AND (c.ma_id = upper(r.ma_id) OR c.name = r.ma_name COLLATE NOCASE))
  AND EXISTS (SELECT 1 FROM v_connector AS c WHERE c.tenant_id = f.tenant_id AND c.kind = 'ad'
              AND (c.ma_id = upper(r.ma_id) OR c.name = r.ma_name COLLATE NOCASE));

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
-- INSUFF_ACCESS_RIGHTS), one row per object: csexport errors (which name the failing
-- attributes) merged with the run-history errors for the same DN, and the strongest evidence
-- that the object is protected by AdminSDHolder:
--   confirmed      adminCount=1 in the dump
--   strong         member of a protected group, or a well-known protected account
--   circumstantial siblings in the same OU hold the failing attribute without an error
--   NULL           no evidence (an OU-level grant problem)
-- Run-history-only errors (no csexport of the object) have no evidence and no attributes.
CREATE VIEW v_permission_candidate AS
SELECT * FROM v_export_error_cs
WHERE coalesce(connector_kind, 'ad') = 'ad'
  AND (error_code = 8344 OR error_type = 'permission-issue' OR server_error_detail LIKE '%INSUFF_ACCESS_RIGHTS%');

CREATE VIEW v_permission_candidate_rh AS
SELECT * FROM v_export_error_rh
WHERE coalesce(connector_kind, 'ad') = 'ad'
  AND (error_code = 8344 OR error_type = 'permission-issue' OR server_error_detail LIKE '%INSUFF_ACCESS_RIGHTS%');

-- Run-history permission errors per object (a DN can fail in many runs).
CREATE VIEW v_permission_rh AS
SELECT tenant_id, upper(dn) AS dn_key, min(first_occurred) AS first_occurred, max(last_occurred) AS last_occurred,
       max(retry_count) AS retry_count, json_group_array('sync_error:' || error_id) AS keys
FROM v_permission_candidate_rh
GROUP BY tenant_id, upper(dn);

-- The evidence of protection, read per object straight from its synchronized hologram (one
-- lookup by key each: cheap however large the connector space).
CREATE VIEW v_permission_cs AS
SELECT p.*,
       CASE WHEN EXISTS (SELECT 1 FROM attr_value AS v WHERE v.object_id = p.object_id AND v.section_id = 5
                         AND v.name_id = 4 AND trim(v.value) = '1') THEN 'adminCount=1' END AS ev_admincount,
       (SELECT group_concat('member of ' || m.value, '; ')
        FROM hologram AS h, json_each(h.attrs, '$.memberOf') AS m
        JOIN protected_group AS g
          ON upper(m.value) LIKE 'CN=%'
         AND g.cn = substr(m.value, 4, CASE WHEN instr(m.value, ',') > 0 THEN instr(m.value, ',') - 4
                                           ELSE length(m.value) END)
        WHERE h.object_id = p.object_id AND h.section_id = 5) AS ev_group,
       (SELECT min(g.strength)
        FROM hologram AS h, json_each(h.attrs, '$.memberOf') AS m
        JOIN protected_group AS g
          ON upper(m.value) LIKE 'CN=%'
         AND g.cn = substr(m.value, 4, CASE WHEN instr(m.value, ',') > 0 THEN instr(m.value, ',') - 4
                                           ELSE length(m.value) END)
        WHERE h.object_id = p.object_id AND h.section_id = 5) AS ev_group_strength,
       (SELECT 'well-known protected account ' || a.value
        FROM hologram AS h, json_each(h.attrs, '$.sAMAccountName') AS a
        JOIN protected_account AS pa ON pa.sam_account_name = a.value
        WHERE h.object_id = p.object_id AND h.section_id = 5) AS ev_account,
       (SELECT 'dsacls ' || a.file || ':' || a.line || ': protected from inheriting permissions'
        FROM v_acl_protected AS a
        WHERE a.tenant_id = p.tenant_id AND a.dn_key = upper(replace(p.dn, ', ', ','))) AS ev_acl
FROM v_permission_candidate AS p;

-- Siblings: for objects without protection evidence, objects of the same file and OU that hold
-- one of the failing attributes in their synchronized hologram and have no export error.
-- Counted once per (file, OU, attribute) (the GROUP BY keeps SQLite from re-counting per
-- finding), up to 10, through the (file_id, parent_dn) index and cs_object.held (no JSON), and
-- not at all when no object of the file holds the attribute (file_attr).
CREATE VIEW v_permission_sibling AS
SELECT cs.error_id, max(json_extract(k.found, '$[0]')) AS n, min(json_extract(k.found, '$[1]')) AS example
FROM v_permission_cs AS cs, json_each(cs.attributes) AS fa
JOIN (SELECT c.file_id, c.parent_dn, c.attr,
             CASE WHEN EXISTS (SELECT 1 FROM file_attr AS fa3 WHERE fa3.file_id = c.file_id AND fa3.name_id = c.name_id)
                  THEN (SELECT json_array(count(*), min(dn)) FROM (
                            SELECT s.cs_dn AS dn FROM cs_object AS s
                            WHERE s.file_id = c.file_id AND s.parent_dn = c.parent_dn
                              AND instr(s.held, ',' || c.name_id || ',') > 0
                              AND NOT EXISTS (SELECT 1 FROM sync_error AS x
                                              WHERE x.object_id = s.object_id AND x.direction = 'export')
                            LIMIT 10))
                  ELSE json_array(0, NULL) END AS found
      FROM (SELECT DISTINCT p.file_id, p.parent_dn, fa2.value AS attr, n.name_id
            FROM v_permission_cs AS p, json_each(p.attributes) AS fa2
            JOIN attr_name AS n ON n.name = fa2.value
            WHERE p.ev_admincount IS NULL AND p.ev_group IS NULL AND p.ev_account IS NULL) AS c
      GROUP BY c.file_id, c.parent_dn, c.attr) AS k
  ON k.file_id = cs.file_id AND k.parent_dn = cs.parent_dn AND k.attr = fa.value
WHERE cs.ev_admincount IS NULL AND cs.ev_group IS NULL AND cs.ev_account IS NULL
  AND json_extract(k.found, '$[0]') > 0
GROUP BY cs.error_id;

CREATE VIEW v_permission_error AS
SELECT cs.tenant_id, cs.tenant, cs.connector, cs.connector_kind, cs.connector_ma_id, cs.object_id, cs.dn,
       cs.object_type, cs.parent_dn, cs.domain_dn, cs.attributes, cs.error_code, cs.error_type,
       cs.error_literal, cs.server_error_detail,
       min(cs.first_occurred, coalesce(rh.first_occurred, cs.first_occurred)) AS first_occurred,
       max(cs.last_occurred, coalesce(rh.last_occurred, cs.last_occurred)) AS last_occurred,
       max(coalesce(cs.retry_count, 0), coalesce(rh.retry_count, 0)) AS retry_count,
       CASE WHEN cs.ev_admincount IS NOT NULL OR cs.ev_acl IS NOT NULL THEN 'confirmed'
            WHEN cs.ev_account IS NOT NULL OR cs.ev_group_strength = 'strong' THEN 'strong'
            WHEN cs.ev_group IS NOT NULL OR sib.n > 0 THEN 'circumstantial' END AS evidence,
       coalesce(nullif(trim(coalesce(cs.ev_admincount || '; ', '') || coalesce(cs.ev_acl || '; ', '')
                            || coalesce(cs.ev_group || '; ', '')
                            || coalesce(cs.ev_account || '; ', ''), '; '), ''),
                CASE WHEN sib.n > 0 THEN CASE WHEN sib.n >= 10 THEN '10 or more' ELSE sib.n END
                     || ' object(s) in the same OU hold the attribute without an export error, e.g. ' || sib.example
                END) AS evidence_detail,
       cs.file, cs.line,
       (SELECT json_group_array(k.value) FROM (
            SELECT 'sync_error:' || cs.error_id AS value
            UNION SELECT j.value FROM json_each(coalesce(rh.keys, '[]')) AS j
            ORDER BY 1) AS k) AS error_keys
FROM v_permission_cs AS cs
LEFT JOIN v_permission_sibling AS sib USING (error_id)
LEFT JOIN v_permission_rh AS rh ON rh.tenant_id = cs.tenant_id AND rh.dn_key = upper(cs.dn)
UNION ALL
SELECT rh.tenant_id, rh.tenant, rh.connector, rh.connector_kind, rh.connector_ma_id, NULL, rh.dn, NULL,
       rh.parent_dn, rh.domain_dn, '[]', rh.error_code, rh.error_type, rh.error_literal, rh.server_error_detail,
       min(rh.first_occurred), max(rh.last_occurred), max(rh.retry_count),
       CASE WHEN max(ap.file) IS NOT NULL THEN 'confirmed' END,
       'dsacls ' || max(ap.file) || ':' || max(ap.line) || ': protected from inheriting permissions',
       min(rh.file), min(rh.line), json_group_array('sync_error:' || rh.error_id)
FROM v_permission_candidate_rh AS rh
LEFT JOIN v_acl_protected AS ap ON ap.tenant_id = rh.tenant_id AND ap.dn_key = upper(replace(rh.dn, ', ', ','))
WHERE NOT EXISTS (SELECT 1 FROM v_permission_candidate AS cs
                  WHERE cs.tenant_id = rh.tenant_id AND upper(cs.dn) = upper(rh.dn))
GROUP BY rh.tenant_id, upper(rh.dn);

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
       coalesce(p.user_principal_name, p.display_name, p.graph_id), NULL, p.cloud_object_id, 'Entra ID (Graph)',
       p.occurred, p.occurred, NULL, p.category || ' on ' || p.property || ' ' || p.value, p.file, p.line,
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
       max(object_id) AS object_id
FROM v_conflict_found
GROUP BY tenant_id, family, address;

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
       coalesce(p.user_principal_name, p.display_name, p.graph_id), p.object_type, 'Entra ID (Graph)',
       p.category, NULL, NULL, p.category, p.category || ' on ' || p.property || ' ' || p.value, NULL, NULL, NULL,
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
