-- id: duplicate-attribute
-- title: Two objects claim the same address (UPN or proxy address)
-- severity: medium
-- category: data-conflict
-- summary: Entra ID refuses a userPrincipalName or proxyAddresses value another object already holds (PropertyConflict, AttributeValueMustBeUnique). No permission fixes it: a person must decide which object owns the address. csx lists every object in the tenant's files that holds it.
SELECT tenant, connector, connector_kind, object_dn, object_type, attributes, error_code,
       error_type, error_text, first_occurred, last_occurred, retry_count, evidence,
       evidence_detail, conflict_value, address, aad_connector, address_filter, properties,
       claimants, holders, source_file, source_line, error_keys
FROM v_conflict_finding
WHERE family = 'duplicate'
ORDER BY tenant, address;
