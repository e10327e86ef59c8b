// Archives read in place (ingest/archive_reader, README "Archives"): a zipped tenant folder
// triages like the folder, tar / tar.gz / gz, nesting and its depth cap, the bomb caps, damage
// keeping the members before it, encrypted members, links and __MACOSX skipped. Every archive
// is written here at run time with libarchive's writer (nothing binary to keep in step).
#include <catch2/catch.hpp>

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "ingest/archive_reader.hpp"
#include "store/statement.hpp"
#include "test_support.hpp"
#include "util/c_handle.hpp"

using namespace csx;
using ingest::file_status;
using test::scalar_int;
using test::scalar_text;
namespace fs = std::filesystem;

namespace {

enum class format { zip, zip_encrypted, tar, tar_gz, gz };

struct member {
    std::string name;
    std::string data;
    std::uint64_t pad = 0;  // then this many `pad_char` bytes, written 1 MiB at a time
    char pad_char = ' ';
    enum class type { file, symlink, dir } kind = type::file;
};

la_ssize_t append(struct archive*, void* out, const void* buf, std::size_t n) {
    static_cast<std::string*>(out)->append(static_cast<const char*>(buf), n);
    return static_cast<la_ssize_t>(n);
}

std::string make_archive(format f, const std::vector<member>& members) {
    std::string out;
    c_handle<struct archive, archive_write_free> a(archive_write_new());
    REQUIRE(a);
    switch (f) {
        case format::zip:
        case format::zip_encrypted:
            REQUIRE(archive_write_set_format_zip(a.get()) == ARCHIVE_OK);
            break;
        case format::tar:
            REQUIRE(archive_write_set_format_pax_restricted(a.get()) == ARCHIVE_OK);
            break;
        case format::tar_gz:
            REQUIRE(archive_write_set_format_pax_restricted(a.get()) == ARCHIVE_OK);
            REQUIRE(archive_write_add_filter_gzip(a.get()) == ARCHIVE_OK);
            break;
        case format::gz:
            REQUIRE(archive_write_set_format_raw(a.get()) == ARCHIVE_OK);
            REQUIRE(archive_write_add_filter_gzip(a.get()) == ARCHIVE_OK);
            break;
    }
    if (f == format::zip_encrypted) {
        REQUIRE(archive_write_set_options(a.get(), "zip:encryption=traditional") == ARCHIVE_OK);
        REQUIRE(archive_write_set_passphrase(a.get(), "secret") == ARCHIVE_OK);
    }
    REQUIRE(archive_write_set_bytes_in_last_block(a.get(), 1) == ARCHIVE_OK);
    REQUIRE(archive_write_open(a.get(), &out, nullptr, append, nullptr) == ARCHIVE_OK);
    const std::string chunk(1 << 20, '\0');
    for (const auto& m : members) {
        c_handle<archive_entry, archive_entry_free> e(archive_entry_new());
        archive_entry_set_pathname(e.get(), m.name.c_str());
        archive_entry_set_mtime(e.get(), 1700000000, 0);
        if (m.kind == member::type::dir) {
            archive_entry_set_filetype(e.get(), AE_IFDIR);
            archive_entry_set_perm(e.get(), 0755);
        } else if (m.kind == member::type::symlink) {
            archive_entry_set_filetype(e.get(), AE_IFLNK);
            archive_entry_set_symlink(e.get(), m.data.c_str());
            archive_entry_set_perm(e.get(), 0777);
        } else {
            archive_entry_set_filetype(e.get(), AE_IFREG);
            archive_entry_set_perm(e.get(), 0644);
            archive_entry_set_size(e.get(), static_cast<la_int64_t>(m.data.size() + m.pad));
        }
        REQUIRE(archive_write_header(a.get(), e.get()) == ARCHIVE_OK);
        if (m.kind != member::type::file) continue;
        if (!m.data.empty())
            REQUIRE(archive_write_data(a.get(), m.data.data(), m.data.size()) ==
                    static_cast<la_ssize_t>(m.data.size()));
        const std::string fill(chunk.size(), m.pad_char);
        for (std::uint64_t left = m.pad; left > 0;) {
            const std::size_t n =
                static_cast<std::size_t>(std::min<std::uint64_t>(left, fill.size()));
            REQUIRE(archive_write_data(a.get(), fill.data(), n) == static_cast<la_ssize_t>(n));
            left -= n;
        }
    }
    REQUIRE(archive_write_close(a.get()) == ARCHIVE_OK);
    return out;
}

// The files of a corpus folder as archive members, in the order discovery reads a folder
// (sorted paths), each named `prefix` + its path below the folder.
std::vector<member> folder_members(const std::string& rel, const std::string& prefix) {
    const fs::path root = test::source_path(rel);
    std::vector<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file()) files.push_back(fs::relative(e.path(), root).string());
    std::sort(files.begin(), files.end());
    std::vector<member> out;
    for (const auto& f : files)
        out.push_back({prefix + f, test::read_file((root / f).string())});
    return out;
}

