// Output integrity: a write error on standard output is exit 4 with a message, never a silent
// exit 0 with a script cut mid-command; a fix script ends with a marker line.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include <sys/wait.h>

#include "remediation/plan.hpp"
#include "test_support.hpp"

using namespace csx;

TEST_CASE("a full disk on standard output is exit 4 with a message, for every printing command",
          "[cli]") {
    REQUIRE(std::filesystem::exists("/dev/full"));
    test::temp_dir t;
    const std::string db = "--db " + test::shell_quote(t.file("d.sqlite"));
    REQUIRE(test::run_csx("ingest -q " + db + " corpus/demo", test::source_path("")).exit_code ==
            0);
    for (const std::string args :
         {"fix --tenant contoso", "triage", "triage --format json", "fleet",
          "verify --tenant contoso", "report --tenant contoso", "rules", "diff --tenant contoso"}) {
        CAPTURE(args);
        const std::string err = t.file("err");
        const int status = std::system((test::shell_quote(CSX_BINARY) + " " + args + " " +
                                        (args == "rules" ? std::string() : db) + " >/dev/full 2>" +
                                        test::shell_quote(err))
                                           .c_str());
        REQUIRE(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 4);
        CHECK(test::read_file(err).find("standard output could not be written") !=
              std::string::npos);
    }
}

TEST_CASE("a fix script ends with its end marker, so a cut copy shows it is cut", "[cli]") {
    test::temp_dir t;
    for (const char* sh : {"cmd", "powershell"}) {
        CAPTURE(sh);
        const auto r =
            test::run_csx(std::string("fix --shell ") + sh + " corpus/demo", test::source_path(""));
        REQUIRE(r.exit_code == 0);
        const std::string last = std::string(sh) == "cmd" ? "REM " : "# ";
        CHECK(r.out.ends_with(last + std::string(remediation::kScriptEnd) + "\n"));
    }
}
