-- id: error-type-114
-- title: Entra ID refuses the delete of a synchronized object (Error Type 114)
-- severity: medium
-- category: identity
-- summary: The Entra connector's export of a Delete fails with "This synchronization operation, Delete, is not valid" (Error Type 114): the cloud object is one Entra ID will not let the sync delete (for example a restored user, or one whose DirSyncEnabled is off), usually while users are moved out of scope for a hybrid to cloud-only migration. Microsoft's fix: delete the cloud object to the recycle bin, let a delta cycle run, then restore it.
SELECT tenant, connector, connector_kind, object_dn, object_type, attributes, error_code, error_type,
       error_text, first_occurred, last_occurred, retry_count, on_premises_dn, source_anchor, cloud_upn, coalesce(pending_upn, cloud_upn) AS upn,
       source_file, source_line, error_keys
FROM v_aad_export_error
WHERE (error_type = '114' OR error_literal LIKE 'This synchronization operation, Delete, is not valid%')
ORDER BY tenant, object_dn;
