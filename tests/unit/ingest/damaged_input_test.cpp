// Damaged and hostile input: a clear message with file, line and column, the intact prefix
// kept, the file marked partial, nothing of an attacker's entity reaching the database.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>

#include "store/statement.hpp"
#include "test_support.hpp"

using namespace csx;
using test::scalar_int;
using test::scalar_text;

namespace {
ingest::file_result ingest_one(store::db& d, const std::string& path) {
    auto s = test::ingest_paths(d, {path}, {"hostile"});
    REQUIRE(s.files.size() == 1);
    return s.files[0];
}
}  // namespace

TEST_CASE("a truncated csexport keeps the objects before the cut", "[ingest][damage]") {
    test::temp_dir t;
    const std::string full =
        test::read_file(test::source_path("corpus/demo/contoso/csexport-ad-export-errors.xml"));
    const auto second = full.find("<cs-object cs-dn=\"CN=Lee");
    REQUIRE(second != std::string::npos);
    const std::string f = t.file("cut.xml");
    test::write_file(f, full.substr(0, second + 200));
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto r = ingest_one(d, f);
    CHECK(r.status == ingest::file_status::partial);
    CHECK(r.records == 1);
    REQUIRE(r.damage_at);
    CHECK(r.damage_at->line > 36);  // past the start of Lee Clerk (line 37)
    CHECK(r.message.find("looks truncated") != std::string::npos);
    CHECK(scalar_int(d, "SELECT count(*) FROM cs_object") == 1);
    CHECK(scalar_int(d, "SELECT count(*) FROM sync_error") == 1);  // Dana's error is intact
    CHECK(scalar_text(d, "SELECT status FROM source_file") == "partial");
    CHECK(scalar_int(d, "SELECT error_line FROM source_file") == r.damage_at->line);
}

TEST_CASE("truncation at every 97 bytes never crashes and keeps a consistent prefix",
          "[ingest][damage]") {
    test::temp_dir t;
    const std::string full =
        test::read_file(test::source_path("corpus/minimal/csexport-every-element.xml"));
    auto d = test::fresh_db(t.file("db.sqlite"));
    for (std::size_t cut = 0; cut < full.size(); cut += 97) {
        const std::string f = t.file("cut-" + std::to_string(cut) + ".xml");
        test::write_file(f, full.substr(0, cut));
        auto s = test::ingest_paths(d, {f}, {"t" + std::to_string(cut)});
        REQUIRE(s.files.size() == 1);
        const auto& r = s.files[0];
        CHECK(
            (r.status == ingest::file_status::partial || r.status == ingest::file_status::skipped));
        CHECK(r.records == 0);  // the only object is never complete before the end
    }
    CHECK(scalar_int(d, "SELECT count(*) FROM cs_object") == 0);
    CHECK(scalar_int(d, "SELECT count(*) FROM source_file WHERE status <> 'partial'") == 0);
}

TEST_CASE("malformed XML reports line and column and keeps the good objects", "[ingest][damage]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto r = ingest_one(d, test::source_path("corpus/hostile/malformed-csexport.xml"));
    CHECK(r.status == ingest::file_status::partial);
    REQUIRE(r.damage_at);
    CHECK(r.damage_at->line == 7);
    CHECK(r.damage_at->column > 0);
    CHECK(r.records == 1);
    CHECK(scalar_text(d, "SELECT cs_dn FROM cs_object") ==
          "CN=Good One,OU=Sales,DC=fabrikam,DC=example");
}

TEST_CASE("XXE to a local file: the file's content never reaches the database",
          "[ingest][damage]") {
    test::temp_dir t;
    const std::string secret =
        "csx-secret-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
    const std::string secret_file = t.file("secret.txt");
    test::write_file(secret_file, secret);
    const std::string f = t.file("xxe.xml");
    test::write_file(
        f, "<?xml version=\"1.0\"?>\n<!DOCTYPE cs-objects [ <!ENTITY s SYSTEM \"file://" +
               secret_file +
               "\"> ]>\n<cs-objects><cs-object cs-dn=\"CN=x,DC=y\" id=\"{1}\" object-type=\"user\">"
               "<synchronized-hologram><entry><attr "
               "name=\"displayName\"><value>&s;</value></attr></entry>"
               "</synchronized-hologram></cs-object></cs-objects>");
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto r = ingest_one(d, f);
    CHECK(r.status == ingest::file_status::partial);
    CHECK(r.message.find("DOCTYPE") != std::string::npos);
    d.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    CHECK(test::read_file(t.file("db.sqlite")).find(secret) == std::string::npos);
    CHECK(scalar_int(d, "SELECT count(*) FROM cs_object") == 0);
}

