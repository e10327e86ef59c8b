-- id: ou-writeback-denied
-- title: The connector account may not write an attribute under this OU
-- severity: medium
-- category: permissions
-- verify: inheritance
-- summary: An export fails with 8344 INSUFF_ACCESS_RIGHTS on an object that inherits its permissions (a complete dsacls output of it shows inheritance on), or several objects under the same OU fail on the same attribute: the OU, or one above it, lacks the connector account's inheritable grant. Grant read and write of the attribute for the object's class on the OU.
SELECT tenant, connector, connector_kind, dn AS object_dn, object_type, attributes, error_code, error_type,
       error_text, first_occurred, last_occurred, retry_count, evidence, evidence_detail, domain_dn, parent_dn,
       file AS source_file, line AS source_line, error_keys, principal, principal_source, ad_connector,
       object_type AS object_class, object_tag
FROM v_permission_error
WHERE verdict = 'ou'
ORDER BY tenant, parent_dn, dn;
