-- purge_file: removes every row that came from one source file (?1 = file_id). Used by
-- `csx ingest --replace`, inside the same transaction as the re-ingest. Not a migration.
DELETE FROM attr_value  WHERE object_id IN (SELECT object_id FROM cs_object WHERE file_id = ?1);
DELETE FROM delta_value WHERE object_id IN (SELECT object_id FROM cs_object WHERE file_id = ?1);
DELETE FROM cs_object_value WHERE object_id IN (SELECT object_id FROM cs_object WHERE file_id = ?1);
DELETE FROM hologram    WHERE object_id IN (SELECT object_id FROM cs_object WHERE file_id = ?1);
DELETE FROM delta       WHERE object_id IN (SELECT object_id FROM cs_object WHERE file_id = ?1);
DELETE FROM mv_link     WHERE object_id IN (SELECT object_id FROM cs_object WHERE file_id = ?1);
DELETE FROM cs_object   WHERE file_id = ?1;
DELETE FROM file_attr   WHERE file_id = ?1;
DELETE FROM sync_error  WHERE file_id = ?1;
DELETE FROM extra_element WHERE file_id = ?1;
DELETE FROM step_counter WHERE step_id IN
    (SELECT step_id FROM run_step WHERE run_id IN (SELECT run_id FROM run WHERE file_id = ?1));
DELETE FROM connection_incident WHERE step_id IN
    (SELECT step_id FROM run_step WHERE run_id IN (SELECT run_id FROM run WHERE file_id = ?1));
DELETE FROM run_step    WHERE run_id IN (SELECT run_id FROM run WHERE file_id = ?1);
DELETE FROM run         WHERE file_id = ?1;
DELETE FROM connector_partition WHERE connector_row IN (SELECT connector_row FROM connector WHERE file_id = ?1);
DELETE FROM connector_parameter WHERE connector_row IN (SELECT connector_row FROM connector WHERE file_id = ?1);
DELETE FROM connector   WHERE file_id = ?1;
DELETE FROM provisioning_error WHERE cloud_object_id IN (SELECT cloud_object_id FROM cloud_object WHERE file_id = ?1);
DELETE FROM cloud_object WHERE file_id = ?1;
DELETE FROM tenant_domain WHERE file_id = ?1;
DELETE FROM acl_entry WHERE acl_id IN (SELECT acl_id FROM acl WHERE file_id = ?1);
DELETE FROM acl WHERE file_id = ?1;
DELETE FROM ad_link WHERE principal_id IN (SELECT principal_id FROM ad_principal WHERE file_id = ?1);
DELETE FROM ad_principal WHERE file_id = ?1;
DELETE FROM collect_item WHERE file_id = ?1;
DELETE FROM collect_run WHERE file_id = ?1;
DELETE FROM attr_value WHERE object_id IN (SELECT object_id FROM ldif_object WHERE file_id = ?1);
DELETE FROM cs_object_value WHERE object_id IN (SELECT object_id FROM ldif_object WHERE file_id = ?1);
DELETE FROM ldif_object WHERE file_id = ?1;
DELETE FROM duplicate_key WHERE file_id = ?1;
DELETE FROM preflight_derived WHERE file_id = ?1;
DELETE FROM source_file WHERE file_id = ?1;
