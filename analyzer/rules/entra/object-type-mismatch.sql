-- id: object-type-mismatch
-- title: The value belongs to an object of another type
-- severity: medium
-- category: data-conflict
-- summary: Entra ID refuses the object because an object of a different type (a user against a contact or group) already holds the value (ObjectTypeMismatch). A person must decide which object keeps the value.
WITH c AS (SELECT * FROM v_conflict WHERE family = 'ObjectTypeMismatch'),
holder AS (
    -- One line per object holding the address: its attributes that hold it, and where.
    SELECT a.tenant_id, a.address,
           a.dn || ' (' || group_concat(a.attribute || ' ' || a.value, ', ') || '; '
           || CASE a.source WHEN 'cloud' THEN 'Entra ID' ELSE coalesce(a.connector, 'connector space') END
           || '; ' || a.file || ':' || a.line || ')' AS h
    FROM v_address AS a
    WHERE a.address IN (SELECT address FROM c)
    GROUP BY a.tenant_id, a.address, a.source, coalesce(a.object_id, a.cloud_object_id)
)
SELECT c.tenant,
       'Entra ID' AS connector,
       'aad' AS connector_kind,
       json_extract(c.claimants, '$[0]') AS object_dn,
       NULL AS object_type,
       '[]' AS attributes,
       NULL AS error_code,
       c.kinds AS error_type,
       c.text AS error_text,
       c.first_occurred,
       c.last_occurred,
       c.retry_count,
       NULL AS evidence,
       (SELECT count(*) FROM holder AS x WHERE x.tenant_id = c.tenant_id AND x.address = c.address)
           || ' object(s) in the files hold ' || c.address AS evidence_detail,
       c.value AS conflict_value,
       c.address,
       c.aad_connector,
       c.address_filter,
       c.properties,
       c.claimants,
       (SELECT ad_dn FROM v_aad_link AS l WHERE l.aad_object_id = c.object_id) AS on_premises_dn,
       (SELECT json_group_array(h) FROM (SELECT DISTINCT h FROM holder AS x
                                         WHERE x.tenant_id = c.tenant_id AND x.address = c.address ORDER BY h)) AS holders,
       c.file AS source_file,
       c.line AS source_line,
       c.error_keys
FROM c
ORDER BY c.tenant, c.address;
