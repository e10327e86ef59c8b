-- id: preflight-nonroutable-upn
-- title: Predicted: the UPN suffix cannot be a verified domain of the tenant
-- severity: low
-- category: preflight
-- summary: A prediction from a full dump of the AD connector space (or, for a tenant without one, an LDIF export of the directory): a userPrincipalName whose suffix never routes (.local, .lan, .internal, .localdomain, .corp, .home, .intranet, .private, home.arpa, a single label with no dot) or, when the tenant's domains are known (a Graph `domains` export), is neither a verified domain nor below one. Entra ID then signs the user in as name@<tenant>.onmicrosoft.com instead of the UPN people know (Microsoft Learn: "Prepare a non-routable domain for directory synchronization"). Add and verify a routable UPN suffix and change the users' userPrincipalName.
WITH v_verified AS MATERIALIZED (
    SELECT tenant_id, domain_key FROM v_tenant_domain WHERE is_verified = 1),
v_known AS MATERIALIZED (
    SELECT tenant_id, group_concat(domain, ', ') AS domains
    FROM (SELECT tenant_id, domain FROM v_tenant_domain WHERE is_verified = 1 ORDER BY domain_key)
    GROUP BY tenant_id),
v_screen AS MATERIALIZED (
    -- The value shapes (schema/016_preflight_screen.sql: a UPN's suffix kept as written) whose
    -- suffix could be refused: a listed last label, no period, or (when some tenant's verified
    -- domains are known) a suffix that is none of them nor below one; shape 0 always.
    SELECT s.shape_id FROM value_shape AS s
    WHERE s.screened = 0
       OR (instr(s.upn, '@') > 0
           AND (csx_after_last(s.upn, '.') COLLATE NOCASE IN (SELECT suffix FROM v_nonroutable_suffix)
                OR instr(substr(s.upn, instr(s.upn, '@')), '.') = 0
                OR csx_after_last(s.upn, '.') COLLATE NOCASE IN ('arpa')
                OR (EXISTS (SELECT 1 FROM v_known)
                    AND lower(substr(s.upn, instr(s.upn, '@') + 1)) NOT IN (SELECT domain_key FROM v_verified))))),
v_candidate AS MATERIALIZED (
    -- The tenant's in-scope objects (the dumps of v_preflight_file) with one of those shapes,
    -- by the screen index: only theirs are read below.
    SELECT k.object_id FROM v_preflight_file AS f
    JOIN cs_object_value AS k ON k.file_id = f.file_id
    WHERE k.shape_id IN (SELECT shape_id FROM v_screen)),
v_upn AS (
    SELECT o.object_id, o.tenant_id, lower(substr(o.upn, instr(o.upn, '@') + 1)) AS suffix
    FROM v_candidate AS k
    CROSS JOIN v_preflight_object AS o ON o.object_id = k.object_id
    WHERE instr(o.upn, '@') > 0 AND o.excluded IS NULL),
v_judged AS (
    SELECT u.*,
           -- The last label: what follows the last period.
           csx_after_last(u.suffix, '.') AS tld,
           -- The suffix and its parents, for "a verified domain or below one".
           substr(u.suffix, instr(u.suffix, '.') + 1) AS parent,
           k.domains
    FROM v_upn AS u LEFT JOIN v_known AS k ON k.tenant_id = u.tenant_id
    WHERE u.suffix <> ''),
v_reason AS (
    SELECT j.*,
           CASE
             WHEN j.domains IS NOT NULL
                  AND (j.tenant_id || ' ' || j.suffix IN (SELECT tenant_id || ' ' || domain_key FROM v_verified)
                       OR j.tenant_id || ' ' || j.parent IN (SELECT tenant_id || ' ' || domain_key FROM v_verified)
                       OR j.tenant_id || ' ' || substr(j.parent, instr(j.parent, '.') + 1)
                          IN (SELECT tenant_id || ' ' || domain_key FROM v_verified))
               THEN NULL
             WHEN instr(j.suffix, '.') = 0 THEN 'a single-label suffix (no period) never routes'
             WHEN j.tld IN (SELECT suffix FROM v_nonroutable_suffix)
               THEN (SELECT n.why FROM v_nonroutable_suffix AS n WHERE n.suffix = j.tld)
             WHEN j.parent IN (SELECT suffix FROM v_nonroutable_suffix)
               THEN (SELECT n.why FROM v_nonroutable_suffix AS n WHERE n.suffix = j.parent)
             WHEN j.domains IS NOT NULL
               THEN 'it is not a verified domain of the tenant (verified: ' || j.domains || ')'
           END AS why
    FROM v_judged AS j)
SELECT o.tenant,
       o.connector,
       'ad' AS connector_kind,
       o.dn AS object_dn,
       o.object_type,
       json_array('userPrincipalName') AS attributes,
       'predicted: non-routable UPN suffix' AS error_type,
       'Predicted: userPrincipalName ''' || o.upn || ''' has the suffix ' || r.suffix || ': ' || r.why
           || '; Entra ID will sign the user in as name@<tenant>.onmicrosoft.com instead' AS error_text,
       'none' AS evidence,
       'a prediction from ' || o.read_from || ' (' || o.file || ')'
           || CASE WHEN r.domains IS NOT NULL THEN ' and the tenant''s verified domains' ELSE '' END
           || ': nothing has failed yet' AS evidence_detail,
       'userPrincipalName' AS attribute,
       o.upn AS value,
       r.suffix AS suffix,
       r.why AS reason,
       coalesce(r.domains, '') AS verified_domains,
       o.file AS source_file,
       o.line AS source_line,
       json_array() AS error_keys
FROM v_reason AS r
JOIN v_preflight_object AS o ON o.object_id = r.object_id
WHERE r.why IS NOT NULL
ORDER BY o.tenant, r.suffix, o.dn;
