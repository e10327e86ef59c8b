-- id: preflight-invalid-characters
-- title: Predicted: a value holds a character Entra ID or Exchange Online refuses
-- severity: medium
-- category: preflight
-- summary: A prediction from a full dump of the AD connector space (or, for a tenant without one, an LDIF export of the directory), before any export fails: a userPrincipalName with a character outside what Entra ID accepts (A-Z a-z 0-9 ' . - _ ! # ^ ~ before the @; letters, digits, hyphens and dots after it; no leading dot or dot before the @), a mail or smtp proxy address with whitespace or < > ( ) ; , [ ] " (another proxy type, such as a legacy X500 or X400 address with its spaces, parentheses and semicolons: only leading or trailing whitespace), a mailNickname with whitespace, " ( ) , : ; < > @ [ \ ] or a leading, trailing or double period, an SMTP targetAddress with those or a backslash, a sAMAccountName with [ ] \ " | , / : < > + = ; ? * when it becomes the UPN prefix (no userPrincipalName; from an LDIF export only when the export holds userPrincipalName at all), and leading or trailing whitespace in displayName, givenName or sn. Entra ID will refuse the object (DataValidationFailed) or Exchange the recipient. Withdrawn once the real validation error exists (data-validation-failed owns it).
WITH v_set AS (
    SELECT char(32, 9, 10, 11, 12, 13, 160) AS ws,
           'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789' AS alnum),
v_screen AS MATERIALIZED (
    -- The value shapes (schema/016_preflight_screen.sql: every character but ASCII letters and
    -- digits kept, a UPN's suffix as written, names as their first and last characters) that
    -- a test below could fail; shape 0 (objects read before shapes existed) always. A few
    -- hundred shapes, whatever the number of objects.
    SELECT s.shape_id FROM value_shape AS s, v_set AS c
    WHERE s.screened = 0
       OR csx_first_not_of(substr(s.upn, 1, instr(s.upn, '@') - 1), c.alnum || '''.-_!#^~') IS NOT NULL
       OR csx_first_not_of(substr(s.upn, instr(s.upn, '@') + 1), c.alnum || '.-') IS NOT NULL
       OR s.upn LIKE '.%' OR s.upn LIKE '%@' OR instr(s.upn, '@') IN (0, 1)
       OR instr(s.upn, '.@') > 0 OR instr(s.upn, '..') > 0
       OR csx_first_of(s.mail, c.ws || '<>();,[]"') IS NOT NULL OR instr(s.mail, '@') = 0
       OR csx_first_of(s.proxy_chars, c.ws || '<>();,[]"') IS NOT NULL
       OR csx_first_of(s.proxy_edges, c.ws) IS NOT NULL
       OR csx_first_of(s.mail_nickname, c.ws || '"(),:;<>@[\]') IS NOT NULL
       OR s.mail_nickname LIKE '.%' OR s.mail_nickname LIKE '%.' OR instr(s.mail_nickname, '..') > 0
       OR csx_first_of(s.target_address, c.ws || '<>();,[]"\') IS NOT NULL
       OR (s.upn IS NULL AND s.object_type IN ('user', 'inetOrgPerson')
           AND csx_first_of(s.sam, c.ws || '[]\"|,/:<>+=;?*') IS NOT NULL)
       -- leading or trailing whitespace (names are kept as their first and last characters)
       OR csx_first_of(s.display_name, c.ws) IS NOT NULL OR csx_first_of(s.given_name, c.ws) IS NOT NULL
       OR csx_first_of(s.sn, c.ws) IS NOT NULL),
v_candidate AS MATERIALIZED (
    -- The tenant's in-scope objects (the dumps of v_preflight_file) with one of those shapes,
    -- by the screen index: only theirs are read below.
    SELECT k.object_id FROM v_preflight_file AS f
    JOIN cs_object_value AS k ON k.file_id = f.file_id
    WHERE k.shape_id IN (SELECT shape_id FROM v_screen)),
v_flag AS MATERIALIZED (
    SELECT o.* FROM v_candidate AS k
    CROSS JOIN v_preflight_object AS o ON o.object_id = k.object_id
    WHERE o.excluded IS NULL
      AND NOT EXISTS (SELECT 1 FROM v_preflight_entra_error AS e
                      WHERE e.ad_object_id = o.object_id AND instr(e.errors, 'DataValidationFailed') > 0)),
v_value AS (
    SELECT o.object_id, 'userPrincipalName' AS attribute, o.upn AS value, 1 AS kind
    FROM v_flag AS o WHERE o.upn IS NOT NULL
    UNION ALL
    SELECT o.object_id, 'mail', o.mail, 2 FROM v_flag AS o WHERE o.mail IS NOT NULL
    UNION ALL
    SELECT a.object_id, a.attribute, a.value, CASE WHEN a.value LIKE 'smtp:%' THEN 2 ELSE 7 END
    FROM v_flag AS o
    CROSS JOIN v_hologram_address AS a ON a.object_id = o.object_id AND a.attribute = 'proxyAddresses'
    UNION ALL
    SELECT o.object_id, 'targetAddress', o.target_address, 4 FROM v_flag AS o
    WHERE o.target_address LIKE 'smtp:%'
    UNION ALL
    SELECT o.object_id, 'mailNickname', o.mail_nickname, 3 FROM v_flag AS o
    WHERE o.mail_nickname IS NOT NULL
    UNION ALL
    SELECT o.object_id, 'sAMAccountName', o.sam, 5 FROM v_flag AS o
    WHERE o.upn IS NULL AND o.upn_read = 1 AND o.sam IS NOT NULL AND o.object_type IN ('user', 'inetOrgPerson')
    UNION ALL
    SELECT o.object_id, 'displayName', o.display_name, 6 FROM v_flag AS o WHERE o.display_name IS NOT NULL
    UNION ALL
    SELECT o.object_id, 'givenName', o.given_name, 6 FROM v_flag AS o WHERE o.given_name IS NOT NULL
    UNION ALL
    SELECT o.object_id, 'sn', o.sn, 6 FROM v_flag AS o WHERE o.sn IS NOT NULL),
v_split AS (
    -- The mailbox part of an address (after an smtp: prefix).
    SELECT x.*, CASE WHEN x.value LIKE 'smtp:%' THEN substr(x.value, 6) ELSE x.value END AS box
    FROM v_value AS x),
v_check AS (
    SELECT x.object_id, x.attribute, x.value,
           CASE
             WHEN x.value <> trim(x.value, s.ws) THEN
               CASE WHEN x.value <> ltrim(x.value, s.ws) THEN substr(x.value, 1, 1)
                    ELSE substr(x.value, -1) END
             WHEN x.kind = 1 THEN
               coalesce(csx_first_not_of(substr(x.box, 1, instr(x.box, '@') - 1), s.alnum || '''.-_!#^~'),
                        csx_first_not_of(substr(x.box, instr(x.box, '@') + 1), s.alnum || '.-'))
             WHEN x.kind IN (2, 4) THEN
               csx_first_of(x.box, s.ws || '<>();,[]"' || CASE x.kind WHEN 4 THEN '\' ELSE '' END)
             WHEN x.kind = 3 THEN csx_first_of(x.value, s.ws || '"(),:;<>@[\]')
             WHEN x.kind = 5 THEN csx_first_of(x.value, '[]\"|,/:<>+=;?*')
           END AS bad,
           CASE
             WHEN x.value <> trim(x.value, s.ws) THEN
               CASE WHEN x.value <> ltrim(x.value, s.ws) THEN 'leading' ELSE 'trailing' END || ' whitespace'
             WHEN x.kind = 1 AND instr(x.box, '@') = 0 THEN 'no @ (a UPN is name@domain)'
             WHEN x.kind = 1 AND instr(x.box, '@') = 1 THEN 'nothing before the @'
             WHEN x.kind = 1 AND substr(x.box, instr(x.box, '@') + 1) = '' THEN 'nothing after the @'
             WHEN x.kind = 1 AND x.box LIKE '.%' THEN 'a leading period'
             WHEN x.kind = 1 AND instr(x.box, '.@') > 0 THEN 'a period right before the @'
             WHEN x.kind = 1 AND instr(substr(x.box, 1, instr(x.box, '@') - 1), '..') > 0 THEN 'two periods in a row'
             WHEN x.kind = 3 AND x.value LIKE '.%' THEN 'a leading period'
             WHEN x.kind = 3 AND x.value LIKE '%.' THEN 'a trailing period'
             WHEN x.kind = 3 AND instr(x.value, '..') > 0 THEN 'two periods in a row'
             WHEN x.kind = 2 AND instr(x.box, '@') = 0 THEN 'no @ (not an SMTP address)'
           END AS shape
    FROM v_split AS x, v_set AS s)
SELECT o.tenant,
       o.connector,
       'ad' AS connector_kind,
       o.dn AS object_dn,
       o.object_type,
       json_array(c.attribute) AS attributes,
       'predicted: DataValidationFailed' AS error_type,
       'Predicted (no export has failed yet): ' || c.attribute || ' ''' || c.value || ''' holds '
           || CASE WHEN c.shape LIKE '%whitespace' THEN c.shape || ' (' || printf('U+%04X', unicode(c.bad)) || ')'
                   WHEN c.shape IS NOT NULL THEN c.shape
                   ELSE 'the character ''' || c.bad || ''' (' || printf('U+%04X', unicode(c.bad)) || ')' END
           || ', which ' || CASE WHEN c.attribute IN ('mailNickname', 'mail', 'proxyAddresses', 'targetAddress')
                                 THEN 'Entra ID and Exchange Online refuse' ELSE 'Entra ID refuses' END AS error_text,
       'none' AS evidence,
       'a prediction from ' || o.read_from || ' (' || o.file || '): no export has failed yet' AS evidence_detail,
       c.attribute AS attribute,
       c.value AS value,
       coalesce(c.bad, '') AS character,
       CASE WHEN c.bad IS NOT NULL THEN printf('U+%04X', unicode(c.bad)) ELSE '' END AS code_point,
       coalesce(c.shape, 'the character ''' || c.bad || ''', which ' || c.attribute || ' may not hold') AS problem,
       o.file AS source_file,
       o.line AS source_line,
       json_array() AS error_keys
FROM v_check AS c
JOIN v_flag AS o ON o.object_id = c.object_id
WHERE c.bad IS NOT NULL OR c.shape IS NOT NULL
ORDER BY o.tenant, o.dn, c.attribute, c.value;
