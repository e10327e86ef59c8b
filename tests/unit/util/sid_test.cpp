// util/sid and util/base64: the three SID forms AD inputs carry, checked against SIDs the test
// builds byte by byte (sid_samples.hpp).
#include <catch2/catch.hpp>

#include "sid_samples.hpp"
#include "util/base64.hpp"
#include "util/sid.hpp"

using namespace csx;
using test::binary_sid;
using test::string_sid;

TEST_CASE("base64 decodes padded, unpadded and wrapped text, refuses the rest", "[base64][sid]") {
    CHECK(base64::decode("TWFu") == "Man");
    CHECK(base64::decode("TWE=") == "Ma");
    CHECK(base64::decode("TWE") == "Ma");  // padding is optional
    CHECK(base64::decode("TQ==") == "M");
    CHECK(base64::decode("") == "");
    CHECK(base64::decode("TW\r\n Fu") == "Man");  // LDIF continuation breaks are skipped
    const std::string all_bytes = [] {
        std::string s;
        for (int i = 0; i < 256; ++i)
            s += static_cast<char>(i);
        return s;
    }();
    CHECK(base64::decode(test::base64_encode(all_bytes)) == all_bytes);

    CHECK_FALSE(base64::decode("TW@u"));    // a foreign character
    CHECK_FALSE(base64::decode("TQ==TQ"));  // data after the padding
    CHECK_FALSE(base64::decode("TWFuT"));   // 6 bits cannot end a byte
    CHECK_FALSE(base64::decode("S-1-5-32-544"));
}

TEST_CASE("binary SIDs decode to their string form, malformed ones are refused", "[sid]") {
    const auto domain_user = test::fabrikam_rid(1104);
    CHECK(sid::from_binary(binary_sid(5, domain_user)) == string_sid(5, domain_user));
    CHECK(sid::from_binary(binary_sid(5, {32, 544})) == "S-1-5-32-544");
    CHECK(sid::from_binary(binary_sid(1, {0})) == "S-1-1-0");  // Everyone
    CHECK(sid::from_binary(binary_sid(5, {})) == "S-1-5");     // no sub-authority at all
    // The authority is 48 bits, big-endian; sub-authorities little-endian up to 2^32-1.
    CHECK(sid::from_binary(binary_sid(0x0000123456789ABCULL, {0xFFFFFFFFu})) ==
          "S-1-20015998343868-4294967295");
    std::vector<std::uint32_t> fifteen(15, 7);
    CHECK(sid::from_binary(binary_sid(5, fifteen)) == string_sid(5, fifteen));

    std::string wrong_revision = binary_sid(5, domain_user);
    wrong_revision[0] = 2;
    CHECK_FALSE(sid::from_binary(wrong_revision));
    const std::string whole = binary_sid(5, domain_user);
    CHECK_FALSE(sid::from_binary(whole.substr(0, whole.size() - 1)));  // one byte short
    CHECK_FALSE(sid::from_binary(whole + std::string(1, '\0')));       // one byte too many
    std::string count_lies = whole;
    count_lies[1] = 4;  // says 4 sub-authorities, holds 5
    CHECK_FALSE(sid::from_binary(count_lies));
    std::vector<std::uint32_t> sixteen(16, 7);
    CHECK_FALSE(sid::from_binary(binary_sid(5, sixteen)));
    CHECK_FALSE(sid::from_binary(whole.substr(0, 7)));  // shorter than the fixed header
    CHECK_FALSE(sid::from_binary(""));

    CHECK(sid::from_base64(test::base64_encode(whole)) == string_sid(5, domain_user));
    CHECK_FALSE(sid::from_base64("not base64!"));
    CHECK_FALSE(sid::from_base64(test::base64_encode("plain text, no SID")));
}

TEST_CASE("string SIDs are checked and put in canonical form", "[sid]") {
    CHECK(sid::parse("S-1-5-32-544") == "S-1-5-32-544");
    CHECK(sid::parse("s-1-5-32-544") == "S-1-5-32-544");  // lower case
    CHECK(sid::parse("  S-1-5-18\r\n") == "S-1-5-18");    // surrounding white space
    CHECK(sid::parse("S-1-5") == "S-1-5");
    CHECK(sid::parse("S-1-5-21-0-0-0-4294967295") == "S-1-5-21-0-0-0-4294967295");
    std::vector<std::uint32_t> fifteen(15, 1);
    CHECK(sid::parse(string_sid(5, fifteen)) == string_sid(5, fifteen));

    CHECK_FALSE(sid::parse("S-1-5-32-"));  // a trailing dash
    CHECK_FALSE(sid::parse("S-1-5--32"));
    CHECK_FALSE(sid::parse("S-1"));
    CHECK_FALSE(sid::parse("S-2-5-32-544"));  // revision 2
    CHECK_FALSE(sid::parse("S-1-5-4294967296"));
    CHECK_FALSE(sid::parse("S-1-281474976710656-1"));  // authority of 2^48
    CHECK_FALSE(sid::parse("S-1-5-x"));
    CHECK_FALSE(sid::parse("S-1-+5"));
    CHECK_FALSE(sid::parse("SID-1-5"));
    CHECK_FALSE(sid::parse(""));
    std::vector<std::uint32_t> sixteen(16, 1);
    CHECK_FALSE(sid::parse(string_sid(5, sixteen)));

    // from_any: a string SID, else base64 of a binary one.
    CHECK(sid::from_any("s-1-5-32-551") == "S-1-5-32-551");
    CHECK(sid::from_any(test::base64_encode(binary_sid(5, {32, 551}))) == "S-1-5-32-551");
    CHECK_FALSE(sid::from_any("CN=Backup Operators,CN=Builtin,DC=fabrikam,DC=example"));
}

TEST_CASE("domain_of and rid_of split domain account SIDs only", "[sid]") {
    const std::string domain = string_sid(5, test::kFabrikamDomain);
    const std::string admins = string_sid(5, test::fabrikam_rid(512));
    CHECK(sid::domain_of(admins) == domain);
    CHECK(sid::rid_of(admins) == 512);
    CHECK(sid::rid_of(string_sid(5, test::fabrikam_rid(4294967295u))) == 4294967295LL);
    // Not S-1-5-21-a-b-c-RID: a builtin group, the domain itself, a longer SID, another authority.
    CHECK(sid::domain_of("S-1-5-32-544").empty());
    CHECK_FALSE(sid::rid_of("S-1-5-32-544"));
    CHECK(sid::domain_of(domain).empty());
    CHECK_FALSE(sid::rid_of(domain));
    CHECK(sid::domain_of(admins + "-1").empty());
    CHECK_FALSE(sid::rid_of(admins + "-1"));
    CHECK(sid::domain_of("S-1-16-21-1-2-3-512").empty());
}
