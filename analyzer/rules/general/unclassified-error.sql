-- id: unclassified-error
-- title: An error no other rule explains
-- severity: low
-- category: unclassified
-- summary: Every error in the ingested files that no other rule explains, with its raw code and text, so that nothing an engineer would see in the dump goes unreported.
-- fallback: true
SELECT p.tenant,
       p.connector,
       NULL AS connector_kind,
       p.dn AS object_dn,
       p.object_type,
       '[]' AS attributes,
       p.error_code,
       coalesce(p.error_type, p.error_name) AS error_type,
       -- The error name only when it is not already the error_type (never "X: X ...").
       trim(coalesce(p.error_code_raw || ' ', '')
            || coalesce(nullif(p.error_name, coalesce(p.error_type, p.error_name)) || ': ', '')
            || coalesce(p.error_literal, '') || coalesce(' (' || p.server_error_detail || ')', '')
            || coalesce(' [' || p.extra_error_details || ']', '')) AS error_text,
       p.first_occurred,
       p.last_occurred,
       p.retry_count,
       p.origin || ' ' || p.direction AS error_origin,
       p.file AS source_file,
       p.line AS source_line,
       json_array(p.error_key) AS error_keys
FROM v_problem AS p
ORDER BY p.tenant, p.file, p.line, p.error_key;