std::string write_archive(const test::temp_dir& t, const std::string& name, format f,
                          const std::vector<member>& members) {
    const std::string path = t.file(name);
    test::write_file(path, make_archive(f, members));
    return path;
}

const ingest::file_result* find(const ingest::ingest_summary& s, const std::string& path) {
    for (const auto& f : s.files)
        if (f.path == path) return &f;
    return nullptr;
}

// The result for `path`, which must be there.
const ingest::file_result& result(const ingest::ingest_summary& s, const std::string& path) {
    const auto* r = find(s, path);
    INFO(path);
    REQUIRE(r);
    return *r;
}

file_status status(const ingest::ingest_summary& s, const std::string& path) {
    return result(s, path).status;
}

// `path` has this status and its message holds `text`.
void check(const ingest::ingest_summary& s, const std::string& path, file_status want,
           const std::string& text) {
    const auto& r = result(s, path);
    CAPTURE(path, r.message);
    CHECK(r.status == want);
    CHECK(r.message.find(text) != std::string::npos);
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size())
        s.replace(at, from.size(), to);
    return s;
}

const std::string kCsexport =
    test::read_file(test::source_path("corpus/demo/contoso/csexport-ad-export-errors.xml"));

}  // namespace

TEST_CASE("a tenant folder zipped as a client would send it gives the same triage as the folder",
          "[archive][cli]") {
    test::temp_dir t;
    const std::string folder = test::source_path("corpus/demo/contoso");
    const auto expected = test::run_csx("triage --format json " + test::shell_quote(folder));
    REQUIRE(expected.exit_code == 0);
    REQUIRE(expected.out.find("csexport-ad-export-errors.xml") != std::string::npos);
    // "Send to > Compressed folder" on the folder (everything under contoso/), zipping the
    // folder's contents (no wrapping folder), and a tar.gz of the folder.
    struct variant {
        std::string file, prefix;
        format f;
    };
    for (const variant& v : {variant{"contoso.zip", "contoso/", format::zip},
                             variant{"inside/contoso.zip", "", format::zip},
                             variant{"contoso.tar.gz", "contoso/", format::tar_gz}}) {
        CAPTURE(v.file);
        fs::create_directories(t.path() / "inside");
        const std::string zip =
            write_archive(t, v.file, v.f, folder_members("corpus/demo/contoso", v.prefix));
        const auto got = test::run_csx("triage --format json " + test::shell_quote(zip));
        CAPTURE(got.err);
        CHECK(got.exit_code == 0);
        // The provenance names the member inside the archive.
        CHECK(got.out.find(zip + "!/" + v.prefix + "csexport-ad-export-errors.xml") !=
              std::string::npos);
        CHECK(replace_all(got.out, zip + "!/" + v.prefix, folder + "/") == expected.out);
    }
}

