-- id: preflight-duplicate-address
-- title: Predicted: two objects in scope hold the same address
-- severity: medium
-- category: preflight
-- summary: A prediction from a full dump of the AD connector space, before any export fails: the same address (userPrincipalName, mail, smtp proxyAddresses, an SMTP targetAddress; or the same mailNickname) is held by two objects the sync exports, across objects, domains, forests and connectors of the tenant, compared case-insensitively (a UPN equal to another object's proxy address counts). Entra ID will refuse the second one (AttributeValueMustBeUnique). A person decides who keeps it; the other holder's attribute changes. Withdrawn once the real conflict error exists for the object (duplicate-attribute owns it).
WITH v_target_key AS MATERIALIZED (
    -- SMTP targetAddress values as address keys: one address namespace with UPN, mail and
    -- proxyAddresses.
    SELECT v.object_id, v.target_address AS value, lower(substr(v.target_address, 6)) AS key
    FROM cs_object_value AS v WHERE v.target_address LIKE 'smtp:%'),
v_candidate AS MATERIALIZED (
    -- Values whose key more than one object holds, from the address and nickname indexes (no
    -- pairwise comparison). space 'address': userPrincipalName, mail, smtp proxyAddresses, an
    -- SMTP targetAddress (a UPN equal to another object's proxy address collides); 'nickname':
    -- mailNickname (unique among mailNicknames).
    SELECT a.object_id, 'address' AS space, a.attribute, a.value, a.address AS key
    FROM (SELECT key FROM v_duplicate_address_key UNION SELECT key FROM v_target_key) AS k
    CROSS JOIN v_hologram_address AS a ON a.address = k.key
    WHERE a.attribute <> 'proxyAddresses' OR a.value LIKE 'smtp:%'
    UNION ALL
    SELECT t.object_id, 'address', 'targetAddress', t.value, t.key FROM v_target_key AS t
    UNION ALL
    SELECT v.object_id, 'nickname', 'mailNickname', v.mail_nickname, k.key
    FROM v_duplicate_nickname_key AS k
    CROSS JOIN cs_object_value AS v ON lower(v.mail_nickname) = k.key),
v_scope AS MATERIALIZED (
    -- The candidates' objects in scope and not excluded, read once (CROSS JOIN keeps this
    -- order: from the few candidates to their scope).
    SELECT o.* FROM (SELECT DISTINCT object_id FROM v_candidate) AS c
    CROSS JOIN v_preflight_object AS o ON o.object_id = c.object_id
    WHERE o.excluded IS NULL),
v_all AS MATERIALIZED (
    SELECT DISTINCT o.tenant_id, c.object_id, c.space, c.attribute, c.value, c.key
    FROM v_candidate AS c JOIN v_scope AS o ON o.object_id = c.object_id),
v_dup AS MATERIALIZED (
    -- Two objects: two DNs (the same object in two full dumps of one connector is one holder).
    SELECT v.tenant_id, v.space, v.key FROM v_all AS v JOIN v_scope AS o USING (object_id)
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
       'a prediction from the AD connector space (' || o.file || '): no export has failed yet' AS evidence_detail,
       h.key AS address,
       substr(h.pick, instr(h.pick, char(9)) + 1) AS value,
       substr(h.pick, 2, instr(h.pick, char(9)) - 2) AS attribute,
       (SELECT json_group_array(y.dn || ' (' || coalesce(y.object_type, '?') || ', ' || coalesce(y.connector, '?')
                                || ': ' || x.attrs_text || ')')
        FROM (SELECT x.object_id, (SELECT group_concat(value, ', ') FROM json_each(x.attrs)) AS attrs_text
              FROM v_holder AS x
              WHERE x.tenant_id = h.tenant_id AND x.space = h.space AND x.key = h.key
                AND x.object_id <> h.object_id) AS x
        JOIN v_scope AS y ON y.object_id = x.object_id) AS holders,
       o.file AS source_file,
       o.line AS source_line,
       json_array() AS error_keys
FROM v_holder AS h
JOIN v_scope AS o ON o.object_id = h.object_id
WHERE NOT (h.space = 'address'
           AND (h.key IN (SELECT c.key FROM v_conflicted AS c WHERE c.tenant_id = h.tenant_id)
                OR EXISTS (SELECT 1 FROM v_holder AS x JOIN v_scope AS y ON y.object_id = x.object_id
                           WHERE x.tenant_id = h.tenant_id AND x.space = h.space AND x.key = h.key
                             AND instr(coalesce(y.entra_errors, ''), 'AttributeValueMustBeUnique') > 0)))
ORDER BY o.tenant, h.key, o.dn;
