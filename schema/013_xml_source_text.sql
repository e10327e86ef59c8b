-- 013_xml_source_text: a csexport or run-history error as the file writes it, for the report's
-- evidence excerpts (as 012 did for Graph errors). The report shows this text, escaped for its
-- format, instead of a re-serialisation of the parsed columns, which loses the file's layout,
-- its time format and its character references. Stored because the report must work where
-- the dumps are not. At most 8 KiB per error, cut at a UTF-8 character boundary.
-- NULL where the lines were no longer held when the element closed (an error element of more
-- than 1 MiB, a file that is one long line), where csx does not decode the file's encoding
-- itself, for errors read from CLIXML fragments, and for rows ingested before this version:
-- the report then re-serialises the parsed columns and says so.

-- The error element's whole lines, from the line holding its start tag to the line holding
-- its end tag, decoded to UTF-8; line ends (CRLF too) and character references as written,
-- without the last line's end. Whole lines: other elements' text on those lines is included.
ALTER TABLE sync_error ADD COLUMN source_text TEXT;
-- Bytes of those lines (UTF-8) not kept in source_text (NULL: none).
ALTER TABLE sync_error ADD COLUMN source_cut INTEGER;
-- The line source_text starts with (the start tag's '<'; `line` is libxml2's, that of its '>',
-- the same line unless the start tag is spread over several lines).
ALTER TABLE sync_error ADD COLUMN source_line INTEGER;

PRAGMA user_version = 13;
