-- 012_source_text: an error as the file writes it, for the report's evidence excerpts.
-- The report shows this text (escaped for its format), not a re-serialisation of the parsed
-- columns, so that "the evidence" is the file's own: a Graph error keeps its offset, its
-- seven-digit fractions and its @odata.type. It is stored because the report must work where
-- the dumps are not. At most 8 KiB per error, cut at a UTF-8 character boundary.
-- Rows ingested before this version have NULL here: the report then re-serialises the parsed
-- columns and says so.

-- The onPremisesProvisioningErrors item from its `{` to its `}` (with the indentation before
-- the `{` when it starts its line), decoded to UTF-8; JSON escapes and spacing as written.
ALTER TABLE provisioning_error ADD COLUMN source_text TEXT;
-- Bytes of the item not kept in source_text (NULL: none).
ALTER TABLE provisioning_error ADD COLUMN source_cut INTEGER;

PRAGMA user_version = 12;
