// Distinguished-name helpers that respect RFC 4514 escapes (`\,` and `\2C` do not split).
// DNs from a dump are already escaped by AD: these functions only take them apart, they never
// re-escape.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace csx::dn {

// The RDNs of a DN, split at unescaped commas (surrounding spaces trimmed).
std::vector<std::string_view> split(std::string_view dn);

// The DN without its first RDN; empty when the DN has one RDN.
std::string_view parent(std::string_view dn);

// The trailing run of DC= RDNs ("DC=contoso,DC=com"); empty when there is none.
std::string_view domain_dn(std::string_view dn);

// "DC=contoso,DC=com" (or any DN ending in DC= RDNs) -> "contoso.com"; empty when none.
std::string dns_name(std::string_view dn);

// Whether the DN has a DC= RDN (an AD object): "DC=" at the start or after a comma, any case.
// Cheap enough for every object of a dump (domain_dn splits the DN: ~50x the cost).
bool has_dc_rdn(std::string_view dn);

// The attribute value of the first RDN, still escaped ("CN=Doe\, Jane,OU=x" -> "Doe\, Jane").
std::string_view first_rdn_value(std::string_view dn);

}  // namespace csx::dn
