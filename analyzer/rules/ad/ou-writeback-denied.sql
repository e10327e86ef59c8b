-- id: ou-writeback-denied
-- title: The connector account may not write an attribute under this OU
-- severity: medium
-- category: permissions
-- verify: inheritance
-- summary: An export fails with 8344 INSUFF_ACCESS_RIGHTS on an object with no sign of AdminSDHolder protection: the connector account lacks an inheritable write grant on the object's OU, or inheritance is disabled on the object itself.
SELECT p.tenant,
       p.connector,
       p.connector_kind,
       p.dn AS object_dn,
       p.object_type,
       p.attributes,
       p.error_code,
       p.error_type,
       coalesce(p.error_literal, '') || CASE WHEN p.server_error_detail IS NOT NULL
                                             THEN ' (' || p.server_error_detail || ')' ELSE '' END AS error_text,
       p.first_occurred,
       p.last_occurred,
       p.retry_count,
       NULL AS evidence,
       CASE WHEN p.object_id IS NULL
            THEN 'only run history names this error: no csexport of the object, so no protection evidence and no attribute'
            ELSE 'no adminCount, protected-group membership or well-known account in the dump' END AS evidence_detail,
       p.parent_dn,
       p.domain_dn,
       coalesce(p.object_type, 'user') AS object_class,
       p.file AS source_file,
       p.line AS source_line,
       p.error_keys,
       a.principal,
       coalesce(a.principal_source, 'nothing: the files do not name the AD connector account') AS principal_source,
       coalesce(p.connector, '<AD connector name>') AS ad_connector
FROM v_permission_error AS p
LEFT JOIN v_connector_account AS a
  ON a.tenant_id = p.tenant_id
 AND (a.ma_id = p.connector_ma_id
      OR (p.connector_ma_id IS NULL AND a.connector = p.connector COLLATE NOCASE)
      OR (p.connector IS NULL AND (SELECT count(*) FROM v_connector_account AS a2 WHERE a2.tenant_id = p.tenant_id) = 1))
WHERE p.evidence IS NULL
ORDER BY p.tenant, p.parent_dn, p.dn;
