-- id: adminsdholder-writeback-denied
-- title: AdminSDHolder blocks a writeback attribute on a protected account
-- severity: high
-- category: permissions
-- verify: adminsdholder
-- summary: The AD connector account's inherited write right does not reach an object that SDProp protects (adminCount=1, protected group): the export of a writeback attribute fails with 8344 INSUFF_ACCESS_RIGHTS on every cycle. Grant the attribute on AdminSDHolder itself, this object only.
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
       p.evidence,
       p.evidence_detail,
       p.domain_dn,
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
WHERE p.evidence IS NOT NULL
ORDER BY p.tenant, p.domain_dn, p.dn;
