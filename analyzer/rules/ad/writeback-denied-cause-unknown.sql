-- id: writeback-denied-cause-unknown
-- title: A writeback export is denied and the files do not show why
-- severity: medium
-- category: permissions
-- verify: inheritance
-- summary: An export fails with 8344 INSUFF_ACCESS_RIGHTS, but the files hold no evidence that decides between AdminSDHolder protection, a stale adminCount, inheritance switched off by hand and a missing OU grant (an errors-only dump of a real AD connector selects neither adminCount nor memberOf). No grant is proposed: the read-only commands below collect exactly the missing evidence.
SELECT tenant, connector, connector_kind, dn AS object_dn, object_type, attributes, error_code, error_type,
       error_text, first_occurred, last_occurred, retry_count, evidence, evidence_detail, domain_dn, parent_dn,
       file AS source_file, line AS source_line, error_keys, principal, principal_source, ad_connector, object_tag
FROM v_permission_error
WHERE verdict = 'unknown'
ORDER BY tenant, parent_dn, dn;
