-- id: persistent-export-errors
-- title: Export has ended with errors run after run
-- severity: medium
-- category: sync-run
-- summary: The connector's Export step has ended completed-export-errors in 3 or more consecutive runs, up to the latest one ingested: the same objects are retried every cycle and never converge. The per-object findings say why; this one says how long.
WITH ex AS (
    -- One row per export run of a connector (the same run may come from several files).
    SELECT s.tenant_id, s.tenant, coalesce(s.ma_id, s.ma_name) AS conn, max(s.ma_name) AS ma_name,
           max(s.connector_kind) AS connector_kind,
           coalesce(CAST(s.run_number AS TEXT), s.run_history_id, CAST(s.step_id AS TEXT)) AS run_key,
           max(s.run_number) AS run_number, max(s.start_date) AS start_date, max(s.end_date) AS end_date,
           max(CASE WHEN s.step_result = 'completed-export-errors' THEN 1 ELSE 0 END) AS failed,
           max(s.export_failures) AS export_failures, min(s.file) AS file, min(s.line) AS line,
           json_group_array('run_step:' || s.step_id) AS keys
    FROM v_run_step AS s
    WHERE s.step_type = 'export'
    GROUP BY s.tenant_id, conn, run_key
),
numbered AS (
    SELECT ex.*, row_number() OVER (PARTITION BY tenant_id, conn ORDER BY start_date, run_number, run_key) AS rn,
           count(*) OVER (PARTITION BY tenant_id, conn) AS total
    FROM ex
),
marked AS (
    SELECT numbered.*,
           coalesce(max(CASE WHEN failed = 0 THEN rn END)
                        OVER (PARTITION BY tenant_id, conn ORDER BY rn ROWS UNBOUNDED PRECEDING), 0) AS last_ok
    FROM numbered
),
latest AS (
    SELECT * FROM marked WHERE rn = total AND failed = 1 AND rn - last_ok >= 3
)
SELECT l.tenant,
       l.ma_name AS connector,
       l.connector_kind,
       NULL AS object_dn,
       NULL AS object_type,
       '[]' AS attributes,
       NULL AS error_code,
       'completed-export-errors' AS error_type,
       'the Export step ended completed-export-errors in ' || (l.rn - l.last_ok) || ' consecutive runs, from run '
       || coalesce(f.run_number, f.run_key) || ' (' || f.start_date || ') to run ' || coalesce(l.run_number, l.run_key)
       || ' (' || l.start_date || ')' AS error_text,
       f.start_date AS first_occurred,
       l.end_date AS last_occurred,
       NULL AS retry_count,
       l.rn - l.last_ok AS consecutive_runs,
       coalesce(f.run_number, f.run_key) AS first_failing_run,
       coalesce(l.ma_name, '<connector name>') AS run_connector,
       l.file AS source_file,
       l.line AS source_line,
       (SELECT json_group_array(j.value) FROM marked AS m, json_each(m.keys) AS j
        WHERE m.tenant_id = l.tenant_id AND m.conn = l.conn AND m.rn > l.last_ok) AS error_keys
FROM latest AS l
JOIN marked AS f ON f.tenant_id = l.tenant_id AND f.conn = l.conn AND f.rn = l.last_ok + 1
ORDER BY l.tenant, l.ma_name;
