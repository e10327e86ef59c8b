-- id: extension-dll-exception
-- title: A rules extension threw an exception during synchronization
-- severity: medium
-- category: sync-run
-- summary: A run step stopped because a rules extension DLL threw (stopped-extension-dll-exception and its kin), or an object failed its import/export flow with extension-dll-exception. The extension's code or its input data must be fixed.
SELECT s.tenant,
       s.ma_name AS connector,
       s.connector_kind,
       NULL AS object_dn,
       NULL AS object_type,
       '[]' AS attributes,
       NULL AS error_code,
       s.step_result AS error_type,
       'run ' || coalesce(s.run_number, '?') || ' step ' || coalesce(s.step_number, '?') || ' ended ' || s.step_result
           AS error_text,
       s.start_date AS first_occurred,
       s.end_date AS last_occurred,
       NULL AS retry_count,
       NULL AS extension_detail,
       coalesce(s.ma_name, '<connector name>') AS run_connector,
       s.file AS source_file,
       s.line AS source_line,
       json_array('run_step:' || s.step_id) AS error_keys
FROM v_run_step AS s
WHERE s.step_result LIKE 'stopped-extension-dll-%'
UNION ALL
SELECT e.tenant,
       e.connector,
       NULL,
       e.dn,
       e.object_type,
       '[]',
       e.error_code,
       e.error_type,
       e.error_type || coalesce(' in ' || e.algorithm_step, '') AS error_text,
       e.first_occurred,
       e.last_occurred,
       e.retry_count,
       e.detail_xml,
       coalesce(e.connector, '<connector name>'),
       e.file,
       e.line,
       json_array('sync_error:' || e.error_id)
FROM v_import_error AS e
WHERE e.error_type = 'extension-dll-exception'
ORDER BY 1, 2, 10, 16, 17;
