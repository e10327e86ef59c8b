-- id: constraint-violation
-- title: AD refuses a value: constraint violation
-- severity: medium
-- category: ad-data
-- summary: An export to AD fails with a constraint violation (0x202F / 8239, constraint-violation): a value is too long, out of range, malformed, or not unique where AD requires it (UPN 0x21C8, SPN 0x21C7). The data must change; no permission helps.
SELECT tenant, connector, connector_kind, object_dn, object_type, attributes, error_code,
       error_type, error_text, first_occurred, last_occurred, retry_count, parent_dn, domain_dn,
       ad_connector, source_file, source_line, error_keys
FROM v_ad_export_failure
WHERE family = 'constraint-violation'
ORDER BY tenant, object_dn;
