#include "ingest/manifest_handler.hpp"

#include <cctype>

#include <fmt/format.h>

#include "store/db.hpp"
#include "store/statement.hpp"
#include "util/time.hpp"

namespace csx::ingest {

manifest_handler::manifest_handler(text_encoding enc, store::table_writer& w, std::int64_t file_id,
                                   std::string path)
    : w_(w), file_id_(file_id), decoder_(enc) {
    const auto slash = path.rfind('/');
    if (slash != std::string::npos) dir_ = path.substr(0, slash + 1);
}

bool manifest_handler::fail(std::string message) {
    if (!damage_) damage_ = damage{1, 0, std::move(message)};
    return false;
}

bool manifest_handler::feed(std::string_view bytes) {
    if (damage_) return false;
    if (!decoder_.decode(bytes, text_))
        return fail(fmt::format("the manifest is not text in its encoding: {}",
                                decoder_.error().value_or("invalid bytes")));
    if (text_.size() > kMaxBytes)
        return fail(fmt::format("the manifest is larger than {} MiB: not one csx collect wrote",
                                kMaxBytes >> 20));
    return true;
}

namespace {

std::string upper_braced(std::string id) {
    if (!id.empty() && id.front() != '{') id = "{" + id + "}";
    for (auto& c : id)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return id;
}

bool contains(const std::string& s, std::string_view what) {
    return s.find(what) != std::string::npos;
}

}  // namespace

bool manifest_handler::finish() {
    if (damage_) return false;
    if (!decoder_.finish())
        return fail(fmt::format("the manifest ends inside a character: {}",
                                decoder_.error().value_or("truncated")));
    store::db& d = w_.database();
    {
        auto v = d.prepare("SELECT json_valid(?1)");
        v.bind(1, text_);
        v.step();
        if (v.column_int64(0) == 0)
            return fail(
                "the manifest is not well-formed JSON (cut off while it was copied?): nothing in "
                "it was read; the files beside it still are");
        auto ty = d.prepare("SELECT json_type(?1, '$.csx_collect')");
        ty.bind(1, text_);
        ty.step();
        if (ty.column_text(0) != "integer")
            return fail(
                "the manifest has no integer csx_collect member: not a csx collect "
                "manifest");
    }

    // The run: who collected, where, when.
    auto run = d.prepare(
        "SELECT json_extract(?1, '$.csx_collect'), json_extract(?1, '$.csx_version'),"
        " json_extract(?1, '$.powershell_version'), json_extract(?1, '$.adsync_version'),"
        " json_extract(?1, '$.server'), json_extract(?1, '$.collected_utc'),"
        " CASE WHEN json_type(?1, '$.options') = 'object' THEN json_extract(?1, '$.options') END,"
        " json_extract(?1, '$.install.bin'),"
        " json_extract(?1, '$.install.source')");
    run.bind(1, text_);
    run.step();
    std::string when = run.column_text(5);
    std::string stored_when;
    if (!when.empty() && utc::normalize(when, stored_when) == utc::parse_status::impossible &&
        !damage_)
        damage_ = damage{1, 0,
                         fmt::format("collected_utc '{}' is no date or time that exists: kept as "
                                     "written",
                                     when)};
    const std::string server = run.column_text(4);
    const std::string version = run.column_text(1);
    const std::string options = run.column_text(6);
    const std::string bin = run.column_text(7);
    const std::string source = run.column_text(8);
    const std::string ps = run.column_text(2);
    const std::string adsync = run.column_text(3);
    w_.insert("collect_run", {{"file_id", file_id_},
                              {"format", run.column_int64(0)},
                              {"csx_version", store::text_or_null(version)},
                              {"powershell_version", store::text_or_null(ps)},
                              {"adsync_version", store::text_or_null(adsync)},
                              {"server", store::text_or_null(server)},
                              {"collected_at", store::text_or_null(stored_when)},
                              {"options", store::text_or_null(options)},
                              {"install_bin", store::text_or_null(bin)},
                              {"install_source", store::text_or_null(source)}});

    // Every step of the collection.
    auto items = d.prepare(
        "SELECT CAST(key AS INTEGER), json_extract(value, '$.file'), json_extract(value, '$.what'),"
        " json_extract(value, '$.command'), json_extract(value, '$.status'),"
        " CAST(json_extract(value, '$.exit_code') AS INTEGER),"
        " json_extract(value, '$.message'), json_extract(value, '$.connector')"
        " FROM json_each(?1, '$.items') WHERE json_type(?1, '$.items') = 'array' ORDER BY 1");
    items.bind(1, text_);
    // A dump of the bundle already read: whose it is (the ingester does this for the dumps
    // read after the manifest).
    auto hint = d.prepare(
        "UPDATE source_file SET connector_hint = ?1 WHERE path = ?2 AND kind = 'csexport' "
        "AND connector_hint IS NULL");
    std::int64_t failed = 0;
    while (items.step()) {
        const std::string path = items.column_text(1), what = items.column_text(2),
                          command = items.column_text(3), message = items.column_text(6);
        std::string status = items.column_text(4);
        if (status != "ok" && status != "failed" && status != "skipped") status = "failed";
        failed += status != "ok";
        const std::string connector = items.column_text(7);
        const std::string member = path.empty() ? std::string() : dir_ + path;
        if (!connector.empty() && !member.empty()) {
            hint.reset();
            hint.bind(1, connector);
            hint.bind(2, member);
            hint.step();
        }
        w_.insert("collect_item",
                  {{"file_id", file_id_},
                   {"ord", items.column_int64(0)},
                   {"path", std::string_view(path)},
                   {"what", std::string_view(what.empty() ? std::string_view("(unnamed step)")
                                                          : std::string_view(what))},
                   {"command", store::text_or_null(command)},
                   {"status", std::string_view(status)},
                   {"exit_code", items.is_null(5) ? store::value{} : items.column_int64(5)},
                   {"message", store::text_or_null(message)},
                   {"connector", store::text_or_null(connector)},
                   {"member", store::text_or_null(member)}});
        ++records_;
    }

    // The connectors, with the AD connector's account (forest-login-user / -domain).
    auto conns = d.prepare(
        "SELECT json_extract(value, '$.name'), json_extract(value, '$.id'),"
        " json_extract(value, '$.type'), json_extract(value, '$.subtype'),"
        " json_extract(value, '$.login_user'), json_extract(value, '$.login_domain'),"
        " json_extract(value, '$.forest_name'), json_extract(value, '$.aad_user_name'),"
        " CASE WHEN json_type(value, '$.partitions') = 'array' THEN json_extract(value, "
        "'$.partitions') ELSE '[]' END"
        " FROM json_each(?1, '$.connectors') WHERE json_type(?1, '$.connectors') = 'array'"
        " AND type = 'object' ORDER BY CAST(key AS INTEGER)");
    conns.bind(1, text_);
    std::int64_t connectors = 0;
    while (conns.step()) {
        const std::string name = conns.column_text(0), type = conns.column_text(2),
                          subtype = conns.column_text(3), user = conns.column_text(4),
                          domain = conns.column_text(5), forest = conns.column_text(6),
                          aad_user = conns.column_text(7), partitions = conns.column_text(8);
        const std::string id = upper_braced(conns.column_text(1));
        std::string kind = "other";
        if (type == "AD")
            kind = "ad";
        else if (id == "{B891884F-051E-4A83-95AF-2544101C9083}" ||
                 contains(subtype, "Azure Active Directory") || contains(subtype, "Azure AD") ||
                 contains(subtype, "Microsoft Entra"))
            kind = "aad";
        const std::int64_t row =
            w_.insert("connector", {{"file_id", file_id_},
                                    {"line", std::int64_t{1}},
                                    {"ma_id", store::text_or_null(id)},
                                    {"name", store::text_or_null(name)},
                                    {"category", store::text_or_null(type)},
                                    {"kind", std::string_view(kind)},
                                    {"subtype", store::text_or_null(subtype)},
                                    {"forest_name", store::text_or_null(forest)},
                                    {"login_user", store::text_or_null(user)},
                                    {"login_domain", store::text_or_null(domain)},
                                    {"aad_user_name", store::text_or_null(aad_user)}});
        auto parts = d.prepare("SELECT value FROM json_each(?1) WHERE type = 'text'");
        parts.bind(1, partitions);
        while (parts.step()) {
            const std::string p = parts.column_text(0);
            w_.insert("connector_partition", {{"connector_row", row},
                                              {"line", std::int64_t{1}},
                                              {"name", std::string_view(p)},
                                              {"selected", std::int64_t{1}}});
        }
        if (facts_.tenant_hint.empty() && kind == "ad" && !forest.empty())
            facts_.tenant_hint = forest;
        ++connectors;
    }
    facts_.note = fmt::format(
        "csx collect {} on {} at {}: {} connector(s), {} step(s){}",
        version.empty() ? "?" : version, server.empty() ? "an unnamed server" : server,
        when.empty() ? "an unknown time" : when, connectors, records_,
        failed > 0
            ? fmt::format(", {} the collection could not do (listed in the data read)", failed)
            : std::string(", all done"));
    return !damage_;
}

}  // namespace csx::ingest
