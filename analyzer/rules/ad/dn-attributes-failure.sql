-- id: dn-attributes-failure
-- title: An exported reference points at an object that failed itself
-- severity: low
-- category: ad-objects
-- summary: The export of a DN-valued attribute (member, manager ...) fails because the object it references has its own export error (dn-attributes-failure). Fix the referenced object's error; this one clears with it.
SELECT tenant, connector, connector_kind, object_dn, object_type, attributes, error_code,
       error_type, error_text, first_occurred, last_occurred, retry_count, parent_dn, domain_dn,
       ad_connector, source_file, source_line, error_keys
FROM v_ad_export_failure
WHERE family = 'dn-attributes-failure'
ORDER BY tenant, object_dn;
