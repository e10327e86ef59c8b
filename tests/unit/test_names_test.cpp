// The test names themselves: each Catch2 test case must become exactly one CTest entry that runs
// it. CTest's discovery script (CatchAddTests.cmake) splits the list of names at ';', so a name
// holding one became two entries that matched nothing and passed without running a check; and
// the entry runs `csx_tests "<name>"`, where Catch2 reads \ as an escape, " as a quote and a
// leading ~ or an outer * as syntax: such a name matched nothing either.
#include <catch2/catch.hpp>

#include <set>

TEST_CASE(
    "every test name is one CTest entry that runs it: no character CTest or Catch2 reads as syntax",
    "[tests]") {
    const auto& all = Catch::getRegistryHub().getTestCaseRegistry().getAllTests();
    REQUIRE(all.size() > 100);
    std::set<std::string> seen;
    for (const auto& t : all) {
        CAPTURE(t.name);
        CHECK(t.name.find_first_of(";\\\"") == std::string::npos);
        CHECK_FALSE(t.name.starts_with('~'));
        CHECK_FALSE(t.name.starts_with('*'));
        CHECK_FALSE(t.name.ends_with('*'));
        CHECK(t.name.find('\n') == std::string::npos);
        CHECK_FALSE(t.name.empty());
        CHECK(t.name.front() != ' ');
        CHECK(t.name.back() != ' ');
        CHECK(seen.insert(t.name).second);
    }
}
