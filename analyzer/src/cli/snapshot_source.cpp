#include "cli/snapshot_source.hpp"

#include <cctype>
#include <filesystem>

#include <fmt/format.h>

#include "rules/catalog_digest.hpp"
#include "snapshot/snapshot_store.hpp"
#include "store/schema.hpp"
#include "util/error.hpp"
#include "util/file_lock.hpp"
#include "util/time.hpp"

namespace csx::cli {

int take_snapshots(store::db& d, const std::vector<rules::rule>& rules,
                   const std::vector<std::string>& tenants) {
    auto analysis = store::db::open(d.path(), store::open_mode::read_only);
    return snapshot::refresh(d, analysis, rules, tenants);
}

snapshot_source open_snapshots(const std::string& db_path, const std::vector<rules::rule>& rules,
                               const std::vector<std::string>& tenants) {
    std::error_code ec;
    if (!std::filesystem::exists(db_path, ec))
        throw db_error(
            fmt::format("database '{}' does not exist: run `csx ingest --db {} PATH...` first",
                        db_path, db_path));
    // Snapshots are writes: after any ingest in progress, never interleaved with it.
    auto lock = file_lock::acquire(lock_path_for(db_path), [&] {
        fmt::print(stderr, "csx: an ingest is writing to {}; waiting for it to finish\n", db_path);
    });
    auto d = store::db::open(db_path, store::open_mode::read_write);
    store::migrate(d);
    const int taken = take_snapshots(d, rules, tenants);
    return {std::move(d), rules::catalog_digest(rules), taken};
}

std::string parse_since(const std::string& text) {
    // Positions of digits in 'YYYY-MM-DD HH:MM:SS'.
    static constexpr std::string_view shape = "dddd-dd-dd dd:dd:dd";
    if (text.size() != 10 && text.size() != 16 && text.size() != 19)
        throw usage_error(fmt::format(
            "--since must be a UTC date 'YYYY-MM-DD' or time 'YYYY-MM-DD HH:MM[:SS]', not '{}'",
            text));
    std::string out = text;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool ok = shape[i] == 'd'   ? std::isdigit(static_cast<unsigned char>(c)) != 0
                        : shape[i] == ' ' ? (c == ' ' || c == 'T')
                                          : c == shape[i];
        if (!ok)
            throw usage_error(fmt::format(
                "--since must be a UTC date 'YYYY-MM-DD' or time 'YYYY-MM-DD HH:MM[:SS]', not "
                "'{}'",
                text));
    }
    if (out.size() > 10) out[10] = ' ';
    if (out.size() == 10) out += " 00:00:00";
    if (out.size() == 16) out += ":00";
    if (!utc::parse(out))
        throw usage_error(fmt::format("--since '{}' is no date or time that exists", text));
    return out;
}

}  // namespace csx::cli
