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

namespace {

// Whether CSX_UPDATE_GOLDEN names `rel` (its path under the repository or its file name) or is
// "all". "1" (what the variable once took) is refused rather than read as "every file".
bool update_requested(const std::string& rel) {
    const char* value = std::getenv("CSX_UPDATE_GOLDEN");
    if (!value || !*value) return false;
    std::stringstream names(value);
    for (std::string name; std::getline(names, name, ',');) {
        while (!name.empty() && name.back() == ' ')
            name.pop_back();
        name.erase(0, name.find_first_not_of(' '));
        if (name == "1")
            FAIL(
                "CSX_UPDATE_GOLDEN takes the golden files to rewrite (comma-separated names) or "
                "'all', not 1");
        if (name == "all" || name == rel || name == fs::path(rel).filename().string()) return true;
    }
    return false;
}

// `diff -u` of the two texts, cut after `max_lines` lines.
std::string unified_diff(const std::string& expected, const std::string& actual,
                         const std::string& rel, std::size_t max_lines = 80) {
    temp_dir t;
    write_file(t.file("expected"), expected);
    write_file(t.file("actual"), actual);
    const std::string cmd = "diff -u --label " + shell_quote(rel) + " --label " +
                            shell_quote("what csx wrote") + " " + shell_quote(t.file("expected")) +
                            " " + shell_quote(t.file("actual")) + " 2>&1";
    std::FILE* p = popen(cmd.c_str(), "r");
    if (!p) return "(diff could not be run)\n";
    std::string out, line;
    std::size_t lines = 0, more = 0;
    char buf[4096];
    while (std::fgets(buf, sizeof buf, p)) {
        line += buf;
        if (line.back() != '\n') continue;  // the rest of a long line follows
        if (lines < max_lines) {
            out += line;
            ++lines;
        } else {
            ++more;
        }
        line.clear();
    }
    pclose(p);
    if (!line.empty() && lines < max_lines) out += line + "\n";
    if (more) out += "... (" + std::to_string(more) + " more lines of diff)\n";
    return out;
}

}  // namespace

void check_golden(const std::string& actual, const std::string& rel) {
    const std::string path = source_path(rel);
    if (update_requested(rel)) {
        write_file(path, actual);
        WARN("updated " << rel);
        return;
    }
    if (!fs::exists(path)) {
        FAIL_CHECK("golden file " << rel << " does not exist (CSX_UPDATE_GOLDEN="
                                  << fs::path(rel).filename().string() << " writes it)");
        return;
    }
    const std::string expected = read_file(path);
    if (actual == expected) {
        SUCCEED(rel);
        return;
    }
    FAIL_CHECK("output differs from the golden file "
               << rel << " (if intended: CSX_UPDATE_GOLDEN=" << fs::path(rel).filename().string()
               << ", then review the diff)\n"
               << unified_diff(expected, actual, rel));
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

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool in_quotes = false;
    auto end_field = [&] {
        row.push_back(std::move(field));
        field.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                in_quotes = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            REQUIRE(field.empty());  // a quote only opens a field
            in_quotes = true;
        } else if (c == ',') {
            end_field();
        } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
            if (c == '\r') ++i;
            end_field();
            rows.push_back(std::move(row));
            row.clear();
        } else {
            field += c;
        }
    }
    REQUIRE_FALSE(in_quotes);
    if (!field.empty() || !row.empty()) {  // a last row without its line end
        end_field();
        rows.push_back(std::move(row));
    }
    return rows;
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

std::string jq(const std::string& json, const std::string& path) {
    auto d = store::db::open(":memory:", store::open_mode::memory);
    auto st = d.prepare("SELECT json_extract(?1, ?2)");
    st.bind(1, json);
    st.bind(2, path);
    st.step();
    return st.is_null(0) ? "<null>" : st.column_text(0);
}

}  // namespace csx::test
