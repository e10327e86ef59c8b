#include <catch2/catch.hpp>

#include "util/dn.hpp"

using namespace csx;

TEST_CASE("dn::parent skips escaped commas in the first RDN", "[util]") {
    CHECK(dn::parent("CN=Doe\\, Jane,OU=Sales,DC=contoso,DC=com") == "OU=Sales,DC=contoso,DC=com");
    CHECK(dn::parent("CN=Hex\\2C Escape,OU=X,DC=a") == "OU=X,DC=a");
    CHECK(dn::parent("DC=com").empty());
    CHECK(dn::parent("CN=a, OU=b") == "OU=b");
}

TEST_CASE("dn::domain_dn finds the trailing DC= run", "[util]") {
    CHECK(dn::domain_dn("CN=Dana Admin,OU=IT,DC=contoso,DC=com") == "DC=contoso,DC=com");
    CHECK(dn::domain_dn("DC=contoso,DC=com") == "DC=contoso,DC=com");
    CHECK(dn::domain_dn("CN=x,OU=DC=trick,DC=child,DC=contoso,DC=com") ==
          "DC=child,DC=contoso,DC=com");
    CHECK(dn::domain_dn("CN={4F3A2B1C0D9E8F7A6B5C4D3E2F1A0B9C}").empty());
}

TEST_CASE("dn::dns_name turns DC= components into a DNS name", "[util]") {
    CHECK(dn::dns_name("CN=x,OU=y,DC=Contoso,DC=COM") == "contoso.com");
    CHECK(dn::dns_name("OU=y").empty());
}

TEST_CASE("dn::split and first_rdn_value keep escapes", "[util]") {
    auto parts = dn::split("CN=Doe\\, Jane,OU=Sales,DC=contoso");
    REQUIRE(parts.size() == 3);
    CHECK(parts[0] == "CN=Doe\\, Jane");
    CHECK(dn::first_rdn_value("CN=Domain Admins,CN=Users,DC=contoso,DC=com") == "Domain Admins");
    CHECK(dn::first_rdn_value("CN=Doe\\, Jane,OU=x") == "Doe\\, Jane");
}

TEST_CASE("dn::has_dc_rdn finds a DC= RDN at the start or after a comma, any case", "[util]") {
    CHECK(dn::has_dc_rdn("CN=Jane,OU=Staff,DC=contoso,DC=com"));
    CHECK(dn::has_dc_rdn("dc=contoso,dc=com"));
    CHECK(dn::has_dc_rdn("CN=x,Dc=a"));
    CHECK_FALSE(dn::has_dc_rdn("CN=DC=Jane,OU=Staff"));  // inside a value, not an RDN
    CHECK_FALSE(dn::has_dc_rdn("CN={8b3c},OU=AAD"));     // an Entra connector space DN
    CHECK_FALSE(dn::has_dc_rdn(""));
}
