-- id: existing-admin-role-conflict
-- title: The matching cloud user holds an admin role, so Entra ID will not soft-match it
-- severity: medium
-- category: identity
-- summary: The on-premises user has the userPrincipalName of an existing cloud user that holds an administrative role; Entra ID never soft-matches an on-premises user to a cloud admin (Existing Admin Role Conflict). Microsoft strongly recommends against synchronizing on-premises accounts with pre-existing cloud admin accounts; if the match is wanted, the roles come off for the match and go back after it.
SELECT tenant, connector, connector_kind, object_dn, object_type, attributes, error_code, error_type,
       error_text, first_occurred, last_occurred, retry_count, on_premises_dn, source_anchor, coalesce(pending_upn, cloud_upn) AS upn,
       source_file, source_line, error_keys
FROM v_aad_export_error
WHERE error_type IN ('ExistingAdminRoleConflict', 'Existing Admin Role Conflict', 'AdminRoleConflict', 'ExistingAdminRole')
ORDER BY tenant, object_dn;
