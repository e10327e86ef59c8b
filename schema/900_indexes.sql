-- 900_indexes: secondary indexes of the large tables. Idempotent; a bulk load may drop them
-- and csx re-creates them after the load (and on the next open if a load was interrupted).
-- Deliberately few: building an index is a sort of the whole table, paid at every bulk load.
-- Lookups by value (addresses, DNs) are written as one scan joined to a small IN-list,
-- which needs no index (README "Performance").
DROP INDEX IF EXISTS cs_object_file;  -- replaced by cs_object_file_parent (same prefix)
CREATE INDEX IF NOT EXISTS cs_object_file_parent ON cs_object(file_id, parent_dn);
CREATE INDEX IF NOT EXISTS sync_error_file  ON sync_error(file_id);
CREATE INDEX IF NOT EXISTS sync_error_object ON sync_error(object_id) WHERE object_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS sync_error_step  ON sync_error(step_id) WHERE step_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS mv_link_object   ON mv_link(object_id);
CREATE INDEX IF NOT EXISTS extra_element_file ON extra_element(file_id);
CREATE INDEX IF NOT EXISTS connector_file   ON connector(file_id);
CREATE INDEX IF NOT EXISTS connector_partition_row ON connector_partition(connector_row);
CREATE INDEX IF NOT EXISTS connector_parameter_row ON connector_parameter(connector_row);
CREATE INDEX IF NOT EXISTS run_file         ON run(file_id);
CREATE INDEX IF NOT EXISTS run_step_run     ON run_step(run_id);
CREATE INDEX IF NOT EXISTS connection_incident_step ON connection_incident(step_id);
CREATE INDEX IF NOT EXISTS cloud_object_file ON cloud_object(file_id);
CREATE INDEX IF NOT EXISTS provisioning_error_object ON provisioning_error(cloud_object_id);
CREATE INDEX IF NOT EXISTS acl_file ON acl(file_id);
CREATE INDEX IF NOT EXISTS ad_principal_dn  ON ad_principal(dn_key);
CREATE INDEX IF NOT EXISTS ad_principal_sid ON ad_principal(sid) WHERE sid IS NOT NULL;
CREATE INDEX IF NOT EXISTS ad_principal_file ON ad_principal(file_id);
CREATE INDEX IF NOT EXISTS ad_link_value    ON ad_link(value_key, kind);
CREATE INDEX IF NOT EXISTS ad_link_principal ON ad_link(principal_id);
-- Pre-flight: the holders of a duplicate key (schema/016: duplicate_key) by address,
-- mailNickname and SMTP targetAddress; the objects of a dump by value shape (a rule's screen).
CREATE INDEX IF NOT EXISTS attr_value_address ON attr_value(address, object_id)
    WHERE section_id = 5 AND address IS NOT NULL;
CREATE INDEX IF NOT EXISTS cs_object_value_nickname
    ON cs_object_value(lower(mail_nickname), mail_nickname) WHERE mail_nickname IS NOT NULL;
CREATE INDEX IF NOT EXISTS cs_object_value_target
    ON cs_object_value(lower(substr(target_address, 6))) WHERE target_address LIKE 'smtp:%';
CREATE INDEX IF NOT EXISTS cs_object_value_shape ON cs_object_value(file_id, shape_id);
