-- id: object-type-mismatch
-- title: The value belongs to an object of another type
-- severity: medium
-- category: data-conflict
-- summary: Entra ID refuses the object because an object of a different type (a user against a contact or group) already holds the value (ObjectTypeMismatch). A person must decide which object keeps the value.
SELECT tenant, connector, connector_kind, object_dn, object_type, attributes, error_code,
       error_type, error_text, first_occurred, last_occurred, retry_count, evidence,
       evidence_detail, conflict_value, address, aad_connector, address_filter, properties,
       claimants, on_premises_dn, holders, source_file, source_line, error_keys
FROM v_conflict_finding
WHERE family = 'ObjectTypeMismatch'
ORDER BY tenant, address;
