// verification: whether the fix of a permission finding is in place, from the dsacls outputs
// and the dumps the engineer brought back (`csx verify`).
//
// For every finding of a rule with a `verify` header (rule.hpp), per object and failing
// attribute: does the newest dsacls output of the object show the connector account holding
// WRITE PROPERTY on the attribute; if not, is the grant where it comes from (AdminSDHolder, this
// object only, awaiting SDProp; or an inheritable ACE on an ancestor); and does a dump ingested
// with or after that dsacls output still show the error. The finding's resolved state
// (rule_engine) says whether the error is gone. Nothing here knows a rule by name.
//
// Reads the store (v_acl, v_acl_entry, sync_error) read-only: verification is remediation's
// last step, and the facts it needs are in no finding's columns.
#pragma once

#include <string>
#include <vector>

#include "rules/finding.hpp"

namespace csx::store {
class db;
}

namespace csx::remediation {

// One object and attribute of a finding, checked. status, most settled first:
//   fixed                      the error is gone (newer csexport / Export step success)
//   ace-present-error-persists the ACE is on the object but a dump from the same or a later
//                              ingest than the dsacls output still shows the error
//   ace-present-awaiting-sync  the ACE is on the object; no dump taken after it yet
//   denied                     a Deny ACE for the account on the attribute is on the object
//   awaiting-sdprop            granted on AdminSDHolder (this object only), not yet on the object
//   adminsdholder-granted      granted on AdminSDHolder; no dsacls output of the object
//   adminsdholder-inherit-only the AdminSDHolder grant is inheritable only: it grants nothing
//   inheritance-blocked        an ancestor grants it inheritably; the object does not inherit
//   ancestor-granted           an ancestor grants it inheritably; object not shown / not yet
//   missing                    complete dsacls outputs show no such grant
//   unproven                   only incomplete dsacls outputs, without the grant
//   no-evidence                no dsacls output of the object or of where the grant goes
//   unknown-account            the connector account is not known (--account)
struct verification {
    std::string tenant;
    std::string rule_id;
    std::string object_dn;
    std::string attribute;  // "" when the dumps do not name the failing attribute
    std::string principal;
    std::string status;
    bool fixed = false;
    std::string summary;                // one sentence
    std::vector<std::string> evidence;  // "file:line: what it shows", in order
    std::string next;                   // what to do next; "" when fixed
};

struct verify_options {
    std::string account;  // --account: the connector account when the files do not name it
};

// `findings` must include the resolved ones (run_options::include_resolved). Sorted by tenant,
// object, attribute.
std::vector<verification> verify_findings(store::db& d, const std::vector<rules::finding>& findings,
                                          const verify_options& opts);

// An account as written, split: DOMAIN\name (domain before the backslash), name@domain
// (domain after the last '@', upn = true) or a bare name.
struct account_parts {
    std::string_view domain;
    std::string_view name;
    bool upn = false;
};
account_parts split_account(std::string_view principal);

// The account part of DOMAIN\name or name@domain, lower-cased, and the NetBIOS domain
// ("" for the UPN form): how dsacls principals are compared with the connector account.
struct account_name {
    std::string domain;
    std::string name;
};
account_name parse_account(std::string_view principal);
bool same_account(std::string_view a, std::string_view b);

// An attribute's comparison key: lower-case, hyphens removed (ms-DS-Key-Credential-Link and
// msDS-KeyCredentialLink are the same).
std::string attribute_key(std::string_view name);

}  // namespace csx::remediation
