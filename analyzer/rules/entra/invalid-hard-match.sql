-- id: invalid-hard-match
-- title: Entra ID blocks the hard match to an existing cloud object
-- severity: medium
-- category: identity
-- summary: The object's source anchor equals the onPremisesImmutableId of a cloud object, but the tenant has BlockCloudObjectTakeoverThroughHardMatchEnabled on, so Entra ID refuses to take that object over (InvalidHardMatch): typically a user that left the sync scope, was soft-deleted or restored in the cloud, and came back. Microsoft advises keeping the block on and lifting it only for the takeover.
SELECT tenant, connector, connector_kind, object_dn, object_type, attributes, error_code, error_type,
       error_text, first_occurred, last_occurred, retry_count, on_premises_dn, source_anchor, cloud_upn, coalesce(pending_upn, cloud_upn) AS upn,
       source_file, source_line, error_keys
FROM v_aad_export_error
WHERE error_type = 'InvalidHardMatch'
ORDER BY tenant, object_dn;
