-- id: preflight-large-object
-- title: Predicted: the object exceeds Entra ID's size limits
-- severity: medium
-- category: preflight
-- summary: A prediction from a full dump of the AD connector space (or, for a tenant without one, an LDIF export of the directory), before any export fails: more than 15 userCertificate values, more than 15 userSMIMECertificate values, or a thumbnailPhoto over 100 KB. Entra ID will refuse the object (LargeObject / ExceededAllowedLength). Remove expired certificates or shrink the photo first. Withdrawn once the real LargeObject error exists (large-object owns it).
WITH v_screen AS MATERIALIZED (
    -- The value shapes (schema/016_preflight_screen.sql: counts as they are, the photo's size
    -- rounded up to a power of two) that could be over a limit; shape 0 always.
    SELECT s.shape_id FROM value_shape AS s
    WHERE s.screened = 0 OR s.user_certificates > 15 OR s.smime_certificates > 15
       OR s.photo_pow2 > 102400),
v_candidate AS MATERIALIZED (
    -- The tenant's in-scope objects (the dumps of v_preflight_file) with one of those shapes,
    -- by the screen index: only theirs are read below.
    SELECT k.object_id FROM v_preflight_file AS f
    JOIN cs_object_value AS k ON k.file_id = f.file_id
    WHERE k.shape_id IN (SELECT shape_id FROM v_screen)),
v_flag AS MATERIALIZED (
    SELECT o.* FROM v_candidate AS k
    CROSS JOIN v_preflight_object AS o ON o.object_id = k.object_id
    WHERE o.excluded IS NULL
      AND (o.user_certificates > 15 OR o.smime_certificates > 15 OR o.photo_bytes > 102400)
      AND NOT EXISTS (SELECT 1 FROM v_preflight_entra_error AS e
                      WHERE e.ad_object_id = o.object_id AND instr(e.errors, 'LargeObject') > 0)
      AND NOT EXISTS (SELECT 1 FROM v_preflight_entra_error AS e
                      WHERE e.ad_object_id = o.object_id AND instr(e.errors, 'ExceededAllowedLength') > 0)),
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
       'a prediction from ' || o.read_from || ' (' || o.file || '): no export has failed yet' AS evidence_detail,
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
