-- id: large-object
-- title: The object exceeds Entra ID's size limits
-- severity: medium
-- category: data-quality
-- summary: Entra ID refuses an object that is too large (LargeObject, ExceededAllowedLength): more than 15 userCertificate or userSMIMECertificate values, a huge thumbnailPhoto, or too many proxyAddresses. Remove the excess values on-premises.
WITH e AS (
    SELECT * FROM v_export_error_cs AS e
    WHERE e.connector_kind = 'aad' AND coalesce(e.error_name, e.error_type) IN ('LargeObject', 'ExceededAllowedLength')
)
SELECT e.tenant,
       coalesce(e.connector, 'Entra ID connector') AS connector,
       e.connector_kind,
       e.dn AS object_dn,
       e.object_type,
       e.attributes,
       e.error_code,
       coalesce(e.error_name, e.error_type) AS error_type,
       coalesce(e.error_literal, '') || CASE WHEN e.extra_error_details IS NOT NULL
                                             THEN ' (' || e.extra_error_details || ')' ELSE '' END AS error_text,
       e.first_occurred,
       e.last_occurred,
       e.retry_count,
       l.ad_dn AS on_premises_dn,
       (SELECT a.value FROM v_object_attr AS a WHERE a.object_id = e.object_id AND a.attribute = 'userPrincipalName'
        ORDER BY a.section = 'synchronized-hologram', a.value_ord LIMIT 1) AS upn,
       (SELECT group_concat(n.attribute || ': ' || n.values_held, '; ') FROM (
            SELECT x.key AS attribute, json_array_length(x.value) AS values_held
            FROM v_hologram AS h, json_each(h.attrs) AS x
            WHERE h.object_id IN (e.object_id, l.ad_object_id) AND h.section = 'synchronized-hologram'
              AND x.type = 'array' AND x.key IN ('userCertificate', 'userSMIMECertificate', 'thumbnailPhoto')
            UNION ALL
            SELECT a.attribute, count(*) FROM v_object_attr AS a
            WHERE a.object_id IN (e.object_id, l.ad_object_id) AND a.section = 'synchronized-hologram'
              AND a.attribute = 'proxyAddresses'
            GROUP BY a.object_id
            ORDER BY 1) AS n) AS value_counts,
       e.file AS source_file,
       e.line AS source_line,
       json_array('sync_error:' || e.error_id) AS error_keys
FROM e LEFT JOIN v_aad_link AS l ON l.aad_object_id = e.object_id
ORDER BY e.tenant, e.dn;
