-- id: preflight-duplicate-address
-- title: Predicted: two objects in scope hold the same address
-- severity: medium
-- category: preflight
-- summary: A prediction from a full dump of the AD connector space (or, for a tenant without one, an LDIF export of the directory), before any export fails: the same address (userPrincipalName, mail, smtp proxyAddresses, an SMTP targetAddress; or the same mailNickname) is held by two objects the sync exports, across objects, domains, forests and connectors of the tenant, compared case-insensitively (a UPN equal to another object's proxy address counts). Entra ID will refuse the second one (AttributeValueMustBeUnique). A person decides who keeps it; the other holder's attribute changes. Withdrawn once the real conflict error exists for the object (duplicate-attribute owns it).
WITH v_key AS MATERIALIZED (
    -- The keys another object holds too (schema/016: duplicate_key, derived at ingest) in the
    -- tenant's in-scope dumps: a few rows, whatever the number of objects. space 'address':
    -- userPrincipalName, mail, smtp proxyAddresses, an SMTP targetAddress (one namespace: a UPN
    -- equal to another object's proxy address collides); 'nickname': mailNickname (unique among
    -- mailNicknames).
    SELECT DISTINCT d.space, d.key
    FROM v_preflight_file AS f JOIN duplicate_key AS d ON d.file_id = f.file_id),
v_hold AS MATERIALIZED (
    -- The holders of those keys in the tenant's in-scope dumps, by the address, SMTP
    -- targetAddress and mailNickname indexes (CROSS JOIN: from the few keys outwards; the
    -- unary + on file_id keeps the planner from reading a whole dump by it instead; on k.key it
    -- drops the TEXT affinity that would keep the expression indexes from being used).
    SELECT 'address' AS space, a.object_id, a.attribute, a.value, a.address AS key
    FROM v_key AS k
    CROSS JOIN v_hologram_address AS a ON a.address = k.key
    CROSS JOIN cs_object_value AS w ON w.object_id = a.object_id
    WHERE k.space = 'address' AND (a.attribute <> 'proxyAddresses' OR a.value LIKE 'smtp:%')
      AND +w.file_id IN (SELECT file_id FROM v_preflight_file)
    UNION ALL
    SELECT 'address', t.object_id, 'targetAddress', t.target_address, k.key
    FROM v_key AS k
    CROSS JOIN cs_object_value AS t
      ON lower(substr(t.target_address, 6)) = +k.key AND t.target_address LIKE 'smtp:%'
    WHERE k.space = 'address' AND +t.file_id IN (SELECT file_id FROM v_preflight_file)
    UNION ALL
    SELECT 'nickname', n.object_id, 'mailNickname', n.mail_nickname, k.key
    FROM v_key AS k
    CROSS JOIN cs_object_value AS n ON lower(n.mail_nickname) = +k.key AND n.mail_nickname IS NOT NULL
    WHERE k.space = 'nickname' AND +n.file_id IN (SELECT file_id FROM v_preflight_file)),
v_all AS MATERIALIZED (
    -- Those holders that are in scope (not excluded), with their tenant.
    SELECT DISTINCT o.tenant_id, h.object_id, h.space, h.attribute, h.value, h.key
    FROM v_hold AS h
    CROSS JOIN v_preflight_object AS o ON o.object_id = h.object_id
    WHERE o.excluded IS NULL),
v_dup AS MATERIALIZED (
    -- Two objects: two DNs (the same object in two full dumps of one connector is one holder).
    SELECT v.tenant_id, v.space, v.key FROM v_all AS v JOIN v_preflight_object AS o USING (object_id)
    GROUP BY v.tenant_id, v.space, v.key
    HAVING count(DISTINCT upper(o.dn)) > 1),
v_conflicted AS MATERIALIZED (
    -- Values Entra ID already refused (Graph PropertyConflict): duplicate-attribute owns them.
    SELECT DISTINCT p.tenant_id,
           lower(CASE WHEN p.value LIKE 'smtp:%' THEN substr(p.value, 6) ELSE p.value END) AS key
    FROM v_provisioning_error AS p WHERE p.value IS NOT NULL),
v_holder AS MATERIALIZED (
    SELECT v.tenant_id, v.space, v.key, v.object_id,
           json_group_array(DISTINCT v.attribute) AS attrs,
           -- The attribute to name (any but proxyAddresses first) with its value as held.
           min(CASE WHEN v.attribute = 'proxyAddresses' THEN '1' ELSE '0' END || v.attribute
               || char(9) || v.value) AS pick
    FROM v_dup AS d JOIN v_all AS v USING (tenant_id, space, key)
    GROUP BY v.tenant_id, v.space, v.key, v.object_id)
SELECT o.tenant,
       o.connector,
       'ad' AS connector_kind,
       o.dn AS object_dn,
       o.object_type,
       h.attrs AS attributes,
       'predicted: ' || CASE h.space WHEN 'nickname' THEN 'duplicate mailNickname'
                                     ELSE 'AttributeValueMustBeUnique' END AS error_type,
       'Predicted (no export has failed yet): ' || substr(h.pick, instr(h.pick, char(9)) + 1)
           || ' (' || (SELECT group_concat(value, ', ') FROM json_each(h.attrs)) || ') is also held by '
           || (SELECT count(*) FROM v_holder AS x WHERE x.tenant_id = h.tenant_id AND x.space = h.space
                 AND x.key = h.key AND x.object_id <> h.object_id)
           || ' other object(s) in scope; Entra ID accepts each '
           || CASE h.space WHEN 'nickname' THEN 'mailNickname' ELSE 'address' END
           || ' on one object only' AS error_text,
       'none' AS evidence,
       'a prediction from ' || o.read_from || ' (' || o.file || '): no export has failed yet' AS evidence_detail,
       h.key AS address,
       substr(h.pick, instr(h.pick, char(9)) + 1) AS value,
       substr(h.pick, 2, instr(h.pick, char(9)) - 2) AS attribute,
       (SELECT json_group_array(y.dn || ' (' || coalesce(y.object_type, '?') || ', ' || coalesce(y.connector, '?')
                                || ': ' || x.attrs_text || ')')
        FROM (SELECT x.object_id, (SELECT group_concat(value, ', ') FROM json_each(x.attrs)) AS attrs_text
              FROM v_holder AS x
              WHERE x.tenant_id = h.tenant_id AND x.space = h.space AND x.key = h.key
                AND x.object_id <> h.object_id) AS x
        JOIN v_preflight_object AS y ON y.object_id = x.object_id) AS holders,
       o.file AS source_file,
       o.line AS source_line,
       json_array() AS error_keys
FROM v_holder AS h
JOIN v_preflight_object AS o ON o.object_id = h.object_id
WHERE NOT (h.space = 'address'
           AND (h.key IN (SELECT c.key FROM v_conflicted AS c WHERE c.tenant_id = h.tenant_id)
                OR EXISTS (SELECT 1 FROM v_holder AS x JOIN v_preflight_entra_error AS e ON e.ad_object_id = x.object_id
                           WHERE x.tenant_id = h.tenant_id AND x.space = h.space AND x.key = h.key
                             AND instr(e.errors, 'AttributeValueMustBeUnique') > 0)))
ORDER BY o.tenant, h.key, o.dn;
