-- id: constraint-violation
-- title: AD refuses a value: constraint violation
-- severity: medium
-- category: ad-data
-- summary: An export to AD fails with a constraint violation (0x202F / 8239, constraint-violation): a value is too long, out of range, malformed, or not unique where AD requires it (UPN 0x21C8, SPN 0x21C7). The data must change; no permission helps.
WITH e AS (
    SELECT * FROM v_export_error AS e
    WHERE coalesce(e.connector_kind, 'ad') = 'ad'
      AND (e.error_code IN (8239, 8311, 8321, 8647, 8648) OR e.error_type IN ('constraint-violation', 'cd-existing-attribute-or-value', 'invalid-attribute-value', 'syntax-violation', 'schema-violation'))
)
SELECT e.tenant,
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
GROUP BY e.tenant, e.connector, upper(e.dn)
ORDER BY e.tenant, e.dn;
