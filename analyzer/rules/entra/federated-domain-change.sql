-- id: federated-domain-change
-- title: A user moved from one federated domain to another
-- severity: medium
-- category: identity
-- summary: Entra ID refuses to change a synchronized user's UPN suffix from one federated domain to another directly (FederatedDomainChangeError). Microsoft's fix: set the user's cloud UPN (addressed by its current value) to the tenant's initial onmicrosoft.com domain; the next synchronization then sets the new UPN.
SELECT e.tenant, e.connector, e.connector_kind, e.object_dn, e.object_type, e.attributes, e.error_code,
       e.error_type, e.error_text, e.first_occurred, e.last_occurred, e.retry_count, e.on_premises_dn,
       coalesce(e.pending_upn, e.cloud_upn) AS upn,
       e.cloud_upn,
       e.pending_upn AS new_upn,
       d.initial_domain,
       CASE WHEN instr(e.cloud_upn, '@') > 1 AND d.initial_domain IS NOT NULL
            THEN substr(e.cloud_upn, 1, instr(e.cloud_upn, '@') - 1) || '@' || d.initial_domain END AS interim_upn,
       e.source_file, e.source_line, e.error_keys
FROM v_aad_export_error AS e,
     -- The tenant's initial domain: the Entra connector's own account
     -- (Sync_<server>_<id>@<tenant>.onmicrosoft.com), else a cloud user's UPN there.
     (SELECT coalesce(
          (SELECT lower(substr(c.aad_user_name, instr(c.aad_user_name, '@') + 1))
           FROM v_connector AS c
           WHERE c.tenant_id = x.tenant_id AND lower(c.aad_user_name) LIKE '%@%.onmicrosoft.com'
             AND lower(c.aad_user_name) NOT LIKE '%.mail.onmicrosoft.com'
           ORDER BY c.aad_user_name LIMIT 1),
          (SELECT substr(a.address, instr(a.address, '@') + 1)
           FROM v_address AS a
           WHERE a.tenant_id = x.tenant_id AND a.source = 'cloud' AND a.attribute = 'userPrincipalName'
             AND a.address LIKE '%@%.onmicrosoft.com' AND a.address NOT LIKE '%.mail.onmicrosoft.com'
           ORDER BY a.address LIMIT 1)) AS initial_domain, x.error_id
      FROM v_aad_export_error AS x) AS d
WHERE d.error_id = e.error_id AND e.error_type = 'FederatedDomainChangeError'
ORDER BY e.tenant, e.object_dn;
