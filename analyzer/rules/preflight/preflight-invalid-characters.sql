-- id: preflight-invalid-characters
-- title: Predicted: a value holds a character Entra ID or Exchange Online refuses
-- severity: medium
-- category: preflight
-- summary: A prediction from a full dump of the AD connector space, before any export fails: a userPrincipalName with a character outside what Entra ID accepts (A-Z a-z 0-9 ' . - _ ! # ^ ~ before the @; letters, digits, hyphens and dots after it; no leading dot or dot before the @), a mail or smtp proxy address with whitespace or < > ( ) ; , [ ] " (another proxy type: the same but ;), a mailNickname with whitespace, " ( ) , : ; < > @ [ \ ] or a leading, trailing or double period, an SMTP targetAddress with those or a backslash, a sAMAccountName with [ ] \ " | , / : < > + = ; ? * when it becomes the UPN prefix (no userPrincipalName), and leading or trailing whitespace in displayName, givenName or sn. Entra ID will refuse the object (DataValidationFailed) or Exchange the recipient. Withdrawn once the real validation error exists (data-validation-failed owns it).
WITH v_set AS (
    SELECT char(32, 9, 10, 11, 12, 13, 160) AS ws,
           'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789' AS alnum),
v_flag AS MATERIALIZED (
    -- One pass over the objects with cheap tests (address_chars lists the characters of all
    -- the object's addresses once; the character sets are constants, parsed once per run);
    -- only the objects they flag are looked at closely below.
    SELECT o.* FROM v_preflight_object AS o
    WHERE o.excluded IS NULL
      AND coalesce(instr(o.entra_errors, 'DataValidationFailed'), 0) = 0
      AND (csx_first_not_of(o.upn, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789''.-_!#^~@') IS NOT NULL OR o.upn LIKE '.%'
           OR o.upn LIKE '%@' OR instr(o.upn, '@') IN (0, 1) OR instr(o.upn, '.@') > 0
           OR instr(o.upn, '..') > 0 OR instr(substr(o.upn, instr(o.upn, '@') + 1), '@') > 0
           OR csx_first_of(o.address_chars, char(32, 9, 10, 11, 12, 13, 160) || '<>();,[]"') IS NOT NULL
           OR instr(o.mail, '@') = 0
           OR csx_first_of(o.mail_nickname, char(32, 9, 10, 11, 12, 13, 160) || '"(),:;<>@[\]') IS NOT NULL
           OR o.mail_nickname LIKE '.%' OR o.mail_nickname LIKE '%.' OR instr(o.mail_nickname, '..') > 0
           OR csx_first_of(o.target_address, char(32, 9, 10, 11, 12, 13, 160) || '<>();,[]"\') IS NOT NULL
           OR (o.upn IS NULL AND o.sam IS NOT NULL)
           -- leading or trailing whitespace: the first and last characters only
           OR csx_first_of(substr(o.display_name, 1, 1) || substr(o.display_name, -1), char(32, 9, 10, 11, 12, 13, 160)) IS NOT NULL
           OR csx_first_of(substr(o.given_name, 1, 1) || substr(o.given_name, -1), char(32, 9, 10, 11, 12, 13, 160)) IS NOT NULL
           OR csx_first_of(substr(o.sn, 1, 1) || substr(o.sn, -1), char(32, 9, 10, 11, 12, 13, 160)) IS NOT NULL)),
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
    WHERE o.upn IS NULL AND o.sam IS NOT NULL AND o.object_type IN ('user', 'inetOrgPerson')
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
             WHEN x.kind = 7 THEN csx_first_of(x.value, s.ws || '<>(),[]"')
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
       'a prediction from the AD connector space (' || o.file || '): no export has failed yet' AS evidence_detail,
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
