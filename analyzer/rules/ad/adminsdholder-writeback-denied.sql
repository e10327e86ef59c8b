-- id: adminsdholder-writeback-denied
-- title: AdminSDHolder blocks a writeback attribute on a protected account
-- severity: high
-- category: permissions
-- verify: adminsdholder
-- summary: The object is protected now (a member of a protected group identified by SID, directly, nested or as its primary group, or the RID 500/502 account): SDProp stamps AdminSDHolder's ACL on it and turns inheritance off, so the AD connector account's inherited write right does not reach it and the export of a writeback attribute fails with 8344 INSUFF_ACCESS_RIGHTS on every cycle. Grant the attribute on AdminSDHolder itself, this object only. With adminCount=1 alone (no membership data) the evidence is circumstantial and the first step is the read-only check.
SELECT tenant, connector, connector_kind, dn AS object_dn, object_type, attributes, error_code, error_type,
       error_text, first_occurred, last_occurred, retry_count, evidence, evidence_detail, domain_dn, parent_dn,
       file AS source_file, line AS source_line, error_keys, principal, principal_source, ad_connector,
       protected_by, check_first, object_tag,
       instr(lower(attributes), '"msds-keycredentiallink"') > 0 AS key_credential_link,
       -- DC=contoso,DC=com -> contoso.com: the domain's DNS name, to find its PDC emulator
       replace(replace(lower(replace(domain_dn, ', ', ',')), 'dc=', ''), ',', '.') AS domain_dns
FROM v_permission_error
WHERE verdict = 'adminsdholder'
ORDER BY tenant, domain_dn, dn;