TEST_CASE("archives stand for folders in the tenant rules", "[archive][ingest]") {
    test::temp_dir t;
    const auto contoso = folder_members("corpus/demo/contoso", "");
    const auto fabrikam = folder_members("corpus/demo/fabrikam", "");
    SECTION("dumps/ holding contoso.zip and fabrikam.tgz is a fleet of two tenants") {
        fs::create_directories(t.path() / "dumps");
        write_archive(t, "dumps/contoso.zip", format::zip, contoso);
        write_archive(t, "dumps/fabrikam.tgz", format::tar_gz, fabrikam);
        auto d = test::fresh_db(t.file("db.sqlite"));
        auto s = test::ingest_paths(d, {t.file("dumps")});
        CHECK(s.count(file_status::ingested) == static_cast<int>(contoso.size() + fabrikam.size()));
        CHECK(
            scalar_text(d, "SELECT group_concat(name) FROM (SELECT name FROM tenant ORDER BY 1)") ==
            "contoso,fabrikam");
        CHECK(scalar_text(d, "SELECT DISTINCT tenant_source FROM source_file") == "folder");
    }
    SECTION("a zip of the whole dumps folder splits into its tenants, as the folder does") {
        std::vector<member> all;
        for (auto m : contoso)
            all.push_back({"demo/contoso/" + m.name, m.data});
        for (auto m : fabrikam)
            all.push_back({"demo/fabrikam/" + m.name, m.data});
        all.push_back({"__MACOSX/demo/contoso/._csexport-ad-export-errors.xml", "\x00\x05\x16"});
        all.push_back({"demo/.DS_Store", "junk"});
        const std::string zip = write_archive(t, "demo.zip", format::zip, all);
        auto d = test::fresh_db(t.file("db.sqlite"));
        auto s = test::ingest_paths(d, {zip});
        CHECK(
            scalar_text(d, "SELECT group_concat(name) FROM (SELECT name FROM tenant ORDER BY 1)") ==
            "contoso,fabrikam");
        // Hidden members and macOS resource forks are passed over without a word.
        CHECK(s.files.size() == contoso.size() + fabrikam.size());
        CHECK(scalar_int(d, "SELECT count(*) FROM source_file WHERE path LIKE '%MACOSX%'") == 0);
    }
    SECTION("--tenant names every member's tenant") {
        const std::string zip = write_archive(t, "bundle.zip", format::zip, contoso);
        auto d = test::fresh_db(t.file("db.sqlite"));
        ingest::ingest_options o;
        o.tenant = "acme";
        test::ingest_paths(d, {zip}, o);
        CHECK(scalar_text(d, "SELECT group_concat(DISTINCT name) FROM tenant") == "acme");
    }
}

TEST_CASE("tar, tar.gz and a gzip'd file are read in place", "[archive][ingest]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    const std::vector<member> one = {{"dumps/ad.xml", kCsexport}};
    const std::string tar = write_archive(t, "a.tar", format::tar, one);
    const std::string tgz = write_archive(t, "b.tar.gz", format::tar_gz, one);
    // Not named .gz: the format comes from the bytes.
    const std::string gz = write_archive(t, "ad-export.xml.gz", format::gz, {{"data", kCsexport}});
    const std::string renamed = t.file("mystery.bin");
    fs::copy_file(tgz, renamed);
    ingest::ingest_options o;
    o.tenant = "t";
    o.replace = true;
    auto s = test::ingest_paths(d, {tar, tgz, gz, renamed}, o);
    for (const std::string& p : {tar + "!/dumps/ad.xml", tgz + "!/dumps/ad.xml",
                                 gz + "!/ad-export.xml", renamed + "!/dumps/ad.xml"}) {
        const auto& r = result(s, p);
        CHECK(r.kind == ingest::input_kind::csexport);
        CHECK(r.records == 2);
        CHECK(r.bytes == kCsexport.size());
    }
    // The same bytes four times: one kept, the others replaced (--replace) or unchanged.
    CHECK(scalar_int(d, "SELECT count(*) FROM source_file") == 1);
    CHECK(scalar_text(d, "SELECT path FROM source_file") == renamed + "!/dumps/ad.xml");

    // A gzip'd file given alone is a file, not a folder: its tenant comes from its data.
    auto d2 = test::fresh_db(t.file("db2.sqlite"));
    test::ingest_paths(d2, {gz});
    CHECK(scalar_text(d2, "SELECT tenant_source FROM source_file") == "data");
}

