// ldif_handler: an LDIF export written by `ldifde -f out.ldf ...` (ANSI, i.e. windows-1252, by
// default; UTF-16LE with BOM with -u) into ad_principal / ad_link rows (schema/010_directory.sql,
// source `ldif`).
//
// Read per entry: objectClass (its last value, the most specific class), sAMAccountName,
// objectSid (base64 binary, or a string SID), tokenGroups (base64 binary SIDs), memberOf and
// member (DNs; `member;range=0-1499` is member), primaryGroupID, adminCount,
// isCriticalSystemObject. Everything else is skipped. Each entry is written when its blank line
// is read, so memory is bounded by one entry.
//
// Users, inetOrgPersons, groups and contacts of an AD domain are also kept with the values the
// pre-flight rules check (ldif_object_writer): an LDIF export of the directory is what there is
// to predict from before Entra Connect runs.
//
// ldifde leaves out an attribute the object has no value for, so "memberOf not requested" and
// "in no group" look the same: member_of_listed is set only when the entry has memberOf values,
// token_groups_listed only when it has tokenGroups values, and admin_count_known never (an absent
// adminCount may simply not have been asked for).
//
// A value that should be a SID and is not (bad base64, wrong length) is skipped, not damage; the
// file's note counts them. Change records (changetype: modify / delete / modrdn, as in import
// files) describe changes, not objects: they are skipped and counted in the note.
#pragma once

#include <string>

#include "ingest/directory_writer.hpp"
#include "ingest/file_handler.hpp"
#include "ingest/input_kind.hpp"
#include "ingest/ldif_object_writer.hpp"
#include "ingest/ldif_reader.hpp"
#include "text/text_decoder.hpp"

namespace csx::ingest {

class ldif_handler final : public file_handler, private ldif_events {
public:
    ldif_handler(text_encoding enc, store::db& d, std::int64_t file_id);

    bool feed(std::string_view bytes) override;
    bool finish() override;
    const std::optional<damage>& failure() const override { return damage_; }
    std::int64_t records() const override { return writer_.written(); }
    file_facts facts() const override;

private:
    void entry_begin(std::string_view dn, bool base64, std::int64_t line) override;
    void value(const ldif_value& v) override;
    void entry_end() override;
    void skipped_sid(std::int64_t line);

    text::text_decoder decoder_;
    ldif_reader reader_;
    directory_writer writer_;
    directory_entry entry_;
    ldif_object_writer objects_;
    ldif_object object_;
    bool change_record_ = false;
    bool token_groups_damaged_ = false;  // a tokenGroups value of this entry was not a SID
    std::string utf8_;
    std::optional<damage> damage_;
    std::string first_dn_;
    std::int64_t bad_sids_ = 0;
    std::int64_t first_bad_sid_line_ = 0;
    std::int64_t change_records_ = 0;
};

}  // namespace csx::ingest
