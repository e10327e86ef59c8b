// Security identifiers: the binary form AD stores (objectSid, tokenGroups), its base64 form in
// csexport and LDIF, and the string form (S-1-5-21-...) everything else writes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace csx::sid {

// A binary SID (revision 1, at most 15 sub-authorities, exact length) as "S-1-...", else nullopt.
std::optional<std::string> from_binary(std::string_view bytes);

// A base64-encoded binary SID (csexport value encoding="base64", LDIF "objectSid::"), else nullopt.
std::optional<std::string> from_base64(std::string_view b64);

// A string SID, checked and in canonical form ("s-1-5-32-544" -> "S-1-5-32-544"), else nullopt.
std::optional<std::string> parse(std::string_view s);

// Any of the three forms above: a string SID, else base64 of a binary SID.
std::optional<std::string> from_any(std::string_view s);

// The domain part of a domain account SID ("S-1-5-21-a-b-c-1104" -> "S-1-5-21-a-b-c"), and
// its RID (1104); empty / nullopt for SIDs that are not S-1-5-21-a-b-c-RID.
std::string domain_of(std::string_view canonical);
std::optional<long long> rid_of(std::string_view canonical);

}  // namespace csx::sid
