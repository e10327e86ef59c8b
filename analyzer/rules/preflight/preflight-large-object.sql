-- id: preflight-large-object
-- title: Predicted: the object exceeds Entra ID's size limits
-- severity: medium
-- category: preflight
-- summary: A prediction from a full dump of the AD connector space, before any export fails: more than 15 userCertificate values, more than 15 userSMIMECertificate values, or a thumbnailPhoto over 100 KB. Entra ID will refuse the object (LargeObject / ExceededAllowedLength). Remove expired certificates or shrink the photo first. Withdrawn once the real LargeObject error exists (large-object owns it).
WITH v_flag AS MATERIALIZED (
    SELECT o.* FROM v_preflight_object AS o
    WHERE o.excluded IS NULL
      AND (o.user_certificates > 15 OR o.smime_certificates > 15 OR o.photo_bytes > 102400)
      AND coalesce(instr(o.entra_errors, 'LargeObject'), 0) = 0
      AND coalesce(instr(o.entra_errors, 'ExceededAllowedLength'), 0) = 0),
v_value AS (
    SELECT o.object_id, 'userCertificate' AS attribute, o.user_certificates AS n, 15 AS lim,
           'values' AS unit
    FROM v_flag AS o WHERE o.user_certificates > 15
    UNION ALL
    SELECT o.object_id, 'userSMIMECertificate', o.smime_certificates, 15, 'values'
    FROM v_flag AS o WHERE o.smime_certificates > 15
    UNION ALL
    SELECT o.object_id, 'thumbnailPhoto', o.photo_bytes, 102400, 'bytes'
    FROM v_flag AS o WHERE o.photo_bytes > 102400)
SELECT o.tenant,
       o.connector,
       'ad' AS connector_kind,
       o.dn AS object_dn,
       o.object_type,
       json_array(x.attribute) AS attributes,
       'predicted: LargeObject' AS error_type,
       'Predicted (no export has failed yet): ' || x.attribute || ' has ' || x.n || ' ' || x.unit
           || ', more than the ' || x.lim || ' Entra ID accepts' AS error_text,
       'none' AS evidence,
       'a prediction from the AD connector space (' || o.file || '): no export has failed yet' AS evidence_detail,
       x.attribute AS attribute,
       x.n AS held,
       x.lim AS "limit",
       x.unit AS unit,
       CASE WHEN x.attribute <> 'thumbnailPhoto' THEN 'yes' ELSE '' END AS certificates,
       CASE WHEN x.attribute = 'thumbnailPhoto' THEN 'yes' ELSE '' END AS photo,
       o.file AS source_file,
       o.line AS source_line,
       json_array() AS error_keys
FROM v_value AS x
JOIN v_flag AS o ON o.object_id = x.object_id
ORDER BY o.tenant, o.dn, x.attribute;
