-- id: connectivity-failure
-- title: The connector cannot reach or authenticate to its directory
-- severity: high
-- category: sync-run
-- summary: A run step stopped on a connection problem (stopped-connectivity, stopped-server-down, no-start-connection, failed authentication or search): nothing is imported or exported from that directory until the server, network or credentials are fixed.
SELECT s.tenant,
       s.ma_name AS connector,
       s.connector_kind,
       s.partition AS object_dn,
       NULL AS object_type,
       '[]' AS attributes,
       i.error_code,
       s.step_result AS error_type,
       'run ' || coalesce(s.run_number, '?') || ' step ' || coalesce(s.step_number, '?') || ' ('
       || coalesce(s.step_type, '?') || ') ended ' || s.step_result
       || CASE WHEN s.connection_result IS NOT NULL THEN ', connection ' || s.connection_result ELSE '' END
       || CASE WHEN i.error_literal IS NOT NULL
               THEN ': ' || coalesce(i.error_code_raw, '') || ' ' || i.error_literal
                    || coalesce(' (' || i.server_error_detail || ')', '') ELSE '' END AS error_text,
       s.start_date AS first_occurred,
       s.end_date AS last_occurred,
       NULL AS retry_count,
       coalesce(s.connection_server, i.server) AS server,
       -- The server as `host` (no :port) for connectivity checks.
       CASE WHEN instr(coalesce(s.connection_server, i.server), ':') > 0
            THEN substr(coalesce(s.connection_server, i.server), 1, instr(coalesce(s.connection_server, i.server), ':') - 1)
            ELSE coalesce(s.connection_server, i.server) END AS server_host,
       CASE WHEN i.error_code = 8453 THEN 'Replication access was denied (8453): the connector account lacks '
                 || '"Replicating Directory Changes" on the domain root (needed for delta import with DirSync).'
            WHEN i.error_code IN (81, 8250) OR s.step_result IN ('stopped-server-down', 'stopped-server')
                 OR s.connection_result IN ('failed-connection', 'dropped-connection')
                 THEN CASE WHEN s.connector_kind = 'aad'
                           THEN 'Microsoft Entra ID could not be reached over HTTPS (network, proxy, TLS 1.2, or a service incident).'
                           ELSE 'The domain controller did not answer (server down, DNS, firewall, LDAP 389/636 blocked).' END
            WHEN i.error_code IN (1326, 49) OR s.connection_result = 'failed-authentication'
                 OR s.step_result = 'no-start-credentials'
                 THEN 'Authentication failed: the connector account''s password changed or expired, or it is locked.'
            ELSE 'A connection problem the run history does not explain further.' END AS cause,
       CASE WHEN i.error_code = 8453 THEN 1 END AS replication_denied,
       -- Which checks fit: a domain controller's (LDAP) for an AD connector, Entra ID's HTTPS
       -- endpoints for the Entra connector (never nltest or LDAP 389 there).
       CASE WHEN coalesce(s.connector_kind, 'ad') <> 'aad'
                 AND (i.error_code IN (81, 8250) OR s.step_result IN ('stopped-server-down', 'stopped-server',
                      'no-start-connection', 'no-start-no-domain-controller', 'stopped-connectivity')
                      OR s.connection_result IN ('failed-connection', 'dropped-connection')) THEN 1 END AS server_down,
       CASE WHEN s.connector_kind = 'aad'
                 AND (s.step_result IN ('stopped-server-down', 'stopped-server', 'no-start-connection',
                      'stopped-connectivity')
                      OR s.connection_result IN ('failed-connection', 'dropped-connection')) THEN 1 END AS entra_unreachable,
       CASE WHEN coalesce(s.connector_kind, 'ad') <> 'aad'
                 AND (i.error_code IN (1326, 49) OR s.connection_result = 'failed-authentication'
                      OR s.step_result = 'no-start-credentials') THEN 1 END AS auth_failed,
       CASE WHEN s.connector_kind = 'aad'
                 AND (s.connection_result = 'failed-authentication' OR s.step_result = 'no-start-credentials')
                 THEN 1 END AS entra_auth_failed,
       -- The partition as a DNS name, for nltest.
       CASE WHEN upper(s.partition) LIKE 'DC=%'
            THEN lower(replace(replace(substr(s.partition, 4), ',DC=', '.'), ',dc=', '.')) END AS object_dn_dns,
       a.principal,
       s.file AS source_file,
       s.line AS source_line,
       json_array('run_step:' || s.step_id) AS error_keys
FROM v_run_step AS s
LEFT JOIN v_connector_account AS a
  ON a.tenant_id = s.tenant_id AND (a.ma_id = s.ma_id OR (s.ma_id IS NULL AND a.connector = s.ma_name COLLATE NOCASE))
LEFT JOIN (SELECT step_id, max(error_code) AS error_code, max(error_code_raw) AS error_code_raw,
                  max(error_literal) AS error_literal, max(server_error_detail) AS server_error_detail,
                  max(server) AS server
           FROM v_connection_incident WHERE error_code IS NOT NULL OR error_literal IS NOT NULL
           GROUP BY step_id) AS i USING (step_id)
WHERE s.step_result IN ('stopped-connectivity', 'stopped-server-down', 'stopped-server', 'no-start-connection',
                        'no-start-credentials', 'no-start-no-domain-controller')
   OR s.connection_result IN ('failed-connection', 'failed-authentication', 'failed-search', 'dropped-connection')
ORDER BY s.tenant, s.ma_name, s.start_date, s.step_id;
