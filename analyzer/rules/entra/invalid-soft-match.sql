-- id: invalid-soft-match
-- title: An object's soft match hits an object that is already linked
-- severity: medium
-- category: data-conflict
-- summary: Entra ID refuses to soft-match the on-premises object to an existing cloud object that already has a different on-premises anchor (InvalidSoftMatch), usually because the cloud object was synchronized from another on-premises object before, or the value is duplicated. A person must decide which object is the right one.
SELECT tenant, connector, connector_kind, object_dn, object_type, attributes, error_code,
       error_type, error_text, first_occurred, last_occurred, retry_count, evidence,
       evidence_detail, conflict_value, address, aad_connector, address_filter, properties,
       claimants, on_premises_dn, holders, source_file, source_line, error_keys
FROM v_conflict_finding
WHERE family = 'InvalidSoftMatch'
ORDER BY tenant, address;
