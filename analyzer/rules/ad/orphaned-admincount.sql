-- id: orphaned-admincount
-- title: A stale adminCount=1 keeps inheritance off on an account that is no longer protected
-- severity: medium
-- category: permissions
-- verify: inheritance
-- summary: adminCount=1 is set, but complete membership evidence (tokenGroups, or memberOf with primaryGroupID) shows no protected group: the account was protected once, SDProp turned inheritance off, and nothing turned it back on when the membership ended. Clear adminCount and re-enable inheritance on this object; a grant on AdminSDHolder would be wrong.
SELECT tenant, connector, connector_kind, dn AS object_dn, object_type, attributes, error_code, error_type,
       error_text, first_occurred, last_occurred, retry_count, evidence, evidence_detail, domain_dn, parent_dn,
       file AS source_file, line AS source_line, error_keys, principal, principal_source, ad_connector, object_tag
FROM v_permission_error
WHERE verdict = 'orphaned-admincount'
ORDER BY tenant, domain_dn, dn;
