-- id: deletion-threshold-exceeded
-- title: Export stopped: more deletions than the accidental-delete threshold allows
-- severity: high
-- category: sync-run
-- summary: The Entra connector's export stopped because it would delete more objects than the threshold (500 by default) allows (stopped-deletion-threshold-exceeded). Nothing is exported until someone reviews the deletions and lets them through, or fixes the scoping change that caused them.
SELECT s.tenant,
       s.ma_name AS connector,
       s.connector_kind,
       NULL AS object_dn,
       NULL AS object_type,
       '[]' AS attributes,
       NULL AS error_code,
       s.step_result AS error_type,
       'run ' || coalesce(s.run_number, '?') || ' (' || coalesce(s.run_profile, 'unknown profile') || ') step '
       || coalesce(s.step_number, '?') || ' ended ' || s.step_result AS error_text,
       s.start_date AS first_occurred,
       s.end_date AS last_occurred,
       NULL AS retry_count,
       coalesce(s.ma_name, '<connector name>') AS run_connector,
       s.file AS source_file,
       s.line AS source_line,
       json_array('run_step:' || s.step_id) AS error_keys
FROM v_run_step AS s
WHERE s.step_result = 'stopped-deletion-threshold-exceeded'
ORDER BY s.tenant, s.ma_name, s.start_date, s.step_id;
