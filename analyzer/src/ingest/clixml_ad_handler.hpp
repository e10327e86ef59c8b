// clixml_ad_handler: ActiveDirectory module objects saved with Export-Clixml (Get-ADUser,
// Get-ADGroup, Get-ADComputer, Get-ADObject ... -Properties ...; Get-ADPrincipalGroupMembership)
// into ad_principal / ad_link rows (schema/010_directory.sql, source `clixml`).
//
// Shape (PowerShell CLIXML; UTF-16LE with BOM from Windows PowerShell 5.1, UTF-8 from 7):
//   <Objs><Obj RefId="0">
//     <TN RefId="0"><T>Deserialized.Microsoft.ActiveDirectory.Management.ADUser</T>...</TN>
//     <ToString>CN=Dana Admin,OU=IT,DC=contoso,DC=com</ToString>
//     <Props>
//       <S N="DistinguishedName">...</S>  <S N="ObjectClass">user</S>  <S N="SamAccountName">
//       <Obj N="SID"><TN>..SecurityIdentifier..</TN><ToString>S-1-5-21-...</ToString>...</Obj>
//       <I32 N="adminCount">1</I32> | <Nil N="adminCount" />     <I32 N="primaryGroupID">
//       <B N="isCriticalSystemObject">true</B>
//       <Obj N="MemberOf"><TN>..ADPropertyValueCollection..</TN><LST><S>CN=...</S></LST></Obj>
//       <Obj N="nTSecurityDescriptor">...<Props><B N="AreAccessRulesProtected">true</B>...
//     </Props></Obj>...</Objs>
// A later object names an earlier type list with <TNRef RefId=".."/>, and may name an earlier
// object with <Ref RefId=".."/> (followed for SIDs). Property names compare case-insensitively.
// Strings are decoded from CLIXML's _xHHHH_ escapes. Top-level objects of other types are
// skipped. Memory is bounded by one object (its member lists included).
//
// Mapping: DistinguishedName (else the object's ToString) -> dn; ObjectClass; SamAccountName;
// SID / objectSid -> sid; adminCount (present at all, even Nil -> admin_count_known);
// primaryGroupID; isCriticalSystemObject; MemberOf (present at all -> member_of_listed) and,
// when MemberOf is present, PrimaryGroup as one more member_of value; Members / member ->
// member; tokenGroups -> token-group; nTSecurityDescriptor.AreAccessRulesProtected ->
// acl_protected.
//
// Get-ADPrincipalGroupMembership writes only ADGroup objects and never says whose groups they
// are. A file of ADGroup objects that all hold only their default properties (no member lists,
// adminCount, primaryGroupID, nTSecurityDescriptor ...) is taken for such an output: the groups
// are written, and with `csx ingest --object DN` one more principal for DN, member_of_listed,
// whose member_of are those groups (its direct groups, the primary group included). Without
// --object the file's note says how to tie them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ingest/directory_writer.hpp"
#include "ingest/xml_input.hpp"

namespace csx::ingest {

class clixml_ad_handler final : public xml_input {
public:
    clixml_ad_handler(std::string_view document_name, xml::parser_options opts, store::db& d,
                      std::int64_t file_id, std::string object_dn);

    std::int64_t records() const override { return writer_.written(); }
    file_facts facts() const override;

private:
    void on_start(std::string_view name, const xml::attributes& attrs, std::int64_t line) override;
    void on_end(std::string_view name) override;
    void on_text(std::string_view text) override { text_.append(text); }
    void on_finish() override;

    void end_property(std::string_view tag);
    void end_object();
    void remember_sid(const std::string& ref_id, const std::string& sid);

    directory_writer writer_;
    std::string object_dn_;  // --object
    std::string text_;

    // Type name lists by TN RefId: the first (most specific) type name of each.
    std::map<std::string, std::string> types_;
    bool in_tn_ = false;
    std::string tn_id_;
    std::string tn_first_;
    bool tn_has_first_ = false;

    // The top-level object being read (an Obj at depth 2).
    bool in_object_ = false;
    std::string object_type_;
    std::int64_t object_line_ = 0;
    std::string object_to_string_;
    bool in_props_ = false;  // inside its Props / MS
    directory_entry entry_;
    std::optional<directory_value> primary_group_;
    bool has_requested_props_ = false;  // MemberOf, Members, adminCount ... (see end_property)

    // The property being read (an element with N at depth 4).
    std::string prop_;  // its name, lower-cased
    std::string prop_tag_;
    std::string prop_ref_;  // RefId of an Obj / Ref property
    std::int64_t prop_line_ = 0;
    std::string prop_to_string_;  // a nested Obj's ToString
    std::string prop_value_;      // a nested Obj's <S N="Value">
    std::optional<bool> prop_protected_;
    bool in_collection_ = false;  // its LST / IE / QUE / STK
    bool in_inner_props_ = false;
    std::string inner_name_;
    std::vector<directory_value> items_;
    std::string item_tag_;
    std::int64_t item_line_ = 0;
    std::string item_to_string_;

    // SIDs of earlier SID objects by Obj RefId, for <Ref N="objectSid" RefId=".."/>.
    std::map<std::string, std::string> sid_refs_;

    std::int64_t ad_objects_ = 0;
    std::string first_dn_;
    // Get-ADPrincipalGroupMembership: every object so far an ADGroup without member lists.
    bool group_listing_ = true;
    std::vector<directory_value> groups_;
    std::string note_;
};

}  // namespace csx::ingest
