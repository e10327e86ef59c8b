-- id: dn-attributes-failure
-- title: An exported reference points at an object that failed itself
-- severity: low
-- category: ad-objects
-- summary: The export of a DN-valued attribute (member, manager ...) fails because the object it references has its own export error (dn-attributes-failure). Fix the referenced object's error; this one clears with it.
WITH e AS (
    SELECT * FROM v_export_error AS e
    WHERE coalesce(e.connector_kind, 'ad') = 'ad'
      AND (e.error_type = 'dn-attributes-failure')
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
