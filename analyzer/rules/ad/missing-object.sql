-- id: missing-object
-- title: The exported object or its container no longer exists in AD
-- severity: medium
-- category: ad-objects
-- summary: An export to AD fails with no-such-object (0x2030 / 8240, 0x208D / 8333, cd-missing-object): the object, or the container it is exported into, was deleted or moved outside what the connector sees.
SELECT tenant, connector, connector_kind, object_dn, object_type, attributes, error_code,
       error_type, error_text, first_occurred, last_occurred, retry_count, parent_dn, domain_dn,
       ad_connector, source_file, source_line, error_keys
FROM v_ad_export_failure
WHERE family = 'missing-object'
ORDER BY tenant, object_dn;