TEST_CASE("XXE to a URL and entity bombs are refused at once", "[ingest][damage]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    struct rusage before {};
    getrusage(RUSAGE_SELF, &before);
    const auto t0 = std::chrono::steady_clock::now();
    auto bomb = ingest_one(d, test::source_path("corpus/hostile/entity-bomb.xml"));
    auto url = ingest_one(d, test::source_path("corpus/hostile/xxe-url.xml"));
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    struct rusage after {};
    getrusage(RUSAGE_SELF, &after);
    CHECK(bomb.status == ingest::file_status::partial);
    CHECK(url.status == ingest::file_status::partial);
    CHECK(bomb.message.find("DOCTYPE") != std::string::npos);
    CHECK(secs < 2.0);                                      // 16^8 expansions would take minutes
    CHECK(after.ru_maxrss - before.ru_maxrss < 64 * 1024);  // KiB: no expansion in memory
}

TEST_CASE("files of no known kind are skipped with a reason, the rest still ingest",
          "[ingest][damage]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(
        d, {test::source_path("corpus/hostile"), test::source_path("corpus/demo/contoso")},
        {"mixed"});
    int skipped = 0, ingested = 0;
    for (const auto& f : s.files) {
        if (f.status == ingest::file_status::skipped) {
            ++skipped;
            CHECK_FALSE(f.message.empty());
        }
        ingested += f.status == ingest::file_status::ingested;
    }
    CHECK(skipped == 3);   // binary, empty, wrong-shape JSON
    CHECK(ingested == 8);  // the demo tenant's seven files (two connector configurations, the
                           // ldifde evidence) and the csexport inside dumps-zipped-by-hand.zip
}

TEST_CASE("JSON damage: truncated, a NUL in a value, odd-length UTF-16", "[ingest][damage]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto trunc = ingest_one(d, test::source_path("corpus/hostile/truncated-graph.json"));
    CHECK(trunc.status == ingest::file_status::partial);
    CHECK(trunc.records == 1);
    CHECK(trunc.damage_at->line == 4);
    CHECK(scalar_text(d, "SELECT user_principal_name FROM cloud_object") ==
          "kept@fabrikam.example");
    // A NUL inside a value would cut it wherever it is used as text (a command's address):
    // damage at its line, the object before it kept, nothing cut stored.
    auto nul = ingest_one(d, test::source_path("corpus/hostile/nul-in-graph-value.json"));
    CHECK(nul.status == ingest::file_status::partial);
    CHECK(nul.records == 1);
    CHECK(nul.damage_at->line == 3);
    CHECK(nul.message.find("NUL") != std::string::npos);
    CHECK(scalar_int(d, "SELECT count(*) FROM cloud_object WHERE user_principal_name LIKE 'sa%'") ==
          0);
    auto odd = ingest_one(d, test::source_path("corpus/hostile/odd-length-utf16.json"));
    CHECK(odd.status == ingest::file_status::partial);
    CHECK(odd.message.find("odd number of bytes") != std::string::npos);
    // A lone UTF-16 surrogate in XML stops libxml2's conversion; the parser then sees an early
    // end. It is named for what it is, never "truncated".
    auto lone = ingest_one(d, test::source_path("corpus/hostile/lone-surrogate-utf16.xml"));
    CHECK(lone.status == ingest::file_status::partial);
    CHECK(lone.records == 1);
    CHECK(lone.message.find("a lone UTF-16 surrogate: U+D800 (UTF-16LE)") != std::string::npos);
    CHECK(lone.message.find("looks truncated") == std::string::npos);
}

TEST_CASE("invalid UTF-8 after the sniffed prefix is damage with a line number",
          "[ingest][damage]") {
    test::temp_dir t;
    std::string xml = "<cs-objects>\n";
    for (int i = 0; i < 600; ++i)
        xml +=
            "<cs-object cs-dn=\"CN=u" + std::to_string(i) + ",DC=x\" id=\"{" + std::to_string(i) +
            "}\" object-type=\"user\"><synchronized-hologram><entry><attr "
            "name=\"description\"><value>" +
            std::string(120, 'x') + "</value></attr></entry></synchronized-hologram></cs-object>\n";
    xml +=
        "<cs-object cs-dn=\"CN=bad\xff,DC=x\" id=\"{b}\" "
        "object-type=\"user\"></cs-object>\n</cs-objects>\n";
    REQUIRE(xml.size() > 64 * 1024);
    const std::string f = t.file("late-bad-utf8.xml");
    test::write_file(f, xml);
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto r = ingest_one(d, f);
    CHECK(r.status == ingest::file_status::partial);
    CHECK(r.records == 600);
    CHECK(r.damage_at->line == 602);
}

