-- 950_views: the stable surface for rules and for users' own SQL. Rules read only v_* views.
-- Idempotent: dropped and re-created whenever this file changes.
DROP VIEW IF EXISTS v_file;
DROP VIEW IF EXISTS v_connector;
DROP VIEW IF EXISTS v_file_connector;
DROP VIEW IF EXISTS v_cs_object;
DROP VIEW IF EXISTS v_object_attr;
DROP VIEW IF EXISTS v_export_error;
DROP VIEW IF EXISTS v_import_error;
DROP VIEW IF EXISTS v_protection;
DROP VIEW IF EXISTS v_run_step;
DROP VIEW IF EXISTS v_provisioning_error;
DROP VIEW IF EXISTS v_address;

-- One row per ingested file, with its tenant.
CREATE VIEW v_file AS
SELECT f.file_id, f.tenant_id, t.name AS tenant, f.batch_id, f.path, f.size, f.sha256, f.kind,
       f.encoding, f.status, f.error, f.error_line, f.error_column, f.record_count,
       f.tenant_source, f.connector_kind, f.connector_hint, f.ingested_at
FROM source_file AS f JOIN tenant AS t USING (tenant_id);

-- One row per connector of a tenant: from the newest connector configuration, else as named
-- by run history (kind inferred: the fixed Entra connector GUID or an " - AAD" name is aad,
-- a step on a DC= partition is ad).
CREATE VIEW v_connector AS
WITH cfg AS (
    SELECT c.*, f.tenant_id,
           row_number() OVER (PARTITION BY f.tenant_id, upper(coalesce(c.ma_id, c.name))
                              ORDER BY f.ingested_at DESC, f.file_id DESC) AS rn
    FROM connector AS c JOIN source_file AS f USING (file_id)
),
hist AS (
    SELECT f.tenant_id, upper(r.ma_id) AS ma_id, r.ma_name,
           max(CASE WHEN upper(r.ma_id) = '{B891884F-051E-4A83-95AF-2544101C9083}'
                         OR r.ma_name LIKE '% - AAD' OR r.ma_name LIKE '%.onmicrosoft.com%' THEN 2
                    WHEN EXISTS (SELECT 1 FROM run_step AS s WHERE s.run_id = r.run_id
                                 AND upper(s.partition) LIKE 'DC=%') THEN 1
                    ELSE 0 END) AS k,
           max(r.file_id) AS file_id
    FROM run AS r JOIN source_file AS f USING (file_id)
    WHERE r.ma_id IS NOT NULL OR r.ma_name IS NOT NULL
    GROUP BY f.tenant_id, upper(coalesce(r.ma_id, r.ma_name))
)
SELECT tenant_id, upper(ma_id) AS ma_id, name, kind, category, forest_name, login_user,
       login_domain, aad_user_name, 'config' AS known_from, file_id
FROM cfg WHERE rn = 1
UNION ALL
SELECT h.tenant_id, h.ma_id, h.ma_name,
       CASE h.k WHEN 2 THEN 'aad' WHEN 1 THEN 'ad' ELSE 'other' END, NULL, NULL, NULL, NULL, NULL,
       'run-history', h.file_id
FROM hist AS h
WHERE NOT EXISTS (SELECT 1 FROM cfg WHERE cfg.rn = 1 AND cfg.tenant_id = h.tenant_id
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

-- One row per export error, from csexport (with the object's pending export delta) and from
-- run history. `attributes` is a JSON array of the attribute names in the object's pending
-- export deltas (unapplied, escrowed, unconfirmed); [] when the file holds no delta.
CREATE VIEW v_export_error AS
SELECT e.error_id, 'csexport' AS origin, o.tenant_id, o.tenant, o.connector_name AS connector,
       o.connector_kind, o.connector_ma_id, o.object_id, o.dn, o.object_type, o.parent_dn, o.domain_dn,
       (SELECT json_group_array(name) FROM (
            SELECT DISTINCT n.name FROM delta_value AS d JOIN attr_name AS n USING (name_id)
            WHERE d.object_id = e.object_id AND d.section_id IN (1, 2, 3) ORDER BY n.name)) AS attributes,
       e.error_type, e.error_code, e.error_code_raw, e.error_name, e.error_literal,
       e.server_error_detail, e.extra_error_details, e.first_occurred,
       e.date_occurred AS last_occurred, e.retry_count, e.file_id, o.file, e.line,
       NULL AS step_id, NULL AS run_number
FROM sync_error AS e JOIN v_cs_object AS o USING (object_id)
WHERE e.direction = 'export' AND e.origin = 'csexport'
UNION ALL
SELECT e.error_id, 'run-history', f.tenant_id, f.tenant, r.ma_name, c.kind, upper(r.ma_id), NULL,
       e.dn, NULL, e.parent_dn,
       CASE WHEN upper(e.dn) LIKE 'DC=%' THEN e.dn
            WHEN instr(upper(e.dn), ',DC=') > 0 THEN substr(e.dn, instr(upper(e.dn), ',DC=') + 1) END,
       '[]', e.error_type, e.error_code, e.error_code_raw, e.error_name, e.error_literal,
       e.server_error_detail, e.extra_error_details, e.first_occurred, e.date_occurred,
       e.retry_count, e.file_id, f.path, e.line, e.step_id, r.run_number
FROM sync_error AS e
JOIN run_step AS s USING (step_id)
JOIN run AS r ON r.run_id = s.run_id
JOIN v_file AS f ON f.file_id = e.file_id
LEFT JOIN v_connector AS c
  ON c.tenant_id = f.tenant_id
 AND (c.ma_id = upper(r.ma_id) OR (r.ma_id IS NULL AND c.name = r.ma_name COLLATE NOCASE))
WHERE e.direction = 'export' AND e.origin = 'run-history';

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
WHERE e.direction <> 'export';

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
JOIN v_file AS f ON f.file_id = o.file_id;

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
