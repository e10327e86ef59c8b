// principal_check: refuses connector accounts that are well-known or built-in identities.
//
// A grant to Everyone, Authenticated Users, Domain Users, NT AUTHORITY\..., a BUILTIN group or a
// well-known SID would give that write right to every account of the forest (or to the machine's
// services): whatever a configuration file or --account says, csx never prints such a grant. The
// AD connector account is an ordinary user (MSOL_..., or a named service account).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace csx::remediation {

// The reason `principal` (DOMAIN\name, name@domain, name or a string SID) must not be granted
// anything, or nullopt when it is an ordinary account name.
std::optional<std::string> refuse_principal(std::string_view principal);

}  // namespace csx::remediation