TEST_CASE("10,000-deep nesting fails cleanly", "[ingest][damage]") {
    test::temp_dir t;
    std::string xml = "<cs-objects>";
    for (int i = 0; i < 10000; ++i)
        xml += "<x>";
    const std::string f = t.file("deep.xml");
    test::write_file(f, xml);
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto r = ingest_one(d, f);
    CHECK(r.status == ingest::file_status::partial);
    CHECK_FALSE(r.message.empty());
}

TEST_CASE("every corpus sample cut every 512 bytes: no crash, a clear outcome, a consistent prefix",
          "[ingest][damage]") {
    namespace fs = std::filesystem;
    // What a file's record_count counts, per kind, for the consistency check.
    const std::map<std::string, std::string> rows_of = {
        {"csexport", "SELECT count(*) FROM cs_object WHERE file_id = ?1"},
        {"run-history", "SELECT count(*) FROM run WHERE file_id = ?1"},
        {"connector-config", "SELECT count(*) FROM connector WHERE file_id = ?1"},
        {"graph-json", "SELECT count(*) FROM cloud_object WHERE file_id = ?1"},
        // Steps, and runs without any (a RunProfileResult without step details).
        {"clixml-runstep",
         "SELECT (SELECT count(*) FROM run_step JOIN run USING (run_id) WHERE run.file_id = ?1) + "
         "(SELECT count(*) FROM run AS r WHERE r.file_id = ?1 AND NOT EXISTS "
         "(SELECT 1 FROM run_step AS s WHERE s.run_id = r.run_id))"},
        {"collect-manifest", "SELECT count(*) FROM collect_item WHERE file_id = ?1"},
        {"dsacls", "SELECT count(*) FROM acl WHERE file_id = ?1"},
        {"ldif", "SELECT count(*) FROM ad_principal WHERE file_id = ?1"},
        {"clixml-ad", "SELECT count(*) FROM ad_principal WHERE file_id = ?1"}};
    std::vector<std::string> samples;
    for (const char* dir :
         {"corpus/demo", "corpus/minimal", "corpus/history", "corpus/redaction", "corpus/verify"})
        for (const auto& e : fs::recursive_directory_iterator(test::source_path(dir)))
            if (e.is_regular_file()) samples.push_back(e.path().string());
    std::sort(samples.begin(), samples.end());
    REQUIRE(samples.size() >= 15);

    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    int cuts = 0, partial = 0;
    for (const auto& sample : samples) {
        const std::string full = test::read_file(sample);
        std::int64_t last_records = 0;
        // Every 512 bytes, plus one byte further (odd lengths, half a UTF-16 unit).
        for (std::size_t base = 0; base < full.size(); base += 512) {
            for (std::size_t cut : {base, base + 1}) {
                if (cut >= full.size()) continue;
                ++cuts;
                const std::string f = t.file("cut-" + std::to_string(cuts) + ".bin");
                test::write_file(f, full.substr(0, cut));
                auto s = test::ingest_paths(d, {f}, {"t" + std::to_string(cuts)});
                CAPTURE(sample, cut);
                REQUIRE(s.files.size() == 1);
                const auto& r = s.files[0];
                // Never "ingested" as if whole: damaged, or not recognisable at all.
                CHECK((r.status == ingest::file_status::partial ||
                       r.status == ingest::file_status::skipped));
                CHECK_FALSE(r.message.empty());
                if (r.status != ingest::file_status::partial) continue;
                ++partial;
                REQUIRE(r.damage_at);
                CHECK(r.damage_at->line >= 1);
                // A longer prefix never keeps fewer records (within one 512-byte step pair).
                if (cut == base + 1) CHECK(r.records >= last_records);
                last_records = r.records;
                const std::string kind =
                    scalar_text(d, "SELECT kind FROM source_file ORDER BY file_id DESC LIMIT 1");
                const std::int64_t file_id = scalar_int(d, "SELECT max(file_id) FROM source_file");
                auto q = d.prepare(rows_of.at(kind));
                q.bind(1, file_id);
                REQUIRE(q.step());
                CHECK(q.column_int64(0) == r.records);
                CHECK(scalar_int(d, "SELECT record_count FROM source_file WHERE file_id = " +
                                        std::to_string(file_id)) == r.records);
            }
        }
    }
    CHECK(scalar_text(d, "PRAGMA integrity_check") == "ok");
    CHECK(scalar_int(d, "SELECT count(*) FROM source_file WHERE status = 'complete'") == 0);
    CHECK(partial > cuts / 2);  // most cuts are recognised and reported as damage
    WARN(cuts << " truncations of " << samples.size() << " samples, " << partial << " partial");
}

