-- id: inheritance-blocked-writeback-denied
-- title: Inheritance is switched off on an object that is not protected
-- severity: medium
-- category: permissions
-- verify: inheritance
-- summary: The object's ACL does not inherit (dsacls "protected from inheriting", or AreAccessRulesProtected), and no input shows AdminSDHolder protection (no protected membership by SID, no adminCount=1): someone turned inheritance off by hand, so the connector account's inherited right does not reach it. Re-enable inheritance, or grant on the object itself if blocking was deliberate; without complete membership evidence the read-only check comes first.
SELECT tenant, connector, connector_kind, dn AS object_dn, object_type, attributes, error_code, error_type,
       error_text, first_occurred, last_occurred, retry_count, evidence, evidence_detail, domain_dn, parent_dn,
       file AS source_file, line AS source_line, error_keys, principal, principal_source, ad_connector, object_tag,
       check_first
FROM v_permission_error
WHERE verdict = 'inheritance-blocked'
ORDER BY tenant, parent_dn, dn;
