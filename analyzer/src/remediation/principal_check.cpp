#include "remediation/principal_check.hpp"

#include <array>

#include <fmt/format.h>

#include "remediation/verification.hpp"
#include "util/sid.hpp"
#include "util/text.hpp"

namespace csx::remediation {

namespace {

// Authorities whose accounts are the machine's own or built in (MS-DTYP 2.4.2.4 names).
constexpr std::array<std::string_view, 8> kBuiltinDomains = {
    "nt authority", "builtin",        "nt service",       "nt virtual machine",
    "iis apppool",  "window manager", "font driver host", "authority"};

// Well-known and built-in principals by name (English; a localized name is not recognised
// here, but such accounts are rarely configured by name and SIDs are caught below).
constexpr std::array<std::string_view, 34> kWellKnownNames = {"everyone",
                                                              "authenticated users",
                                                              "anonymous logon",
                                                              "domain users",
                                                              "domain computers",
                                                              "domain guests",
                                                              "domain controllers",
                                                              "read-only domain controllers",
                                                              "enterprise domain controllers",
                                                              "domain admins",
                                                              "enterprise admins",
                                                              "schema admins",
                                                              "administrators",
                                                              "account operators",
                                                              "server operators",
                                                              "print operators",
                                                              "backup operators",
                                                              "replicator",
                                                              "users",
                                                              "guests",
                                                              "pre-windows 2000 compatible access",
                                                              "system",
                                                              "local system",
                                                              "network service",
                                                              "local service",
                                                              "interactive",
                                                              "network",
                                                              "creator owner",
                                                              "self",
                                                              "principal self",
                                                              "this organization",
                                                              "key admins",
                                                              "enterprise key admins",
                                                              "cert publishers"};

}  // namespace

std::optional<std::string> refuse_principal(std::string_view principal) {
    const std::string_view p = text::trim(principal);
    if (p.empty()) return std::nullopt;
    if (auto s = sid::parse(p)) {
        const auto rid = sid::rid_of(*s);
        // Domain accounts of their own (RID 1000 and up) are ordinary; everything else is a
        // well-known SID (S-1-1-0 Everyone, S-1-5-11, S-1-5-18, S-1-5-32-..., domain RIDs < 1000).
        if (rid && *rid >= 1000) return std::nullopt;
        return fmt::format("{} is a well-known SID, not the AD connector account", *s);
    }
    const account_name a = parse_account(p);  // the split csx verify matches accounts by
    const std::string_view domain = text::trim(a.domain);
    for (auto b : kBuiltinDomains)
        if (domain == b)
            return fmt::format("{} is a built-in identity, not the AD connector account", p);
    const std::string_view name = text::trim(a.name);
    for (auto w : kWellKnownNames)
        if (name == w)
            return fmt::format(
                "{} is a well-known group or identity: a grant to it would reach "
                "every account it stands for",
                p);
    return std::nullopt;
}

}  // namespace csx::remediation
