-- id: existing-object
-- title: An object with that name already exists in AD
-- severity: medium
-- category: ad-objects
-- summary: An export that adds an object fails because the name is taken (0x2071 / 8305, 5010, cd-existing-object): a writeback (group, device) collides with an existing object, or a rename targets an existing DN.
SELECT tenant, connector, connector_kind, object_dn, object_type, attributes, error_code,
       error_type, error_text, first_occurred, last_occurred, retry_count, parent_dn, domain_dn,
       ad_connector, source_file, source_line, error_keys
FROM v_ad_export_failure
WHERE family = 'existing-object'
ORDER BY tenant, object_dn;