TEST_CASE("NUL bytes: a binary file at once, damage with its line further in", "[ingest][damage]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    // In the first 64 KiB: the file is not text at all.
    const std::string head =
        std::string("<?xml version=\"1.0\"?>\n<cs-objects>\n<cs-object cs-dn=\"CN=B") + '\0' +
        "C,DC=x\" id=\"{1}\"></cs-object>\n</cs-objects>\n";
    test::write_file(t.file("early.xml"), head);
    auto early = ingest_one(d, t.file("early.xml"));
    CHECK(early.status == ingest::file_status::skipped);
    CHECK(early.message.find("NUL") != std::string::npos);
    // Past the sniffed prefix: damage at the exact line, everything before it kept.
    for (const char* ext : {"xml", "json"}) {
        std::string body;
        const bool xml = std::string_view(ext) == "xml";
        body = xml ? "<?xml version=\"1.0\"?>\n<cs-objects>\n" : "{\"value\":[\n";
        for (int i = 0; i < 2000; ++i)
            body += xml ? "<cs-object cs-dn=\"CN=A" + std::to_string(i) + ",DC=x\" id=\"{" +
                              std::to_string(i) + "}\" object-type=\"user\"></cs-object>\n"
                        : "{\"id\":\"" + std::to_string(i) +
                              "\",\"displayName\":\"a\",\"onPremisesProvisioningErrors\":[]},\n";
        body += xml ? std::string("<cs-object cs-dn=\"CN=B") + '\0' +
                          "C,DC=x\"></cs-object>\n</cs-objects>\n"
                    : std::string("{\"id\":\"x\",\"displayName\":\"b") + '\0' +
                          "c\",\"onPremisesProvisioningErrors\":[]}]}\n";
        REQUIRE(body.size() > 64 * 1024);
        const std::string f = t.file(std::string("late.") + ext);
        test::write_file(f, body);
        auto r = ingest_one(d, f);
        CAPTURE(ext, r.message);
        CHECK(r.status == ingest::file_status::partial);
        CHECK(r.records == 2000);
        REQUIRE(r.damage_at);
        CHECK(r.damage_at->line == (xml ? 2003 : 2002));
    }
}

TEST_CASE("a date that does not exist is damage at its line, stored as written, never moved",
          "[ingest][damage][time]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    const auto edit = [&](const std::string& src, const std::string& from, const std::string& to,
                          const std::string& name) {
        std::string text = test::read_file(test::source_path(src));
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
        const std::string f = t.file(name);
        test::write_file(f, text);
        return ingest_one(d, f);
    };
    // csexport: an export error's first-occurred of February 31 (the error's line is that of its
    // <export-errordetail>, 76, as sync_error.line records it).
    auto cs = edit("corpus/minimal/csexport-every-element.xml",
                   "first-occurred=\"2026-01-11 09:30:00.000\"",
                   "first-occurred=\"2026-02-31 09:30:00.000\"", "cs.xml");
    CHECK(cs.status == ingest::file_status::partial);
    REQUIRE(cs.damage_at);
    CHECK(cs.damage_at->line == 76);
    CHECK(cs.damage_at->message ==
          "first-occurred '2026-02-31 09:30:00.000' at line 76 is no date or time that exists: "
          "kept as written");
    CHECK(scalar_int(d,
                     "SELECT count(*) FROM sync_error WHERE first_occurred = "
                     "'2026-02-31 09:30:00.000'") == 1);
    CHECK(scalar_int(d, "SELECT count(*) FROM sync_error WHERE first_occurred LIKE '2026-03-0%'") ==
          0);
    // Run history: a step's start-date of 2023-02-29 (line 12).
    auto rh = edit("corpus/minimal/run-history-two-runs.xml",
                   "<start-date>2026-01-12 10:05:00.000</start-date>",
                   "<start-date>2023-02-29 10:05:00.000</start-date>", "rh.xml");
    CHECK(rh.status == ingest::file_status::partial);
    REQUIRE(rh.damage_at);
    CHECK(rh.damage_at->message.rfind("start-date '2023-02-29 10:05:00.000' at line", 0) == 0);
    CHECK(scalar_int(d,
                     "SELECT count(*) FROM run_step WHERE start_date = "
                     "'2023-02-29 10:05:00.000'") == 1);
    // Graph: an occurredDateTime of month 13.
    auto gr =
        edit("corpus/demo/contoso/graph-provisioning-errors.json", "\"occurredDateTime\": \"2026",
             "\"occurredDateTime\": \"2026-13-01T00:00:00Z\", \"x\": \"2026", "g.json");
    CHECK(gr.status == ingest::file_status::partial);
    REQUIRE(gr.damage_at);
    CHECK(gr.damage_at->message.find("'2026-13-01T00:00:00Z'") != std::string::npos);
}