TEST_CASE("an archive inside an archive is opened, to a fixed depth", "[archive][ingest]") {
    test::temp_dir t;
    const std::string inner = make_archive(format::tar_gz, {{"x/ad.xml", kCsexport}});
    const std::string middle = make_archive(format::zip, {{"inner.tar.gz", inner}});
    SECTION("two levels are read") {
        const std::string outer = write_archive(t, "outer.zip", format::zip,
                                                {{"inner.tar.gz", inner}, {"readme.txt", "hi"}});
        auto d = test::fresh_db(t.file("db.sqlite"));
        auto s = test::ingest_paths(d, {outer}, {"t"});
        CHECK(status(s, outer + "!/inner.tar.gz!/x/ad.xml") == file_status::ingested);
        CHECK(result(s, outer + "!/inner.tar.gz!/x/ad.xml").records == 2);
        CHECK(status(s, outer + "!/readme.txt") == file_status::skipped);
    }
    SECTION("a third level is not opened, and says why") {
        const std::string outer = write_archive(t, "outer.zip", format::zip,
                                                {{"middle.zip", middle}, {"ad.xml", kCsexport}});
        auto d = test::fresh_db(t.file("db.sqlite"));
        auto s = test::ingest_paths(d, {outer}, {"t"});
        check(s, outer + "!/middle.zip!/inner.tar.gz", file_status::partial, "2 deep");
        // What follows in the outer archive is still read.
        CHECK(status(s, outer + "!/ad.xml") == file_status::ingested);
    }
}

TEST_CASE("zip bombs: a member expanding past the ratio cap is stopped early",
          "[archive][ingest]") {
    test::temp_dir t;
    // 200 MiB of blanks inside a csexport (valid XML all the way) and 200 MiB of zeros, each
    // deflated to about 200 KB: the parse reaches the cap after its first MiB.
    const std::string zip =
        write_archive(t, "bomb.zip", format::zip,
                      {{"first.xml", kCsexport},
                       {"bomb.xml", "<cs-objects>", std::uint64_t{200} << 20, ' '},
                       {"after.xml", kCsexport}});
    const std::string zeros = write_archive(t, "zeros.zip", format::zip,
                                            {{"zeros.bin", "", std::uint64_t{200} << 20, '\0'}});
    CHECK(fs::file_size(zip) < (2u << 20));
    auto d = test::fresh_db(t.file("db.sqlite"));
    const auto t0 = std::chrono::steady_clock::now();
    auto s = test::ingest_paths(d, {zip, zeros}, {"t"});
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK(secs < 5.0);
    CHECK(status(s, zip + "!/first.xml") == file_status::ingested);
    check(s, zip + "!/bomb.xml", file_status::partial, "expands more than 200:1");
    CHECK(result(s, zip + "!/bomb.xml").bytes < (4u << 20));  // stopped after a MiB, not 200
    CHECK_FALSE(find(s, zip + "!/after.xml"));                // the archive is not read past a bomb
    CHECK(scalar_text(d, "SELECT status FROM source_file WHERE path LIKE '%bomb.xml'") ==
          "partial");
    // A member nobody reads (zeros: a binary file) is passed over under the same cap.
    check(s, zeros, file_status::partial, "while passing over 'zeros.bin'");
}

