-- id: federated-domain-change
-- title: A user moved from one federated domain to another
-- severity: medium
-- category: identity
-- summary: Entra ID refuses to change a synchronized user's UPN suffix from one federated domain to another directly (FederatedDomainChangeError). Microsoft's fix: set the user's cloud UPN (addressed by its current value) to the tenant's initial onmicrosoft.com domain; the next synchronization then sets the new UPN.
WITH e AS (
    SELECT * FROM v_export_error_cs AS e
    WHERE e.connector_kind = 'aad' AND coalesce(e.error_name, e.error_type) IN ('FederatedDomainChangeError')
),
u AS (
    SELECT e.error_id,
           -- What Entra ID holds now: the synchronized hologram; what the sync tries to set:
           -- the pending export.
           (SELECT a.value FROM v_object_attr AS a WHERE a.object_id = e.object_id
              AND a.attribute = 'userPrincipalName' AND a.section = 'synchronized-hologram'
            ORDER BY a.value_ord LIMIT 1) AS cloud_upn,
           (SELECT a.value FROM v_object_attr AS a WHERE a.object_id = e.object_id
              AND a.attribute = 'userPrincipalName' AND a.section <> 'synchronized-hologram'
            ORDER BY a.value_ord LIMIT 1) AS new_upn,
           -- The tenant's initial domain: the Entra connector's own account
           -- (Sync_<server>_<id>@<tenant>.onmicrosoft.com), else a cloud user's UPN there.
           coalesce(
               (SELECT lower(substr(c.aad_user_name, instr(c.aad_user_name, '@') + 1))
                FROM v_connector AS c
                WHERE c.tenant_id = e.tenant_id AND lower(c.aad_user_name) LIKE '%@%.onmicrosoft.com'
                  AND lower(c.aad_user_name) NOT LIKE '%.mail.onmicrosoft.com'
                ORDER BY c.aad_user_name LIMIT 1),
               (SELECT substr(a.address, instr(a.address, '@') + 1)
                FROM v_address AS a
                WHERE a.tenant_id = e.tenant_id AND a.source = 'cloud' AND a.attribute = 'userPrincipalName'
                  AND a.address LIKE '%@%.onmicrosoft.com' AND a.address NOT LIKE '%.mail.onmicrosoft.com'
                ORDER BY a.address LIMIT 1)) AS initial_domain
    FROM e
)
SELECT e.tenant,
       coalesce(e.connector, 'Entra ID connector') AS connector,
       e.connector_kind,
       e.dn AS object_dn,
       e.object_type,
       e.attributes,
       e.error_code,
       coalesce(e.error_name, e.error_type) AS error_type,
       coalesce(e.error_literal, '') || CASE WHEN e.extra_error_details IS NOT NULL
                                             THEN ' (' || e.extra_error_details || ')' ELSE '' END AS error_text,
       e.first_occurred,
       e.last_occurred,
       e.retry_count,
       l.ad_dn AS on_premises_dn,
       coalesce(u.new_upn, u.cloud_upn) AS upn,
       u.cloud_upn,
       u.new_upn,
       u.initial_domain,
       CASE WHEN instr(u.cloud_upn, '@') > 1 AND u.initial_domain IS NOT NULL
            THEN substr(u.cloud_upn, 1, instr(u.cloud_upn, '@') - 1) || '@' || u.initial_domain END AS interim_upn,
       (SELECT group_concat(n.attribute || ': ' || n.values_held, '; ') FROM (
            SELECT x.key AS attribute, json_array_length(x.value) AS values_held
            FROM v_hologram AS h, json_each(h.attrs) AS x
            WHERE h.object_id IN (e.object_id, l.ad_object_id) AND h.section = 'synchronized-hologram'
              AND x.type = 'array' AND x.key IN ('userCertificate', 'userSMIMECertificate', 'thumbnailPhoto')
            UNION ALL
            SELECT a.attribute, count(*) FROM v_object_attr AS a
            WHERE a.object_id IN (e.object_id, l.ad_object_id) AND a.section = 'synchronized-hologram'
              AND a.attribute = 'proxyAddresses'
            GROUP BY a.object_id
            ORDER BY 1) AS n) AS value_counts,
       e.file AS source_file,
       e.line AS source_line,
       json_array('sync_error:' || e.error_id) AS error_keys
FROM e JOIN u USING (error_id) LEFT JOIN v_aad_link AS l ON l.aad_object_id = e.object_id
ORDER BY e.tenant, e.dn;
