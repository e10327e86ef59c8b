// The ingest contract: tenants, de-duplication by SHA-256, --replace, one transaction per file.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include <sys/stat.h>

#include "util/sha256.hpp"
#include "test_support.hpp"
#include "util/error.hpp"

using namespace csx;
using test::scalar_int;
using test::scalar_text;
namespace fs = std::filesystem;

TEST_CASE("sha256 matches the known vector", "[ingest]") {
    csx::sha256 h;
    h.update("ab");
    h.update("c");
    CHECK(h.hex_digest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("re-ingesting the same content into a tenant is a no-op that says so", "[ingest]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    const std::string f = test::source_path("corpus/demo/contoso/csexport-ad-export-errors.xml");
    auto first = test::ingest_paths(d, {f}, {"contoso"});
    CHECK(first.files.at(0).status == ingest::file_status::ingested);
    // A renamed copy is the same content.
    const std::string copy = t.file("renamed.xml");
    fs::copy_file(f, copy);
    auto second = test::ingest_paths(d, {copy}, {"contoso"});
    CHECK(second.files.at(0).status == ingest::file_status::duplicate);
    CHECK(second.files[0].message.find("already ingested") != std::string::npos);
    CHECK(scalar_int(d, "SELECT count(*) FROM cs_object") == 2);
    CHECK(scalar_int(d, "SELECT count(*) FROM source_file") == 1);
    // Another tenant may hold the same file.
    CHECK(test::ingest_paths(d, {f}, {"other"}).files.at(0).status ==
          ingest::file_status::ingested);
    CHECK(scalar_int(d, "SELECT count(*) FROM cs_object") == 4);
}

TEST_CASE("ingest with --replace re-reads a file and replaces its rows", "[ingest]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    const std::string f = test::source_path("corpus/minimal/run-history-two-runs.xml");
    test::ingest_paths(d, {f}, {"fabrikam"});
    const auto before = scalar_int(d, "SELECT count(*) FROM sync_error");
    auto r = test::ingest_paths(d, {f}, {"fabrikam", true});
    CHECK(r.files.at(0).status == ingest::file_status::ingested);
    CHECK(scalar_int(d, "SELECT count(*) FROM sync_error") == before);
    CHECK(scalar_int(d, "SELECT count(*) FROM run") == 2);
    CHECK(scalar_int(d, "SELECT count(*) FROM step_counter") == 8);
    CHECK(scalar_int(d, "SELECT count(*) FROM source_file") == 1);
}

TEST_CASE("tenants come from --tenant, the folder, the fleet layout, or the data", "[ingest]") {
    test::temp_dir t;
    const std::string ad =
        test::read_file(test::source_path("corpus/demo/contoso/csexport-ad-export-errors.xml"));
    const std::string rh =
        test::read_file(test::source_path("corpus/minimal/run-history-two-runs.xml"));
    // dumps/<tenant>/... with nested folders inside a tenant.
    test::write_file(t.file("dumps/alpha/csexport/ad.xml"), ad);
    test::write_file(t.file("dumps/beta/runs/history.xml"), rh);
    test::write_file(t.file("dumps/.hidden/ignored.xml"), ad);
    test::write_file(t.file("single/ad.xml"), ad);
    test::write_file(t.file("loose.xml"), rh);
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(d, {t.file("dumps"), t.file("single"), t.file("loose.xml")});
    std::map<std::string, std::string> tenant_of;
    for (const auto& f : s.files)
        tenant_of[fs::path(f.path).filename().string()] = f.tenant;
    CHECK(s.files.size() == 4);
    CHECK(tenant_of["history.xml"] == "beta");
    CHECK(tenant_of["loose.xml"] ==
          "fabrikam.example");  // from the run's partition DC=fabrikam,DC=example
    CHECK(
        scalar_text(d, "SELECT group_concat(name) FROM (SELECT name FROM tenant ORDER BY name)") ==
        "alpha,beta,fabrikam.example,single");
    CHECK(scalar_text(d,
                      "SELECT group_concat(tenant_source) FROM (SELECT DISTINCT tenant_source FROM "
                      "source_file ORDER BY 1)") == "data,folder");
    // --tenant wins over everything.
    auto d2 = test::fresh_db(t.file("db2.sqlite"));
    test::ingest_paths(d2, {t.file("dumps")}, {"forced"});
    CHECK(scalar_text(d2, "SELECT group_concat(name) FROM tenant") == "forced");
}

TEST_CASE("a file that fails mid-way leaves the database as it was before it", "[ingest]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    test::ingest_paths(d, {test::source_path("corpus/demo/contoso/run-history-ad-export.xml")},
                       {"contoso"});
    // A trigger makes the second object's insert fail, as a full disk or a bug would.
    d.exec(
        "CREATE TEMP TRIGGER boom BEFORE INSERT ON cs_object WHEN NEW.cs_dn LIKE 'CN=Lee%' "
        "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
    CHECK_THROWS_AS(test::ingest_paths(
                        d, {test::source_path("corpus/demo/contoso/csexport-ad-export-errors.xml")},
                        {"contoso"}),
                    db_error);
    CHECK(scalar_int(d, "SELECT count(*) FROM cs_object") == 0);    // not even the first object
    CHECK(scalar_int(d, "SELECT count(*) FROM source_file") == 1);  // the earlier file is intact
    CHECK(scalar_int(d, "SELECT count(*) FROM run_step") == 1);
    CHECK(scalar_int(d, "SELECT count(*) FROM attr_name WHERE name = 'msDS-KeyCredentialLink'") ==
          0);
    d.exec("DROP TRIGGER boom");
    // The interrupted file ingests cleanly afterwards.
    auto s = test::ingest_paths(
        d, {test::source_path("corpus/demo/contoso/csexport-ad-export-errors.xml")}, {"contoso"});
    CHECK(s.files.at(0).status == ingest::file_status::ingested);
    CHECK(scalar_int(d, "SELECT count(*) FROM cs_object") == 2);
}

TEST_CASE("every row points back to its source file and line", "[ingest]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    test::ingest_paths(d, {test::source_path("corpus/demo"), test::source_path("corpus/minimal")});
    CHECK(scalar_int(
              d, "SELECT count(*) FROM source_file WHERE length(sha256) <> 64 OR size <= 0") == 0);
    for (const char* table :
         {"cs_object", "sync_error", "run", "connector", "cloud_object", "extra_element"}) {
        CAPTURE(table);
        CHECK(scalar_int(d, std::string("SELECT count(*) FROM ") + table +
                                " WHERE line IS NULL OR line < 1") == 0);
        CHECK(scalar_int(d, std::string("SELECT count(*) FROM ") + table +
                                " WHERE file_id NOT IN (SELECT file_id FROM source_file)") == 0);
    }
    for (const char* table :
         {"delta", "hologram", "run_step", "provisioning_error", "connection_incident"}) {
        CAPTURE(table);
        CHECK(scalar_int(d, std::string("SELECT count(*) FROM ") + table +
                                " WHERE line IS NULL OR line < 1") == 0);
    }
    CHECK(test::rows(d, "PRAGMA foreign_key_check").empty());
}

TEST_CASE("FIFOs, devices and links that leave the folder are skipped with a reason, never waited on",
          "[ingest]") {
    test::temp_dir t;
    const fs::path tenant = t.file("acme");
    fs::create_directories(tenant / "sub");
    fs::copy_file(test::source_path("corpus/demo/contoso/csexport-ad-export-errors.xml"),
                  tenant / "dump.xml");
    REQUIRE(::mkfifo((tenant / "pipe").c_str(), 0600) == 0);
    fs::create_symlink("/dev/zero", tenant / "zero");
    fs::create_symlink(test::source_path("corpus/demo/contoso/run-history-ad-export.xml"),
                       tenant / "outside.xml");
    fs::create_symlink("loop-b", tenant / "loop-a");
    fs::create_symlink("loop-a", tenant / "loop-b");
    fs::create_symlink("../dump.xml", tenant / "sub" / "inside.xml");  // inside: read
    const fs::path lone_fifo = t.file("lone-fifo");
    REQUIRE(::mkfifo(lone_fifo.c_str(), 0600) == 0);

    auto d = test::fresh_db(t.file("db.sqlite"));
    // Were a FIFO opened blocking, this would never return.
    const auto s = test::ingest_paths(d, {tenant.string(), lone_fifo.string()});
    std::map<std::string, std::pair<ingest::file_status, std::string>> by_name;
    for (const auto& f : s.files)
        by_name[fs::path(f.path).filename().string()] = {f.status, f.message};
    CHECK(by_name["dump.xml"].first == ingest::file_status::ingested);
    // The in-folder link to the same file: same content, same tenant, so "already ingested".
    CHECK(by_name["inside.xml"].first == ingest::file_status::duplicate);
    CHECK(by_name["pipe"].first == ingest::file_status::skipped);
    CHECK(by_name["pipe"].second.find("FIFO") != std::string::npos);
    CHECK(by_name["zero"].first == ingest::file_status::skipped);
    CHECK(by_name["zero"].second.find("outside") != std::string::npos);
    CHECK(by_name["outside.xml"].first == ingest::file_status::skipped);
    CHECK(by_name["outside.xml"].second.find("outside") != std::string::npos);
    CHECK(by_name["loop-a"].first == ingest::file_status::skipped);
    CHECK(by_name["loop-a"].second.find("does not resolve") != std::string::npos);
    CHECK(by_name["lone-fifo"].first == ingest::file_status::unreadable);
    CHECK(by_name["lone-fifo"].second.find("FIFO") != std::string::npos);
    CHECK(scalar_int(d, "SELECT count(*) FROM source_file") == 1);
}