TEST_CASE("zip bombs: the total-size and entry-count caps", "[archive][ingest]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    ingest::ingest_options o;
    o.tenant = "t";
    o.archive_caps.max_total_bytes = kCsexport.size() * 2 + 100;
    std::vector<member> three;
    for (int i = 0; i < 3; ++i)
        three.push_back({"f" + std::to_string(i) + ".xml", kCsexport + std::string(10 + i, ' ')});
    const std::string big = write_archive(t, "big.zip", format::zip, three);
    auto s = test::ingest_paths(d, {big}, o);
    CHECK(status(s, big + "!/f0.xml") == file_status::ingested);
    CHECK(status(s, big + "!/f1.xml") == file_status::ingested);
    check(s, big + "!/f2.xml", file_status::partial, "csx's limit for one archive");

    ingest::ingest_options o2;
    o2.tenant = "t2";
    o2.archive_caps.max_members = 3;
    three.push_back({"f3.xml", kCsexport + "  "});
    const std::string many = write_archive(t, "many.tar", format::tar, three);
    s = test::ingest_paths(d, {many}, o2);
    CHECK(status(s, many + "!/f2.xml") == file_status::ingested);
    CHECK_FALSE(find(s, many + "!/f3.xml"));
    check(s, many, file_status::partial, "more than 3 entries");
}

TEST_CASE("a truncated zip keeps the members before the cut and names the damaged one",
          "[archive][ingest][damage]") {
    test::temp_dir t;
    const auto members = folder_members("corpus/demo/contoso", "contoso/");
    const std::string whole = make_archive(format::zip, members);
    // Cut inside the third member's data.
    const auto third = whole.find(members[2].name);
    REQUIRE(third != std::string::npos);
    const std::string zip = t.file("cut.zip");
    test::write_file(zip, whole.substr(0, third + members[2].name.size() + 300));
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(d, {zip}, {"t"});
    CHECK(status(s, zip + "!/" + members[0].name) == file_status::ingested);
    CHECK(status(s, zip + "!/" + members[1].name) == file_status::ingested);
    check(s, zip + "!/" + members[2].name, file_status::partial, "damaged");
    CHECK(s.files.size() == 3);
    CHECK(scalar_int(d, "SELECT count(*) FROM source_file WHERE status = 'complete'") == 2);

    // On the command line: exit 3, and the message names the member.
    auto r = test::run_csx("ingest --db " + test::shell_quote(t.file("cli.sqlite")) + " " +
                           test::shell_quote(zip));
    CHECK(r.exit_code == 3);
    CHECK(r.err.find(zip + "!/" + members[2].name) != std::string::npos);
}

