#include "test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include <catch2/catch.hpp>

#include "store/schema.hpp"
#include "store/statement.hpp"
#include "util/utf8.hpp"

namespace csx::test {

namespace fs = std::filesystem;

std::string source_path(const std::string& rel) {
    return (fs::path(CSX_SOURCE_DIR) / rel).string();
}

namespace {

fs::path shared_root() {
    if (const char* dir = std::getenv("CSX_SHARED_DIR"); dir && *dir) return dir;
    return CSX_SHARED_DIR;
}

}  // namespace

std::string shared_path(const std::string& rel) {
    return (shared_root() / rel).string();
}

bool shared_available() {
    return fs::exists(shared_root() / "real");
}

void skip(const std::string& why) {
    std::printf("%s %s\n", skip_marker, why.c_str());
    std::fflush(stdout);
}

temp_dir::temp_dir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("csx-test-" + std::to_string(getpid()) + "-" +
                                         std::to_string(counter++) + "-" + std::to_string(rd()));
    fs::create_directories(path_);
}

temp_dir::~temp_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

void write_file(const std::string& path, const std::string& bytes) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream f(path, std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::string utf16(std::string_view utf8, bool big_endian) {
    std::string out = big_endian ? "\xFE\xFF" : "\xFF\xFE";
    auto unit = [&](std::uint32_t u) {
        const char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
        out += big_endian ? hi : lo;
        out += big_endian ? lo : hi;
    };
    for (std::size_t i = 0; i < utf8.size();) {
        const std::uint32_t cp = utf8::decode(utf8, i);
        if (cp >= 0x10000) {
            unit(0xD800 + ((cp - 0x10000) >> 10));
            unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            unit(cp);
        }
    }
    return out;
}

store::db fresh_db(const std::string& path) {
    auto d = store::db::open(path, store::open_mode::create);
    store::migrate(d);
    return d;
}

ingest::ingest_summary ingest_paths(store::db& d, const std::vector<std::string>& paths,
                                    ingest::ingest_options opts) {
    collected obs;
    ingest::ingester ing(d, std::move(opts), obs);
    return ing.run(paths);
}

std::int64_t scalar_int(store::db& d, const std::string& sql) {
    auto st = d.prepare(sql);
    REQUIRE(st.step());
    return st.column_int64(0);
}

std::string scalar_text(store::db& d, const std::string& sql) {
    auto st = d.prepare(sql);
    REQUIRE(st.step());
    return st.column_text(0);
}

std::vector<std::vector<std::string>> rows(store::db& d, const std::string& sql) {
    auto st = d.prepare(sql);
    std::vector<std::vector<std::string>> out;
    while (st.step()) {
        std::vector<std::string> r;
        for (int i = 0; i < st.column_count(); ++i)
            r.push_back(st.is_null(i) ? "NULL" : st.column_text(i));
        out.push_back(std::move(r));
    }
    return out;
}

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

run_result run_csx(const std::string& args, const std::string& cwd) {
    temp_dir t;
    const std::string out = t.file("out"), err = t.file("err");
    const std::string cmd = "cd " + shell_quote(cwd) + " && " + shell_quote(CSX_BINARY) + " " +
                            args + " >" + shell_quote(out) + " 2>" + shell_quote(err);
    const int status = std::system(cmd.c_str());
    run_result r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

}  // namespace csx::test
