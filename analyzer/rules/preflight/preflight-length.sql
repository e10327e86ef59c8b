-- id: preflight-length
-- title: Predicted: a value is longer than Entra ID accepts
-- severity: medium
-- category: preflight
-- summary: A prediction from a full dump of the AD connector space (or, for a tenant without one, an LDIF export of the directory), before any export fails: userPrincipalName over 113 characters, or over 64 before the @ or 48 after it; mailNickname over 64; mail, a proxy address or displayName over 256; targetAddress over 255; givenName or sn over 64; sAMAccountName over 20 when it becomes the UPN prefix (no userPrincipalName; from an LDIF export only when the export holds userPrincipalName at all). Entra ID will refuse the object (DataValidationFailed / ExceededAllowedLength). Limits and their sources: README "Pre-flight". Withdrawn once the real error exists for the object.
WITH v_screen AS MATERIALIZED (
    -- The value shapes (schema/016_preflight_screen.sql: lengths rounded up to a multiple of 8)
    -- with a value that could be over its limit; shape 0 (objects read before shapes existed)
    -- always.
    SELECT s.shape_id FROM value_shape AS s
    WHERE s.screened = 0
       OR s.upn_len8 * 8 > 48 OR s.mail_nickname_len8 * 8 > 64 OR s.display_name_len8 * 8 > 256
       OR s.given_name_len8 * 8 > 64 OR s.sn_len8 * 8 > 64 OR s.mail_len8 * 8 > 256
       OR s.target_address_len8 * 8 > 255 OR s.proxy_len8 * 8 > 256
       OR (s.upn IS NULL AND s.object_type IN ('user', 'inetOrgPerson') AND s.sam_len8 * 8 > 20)),
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
      AND NOT EXISTS (SELECT 1 FROM v_preflight_entra_error AS e
                      WHERE e.ad_object_id = o.object_id AND instr(e.errors, 'DataValidationFailed') > 0)
      AND NOT EXISTS (SELECT 1 FROM v_preflight_entra_error AS e
                      WHERE e.ad_object_id = o.object_id AND instr(e.errors, 'ExceededAllowedLength') > 0)),
v_value AS (
    SELECT o.object_id, 'userPrincipalName' AS attribute, o.upn AS value, length(o.upn) AS n,
           113 AS lim, 'characters in all' AS part
    FROM v_flag AS o WHERE o.upn IS NOT NULL
    UNION ALL
    SELECT o.object_id, 'userPrincipalName', o.upn,
           CASE WHEN instr(o.upn, '@') > 0 THEN instr(o.upn, '@') - 1 ELSE length(o.upn) END, 64,
           'characters before the @'
    FROM v_flag AS o WHERE o.upn IS NOT NULL
    UNION ALL
    SELECT o.object_id, 'userPrincipalName', o.upn, length(o.upn) - instr(o.upn, '@'), 48,
           'characters after the @'
    FROM v_flag AS o WHERE instr(o.upn, '@') > 0
    UNION ALL
    SELECT o.object_id, 'mailNickname', o.mail_nickname, length(o.mail_nickname), 64, 'characters'
    FROM v_flag AS o WHERE o.mail_nickname IS NOT NULL
    UNION ALL
    SELECT o.object_id, 'displayName', o.display_name, length(o.display_name), 256, 'characters'
    FROM v_flag AS o WHERE o.display_name IS NOT NULL
    UNION ALL
    SELECT o.object_id, 'givenName', o.given_name, length(o.given_name), 64, 'characters'
    FROM v_flag AS o WHERE o.given_name IS NOT NULL
    UNION ALL
    SELECT o.object_id, 'sn', o.sn, length(o.sn), 64, 'characters'
    FROM v_flag AS o WHERE o.sn IS NOT NULL
    UNION ALL
    SELECT o.object_id, 'sAMAccountName', o.sam, length(o.sam), 20, 'characters'
    FROM v_flag AS o WHERE o.upn IS NULL AND o.upn_read = 1 AND o.sam IS NOT NULL AND o.object_type IN ('user', 'inetOrgPerson')
    UNION ALL
    SELECT o.object_id, 'mail', o.mail, length(o.mail), 256, 'characters'
    FROM v_flag AS o WHERE o.mail IS NOT NULL
    UNION ALL
    SELECT o.object_id, 'targetAddress', o.target_address, length(o.target_address), 255, 'characters'
    FROM v_flag AS o WHERE o.target_address IS NOT NULL
    UNION ALL
    -- proxyAddresses: read only for the objects whose longest address value is over the limit.
    SELECT a.object_id, a.attribute, a.value, length(a.value), 256, 'characters'
    FROM v_flag AS o
    CROSS JOIN v_hologram_address AS a ON a.object_id = o.object_id AND a.attribute = 'proxyAddresses'
    WHERE o.address_max > 256)
SELECT o.tenant,
       o.connector,
       'ad' AS connector_kind,
       o.dn AS object_dn,
       o.object_type,
       json_array(x.attribute) AS attributes,
       'predicted: ExceededAllowedLength' AS error_type,
       'Predicted (no export has failed yet): ' || x.attribute || ' has ' || x.n || ' ' || x.part
           || ', more than the ' || x.lim || ' Entra ID accepts' AS error_text,
       'none' AS evidence,
       'a prediction from ' || o.read_from || ' (' || o.file || '): no export has failed yet' AS evidence_detail,
       x.attribute AS attribute,
       x.value AS value,
       x.n AS length,
       x.lim AS "limit",
       x.part AS counted,
       o.file AS source_file,
       o.line AS source_line,
       json_array() AS error_keys
FROM v_value AS x
JOIN v_flag AS o ON o.object_id = x.object_id
WHERE x.n > x.lim
ORDER BY o.tenant, o.dn, x.attribute, x.lim;
