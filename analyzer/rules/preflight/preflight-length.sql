-- id: preflight-length
-- title: Predicted: a value is longer than Entra ID accepts
-- severity: medium
-- category: preflight
-- summary: A prediction from a full dump of the AD connector space, before any export fails: userPrincipalName over 113 characters, or over 64 before the @ or 48 after it; mailNickname over 64; mail, a proxy address or displayName over 256; targetAddress over 255; givenName or sn over 64; sAMAccountName over 20 when it becomes the UPN prefix (no userPrincipalName). Entra ID will refuse the object (DataValidationFailed / ExceededAllowedLength). Limits and their sources: README "Pre-flight". Withdrawn once the real error exists for the object.
WITH v_flag AS MATERIALIZED (
    -- One pass over the objects; only those with a value near a limit are looked at below.
    SELECT o.* FROM v_preflight_object AS o
    WHERE o.excluded IS NULL
      AND (length(o.upn) > 48 OR length(o.mail_nickname) > 64 OR length(o.display_name) > 256
           OR length(o.given_name) > 64 OR length(o.sn) > 64 OR length(o.mail) > 256
           OR length(o.target_address) > 255 OR o.address_max > 256
           OR (o.upn IS NULL AND length(o.sam) > 20))
      AND coalesce(instr(o.entra_errors, 'DataValidationFailed'), 0) = 0
      AND coalesce(instr(o.entra_errors, 'ExceededAllowedLength'), 0) = 0),
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
    FROM v_flag AS o WHERE o.upn IS NULL AND o.sam IS NOT NULL AND o.object_type IN ('user', 'inetOrgPerson')
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
       'a prediction from the AD connector space (' || o.file || '): no export has failed yet' AS evidence_detail,
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