TEST_CASE("a zip cut anywhere: no crash, complete members kept, nothing after the damage",
          "[archive][ingest][damage]") {
    test::temp_dir t;
    const auto members = folder_members("corpus/demo/contoso", "contoso/");
    const std::string whole = make_archive(format::zip, members);
    const std::string tgz = make_archive(format::tar_gz, members);
    auto d = test::fresh_db(t.file("db.sqlite"));
    int cuts = 0;
    for (const std::string* full : {&whole, &tgz}) {
        for (std::size_t cut = 0; cut < full->size(); cut += 701) {
            const std::string f = t.file("cut-" + std::to_string(++cuts));
            test::write_file(f, full->substr(0, cut));
            auto s = test::ingest_paths(d, {f}, {"t" + std::to_string(cuts)});
            CAPTURE(cut, full == &tgz);
            // Members come in order: complete ones, then at most one damaged result last.
            bool damaged = false;
            for (const auto& r : s.files) {
                CHECK_FALSE(damaged);
                CHECK(r.status != file_status::unreadable);
                if (r.status == file_status::partial) {
                    damaged = true;
                    CHECK_FALSE(r.message.empty());
                }
            }
            CHECK((damaged || cut == 0 || s.files.size() == members.size()));
        }
    }
    CHECK(scalar_text(d, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("a corrupt deflate stream in one member keeps the members before it",
          "[archive][ingest][damage]") {
    test::temp_dir t;
    std::vector<member> members;
    for (int i = 0; i < 5; ++i) {
        std::string x = kCsexport;
        // Different content (no duplicates) that deflates to a good size.
        x.insert(x.find("<cs-objects>") + 12, "<!-- " + std::string(2000, char('a' + i)) + " -->");
        members.push_back({"m" + std::to_string(i) + ".xml", x});
    }
    std::string zip = make_archive(format::zip, members);
    const auto at = zip.find("m2.xml");
    REQUIRE(at != std::string::npos);
    for (std::size_t i = at + 40; i < at + 120; ++i)
        zip[i] = static_cast<char>(zip[i] ^ 0x5a);
    const std::string path = t.file("corrupt.zip");
    test::write_file(path, zip);
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(d, {path}, {"t"});
    CHECK(status(s, path + "!/m0.xml") == file_status::ingested);
    CHECK(status(s, path + "!/m1.xml") == file_status::ingested);
    check(s, path + "!/m2.xml", file_status::partial, "damaged");
    CHECK_FALSE(find(s, path + "!/m3.xml"));
}

TEST_CASE("encrypted members, links and devices are skipped with the reason", "[archive][ingest]") {
    test::temp_dir t;
    const std::string enc =
        write_archive(t, "locked.zip", format::zip_encrypted, {{"ad.xml", kCsexport}});
    const std::string tar =
        write_archive(t, "links.tar", format::tar,
                      {{"d", "", 0, ' ', member::type::dir},
                       {"d/link.xml", "/etc/passwd", 0, ' ', member::type::symlink},
                       {"d/ad.xml", kCsexport}});
    const std::string empty = write_archive(t, "empty.zip", format::zip, {});
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto s = test::ingest_paths(d, {enc, tar, empty}, {"t"});
    check(s, enc + "!/ad.xml", file_status::skipped, "encrypted");
    check(s, tar + "!/d/link.xml", file_status::skipped, "symbolic link");
    CHECK(status(s, tar + "!/d/ad.xml") == file_status::ingested);
    check(s, empty, file_status::skipped, "an empty zip archive");
    CHECK(scalar_int(d, "SELECT count(*) FROM source_file") == 1);
}

TEST_CASE("a zip ingested twice changes nothing the second time, --replace re-reads it",
          "[archive][ingest]") {
    test::temp_dir t;
    const std::string zip =
        write_archive(t, "contoso.zip", format::zip, folder_members("corpus/demo/contoso", ""));
    auto d = test::fresh_db(t.file("db.sqlite"));
    auto first = test::ingest_paths(d, {zip});
    const auto objects = scalar_int(d, "SELECT count(*) FROM cs_object");
    const auto files = scalar_int(d, "SELECT count(*) FROM source_file");
    auto again = test::ingest_paths(d, {zip});
    CHECK(again.count(file_status::duplicate) == first.count(file_status::ingested));
    CHECK(scalar_int(d, "SELECT count(*) FROM cs_object") == objects);
    ingest::ingest_options o;
    o.replace = true;
    auto replaced = test::ingest_paths(d, {zip}, o);
    CHECK(replaced.count(file_status::ingested) == first.count(file_status::ingested));
    CHECK(scalar_int(d, "SELECT count(*) FROM cs_object") == objects);
    CHECK(scalar_int(d, "SELECT count(*) FROM source_file") == files);
    CHECK(scalar_text(d, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("archive_stem drops the archive extension only", "[archive]") {
    CHECK(ingest::archive_stem("dumps/contoso.zip") == "contoso");
    CHECK(ingest::archive_stem("a.TAR.GZ") == "a");
    CHECK(ingest::archive_stem("x!/full.xml.gz") == "full.xml");
    CHECK(ingest::archive_stem("b.tgz") == "b");
    CHECK(ingest::archive_stem("plain.xml") == "plain.xml");
    CHECK(ingest::archive_stem(".zip") == ".zip");
}
