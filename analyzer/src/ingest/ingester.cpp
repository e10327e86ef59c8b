#include "ingest/ingester.hpp"

#include <chrono>
#include <filesystem>

#include <fmt/format.h>

#include "ingest/archive_reader.hpp"
#include "ingest/attr_names.hpp"
#include "ingest/background_hasher.hpp"
#include "ingest/clixml_ad_handler.hpp"
#include "ingest/clixml_handler.hpp"
#include "ingest/config_handler.hpp"
#include "ingest/cs_object_pipeline.hpp"
#include "ingest/cs_object_writer.hpp"
#include "ingest/csexport_handler.hpp"
#include "ingest/discovery.hpp"
#include "ingest/dsacls_handler.hpp"
#include "ingest/graph_json_handler.hpp"
#include "ingest/input_file.hpp"
#include "ingest/ldif_handler.hpp"
#include "ingest/manifest_handler.hpp"
#include "ingest/run_history_handler.hpp"
#include "ingest/sniff.hpp"
#include "store/db.hpp"
#include "store/schema.hpp"
#include "store/statement.hpp"
#include "store/table_writer.hpp"
#include "store/transaction.hpp"
#include "util/time.hpp"
#include "util/sha256.hpp"

namespace csx::ingest {

namespace {

constexpr std::size_t kChunk = 256 * 1024;

// One stream to ingest: a file, or a member of an archive.
struct stream_item {
    std::string path;    // provenance: "dumps/x.xml", or "bundle.zip!/dir/x.xml"
    std::string tenant;  // "" = inferred from the data
    std::string tenant_source;
    std::optional<std::uint64_t> size;  // when known before reading
};

}  // namespace

std::string_view to_string(file_status s) {
    switch (s) {
        case file_status::ingested:
            return "ingested";
        case file_status::partial:
            return "partial";
        case file_status::duplicate:
            return "duplicate";
        case file_status::skipped:
            return "skipped";
        case file_status::unreadable:
            return "unreadable";
    }
    return "unknown";
}

int ingest_summary::count(file_status s) const {
    int n = 0;
    for (const auto& f : files)
        n += f.status == s;
    return n;
}

struct ingester::impl {
    store::db& db;
    ingest_options opts;
    ingest_observer& observer;
    attr_names names;
    cs_object_writer cs_writer;
    store::table_writer writer;
    std::int64_t batch_id = 0;

    impl(store::db& d, ingest_options o, ingest_observer& obs)
        : db(d), opts(std::move(o)), observer(obs), names(d), cs_writer(d, names), writer(d) {
        // synchronous=NORMAL: a commit is atomic and survives a process kill; only an OS crash
        // can lose the last commits. An 8 MiB page cache: the writer thread spills pages as it
        // goes (so little is left to flush at commit) and memory stays flat whatever the file
        // size (measured: 32 MiB was no faster, and RSS 49 MiB instead of 24 MiB).
        db.exec("PRAGMA synchronous = NORMAL");
        db.exec("PRAGMA cache_size = -8192");
    }

    std::int64_t database_bytes() {
        return scalar("SELECT page_count * page_size FROM pragma_page_count, pragma_page_size");
    }

    std::int64_t scalar(const char* sql) {
        auto st = db.prepare(sql);
        st.step();
        return st.column_int64(0);
    }

    std::optional<std::int64_t> tenant_id(const std::string& name) {
        auto st = db.prepare("SELECT tenant_id FROM tenant WHERE name = ?1");
        st.bind(1, name);
        if (st.step()) return st.column_int64(0);
        return std::nullopt;
    }

    std::int64_t ensure_tenant(const std::string& name) {
        if (auto id = tenant_id(name)) return *id;
        return writer.insert("tenant", {{"name", name}, {"created_at", utc::now_utc()}});
    }

    std::string hash_file(input_file& f) {
        sha256 h;
        std::string buf;
        f.rewind();
        while (f.read(buf, 1 << 20))
            h.update(buf);
        f.rewind();
        return h.hex_digest();
    }

    // An earlier file with the same content in the same tenant (any tenant when the tenant is
    // still to be inferred): (file_id, tenant name).
    std::optional<std::pair<std::int64_t, std::string>> find_duplicate(const std::string& tenant,
                                                                       const std::string& sha) {
        auto st = db.prepare(
            "SELECT f.file_id, t.name FROM source_file AS f JOIN tenant AS t USING (tenant_id) "
            "WHERE f.sha256 = ?1 AND (?2 = '' OR t.name = ?2) ORDER BY f.file_id LIMIT 1");
        st.bind(1, sha);
        st.bind(2, tenant);
        if (st.step()) return std::make_pair(st.column_int64(0), st.column_text(1));
        return std::nullopt;
    }

    bool size_seen(const std::string& tenant, std::uint64_t size) {
        auto st = db.prepare(
            "SELECT 1 FROM source_file AS f JOIN tenant AS t USING (tenant_id) "
            "WHERE f.size = ?1 AND (?2 = '' OR t.name = ?2) LIMIT 1");
        st.bind(1, static_cast<std::int64_t>(size));
        st.bind(2, tenant);
        return st.step();
    }

    std::unique_ptr<file_handler> make_handler(const sniff_result& s, const std::string& path,
                                               std::int64_t file_id, cs_object_sink* cs_sink) {
        xml::parser_options po;
        po.ignore_declared_encoding = s.declaration_mismatch;
        if (s.encoding.is_code_page()) po.force_encoding = text::iconv_name(s.encoding);
        switch (s.kind) {
            case input_kind::csexport:
                return std::make_unique<csexport_handler>(path, po, *cs_sink);
            case input_kind::run_history:
                return std::make_unique<run_history_handler>(path, po, writer, file_id);
            case input_kind::connector_config:
                return std::make_unique<config_handler>(path, po, writer, file_id);
            case input_kind::clixml_runstep:
                return std::make_unique<clixml_handler>(path, po, writer, file_id);
            case input_kind::graph_json:
                return std::make_unique<graph_json_handler>(s.encoding, writer, file_id);
            case input_kind::dsacls:
                return std::make_unique<dsacls_handler>(s.encoding, writer, file_id,
                                                        opts.object_dn);
            case input_kind::ldif:
                return std::make_unique<ldif_handler>(s.encoding, db, file_id);
            case input_kind::clixml_ad:
                return std::make_unique<clixml_ad_handler>(path, po, db, file_id, opts.object_dn);
            case input_kind::collect_manifest:
                return std::make_unique<manifest_handler>(s.encoding, writer, file_id, path);
            case input_kind::unknown:
                break;
        }
        return nullptr;
    }

    // The connector a csx collect manifest already read names for this csexport member.
    std::optional<std::string> connector_in_manifest(const std::string& path) {
        auto st = db.prepare(
            "SELECT i.connector FROM collect_item AS i WHERE i.member = ?1 "
            "AND i.connector IS NOT NULL ORDER BY i.file_id DESC LIMIT 1");
        st.bind(1, path);
        if (st.step()) return st.column_text(0);
        return std::nullopt;
    }

    // The newest time the file's data speaks of (source_file.data_time), "" when none.
    std::string newest_time(input_kind k, std::int64_t file_id) {
        const char* sql = nullptr;
        switch (k) {
            case input_kind::csexport:
                return cs_writer.newest_time();
            case input_kind::run_history:
            case input_kind::clixml_runstep:
                sql =
                    "SELECT max(max(coalesce(s.start_date, ''), coalesce(s.end_date, ''))) "
                    "FROM run_step AS s JOIN run AS r USING (run_id) WHERE r.file_id = ?1";
                break;
            case input_kind::graph_json:
                sql =
                    "SELECT max(p.occurred) FROM provisioning_error AS p "
                    "JOIN cloud_object AS o USING (cloud_object_id) WHERE o.file_id = ?1";
                break;
            default:
                return {};
        }
        auto st = db.prepare(sql);
        st.bind(1, file_id);
        if (!st.step() || st.is_null(0)) return {};
        std::string t = st.column_text(0);
        // Only normalised times ('YYYY-MM-DD HH:MM:SS...') date anything.
        return t.size() >= 19 && t[4] == '-' && t[10] == ' ' ? t : std::string();
    }

    // input_problem keeps what was found but not read (skipped, unreadable), one row per path
    // and tenant: each outcome replaces the path's earlier row, so a file read since is no
    // longer listed as missing.
    // A partial result that is not in source_file (an archive damaged before a member could be
    // read, a nested archive past the depth cap) is kept here as `damaged`.
    void record_outcome(const std::string& path, const std::string& tenant, const file_result& r) {
        const bool problem = r.status == file_status::skipped ||
                             r.status == file_status::unreadable ||
                             (r.status == file_status::partial && !r.stored);
        std::optional<std::int64_t> tid;
        if (!tenant.empty()) tid = problem ? ensure_tenant(tenant) : tenant_id(tenant);
        store::transaction tx(db);
        {
            // A file read now also clears what an earlier ingest could not place in a tenant.
            auto del = db.prepare(
                "DELETE FROM input_problem WHERE path = ?1 AND (tenant_id IS ?2 OR "
                "(?3 AND tenant_id IS NULL))");
            del.bind(1, path);
            del.bind(2, tid);
            del.bind(3, problem ? 0 : 1);
            del.step();
        }
        if (problem)
            writer.insert("input_problem",
                          {{"tenant_id", tid ? store::value{*tid} : store::value{}},
                           {"batch_id", batch_id},
                           {"path", std::string_view(path)},
                           {"status", r.status == file_status::partial ? std::string_view("damaged")
                                                                       : to_string(r.status)},
                           {"reason", std::string_view(r.message)},
                           {"size", r.bytes > 0 ? store::value{static_cast<std::int64_t>(r.bytes)}
                                                : store::value{}}});
        tx.commit();
    }

    void emit(file_result r, std::vector<file_result>& out) {
        record_outcome(r.path, r.tenant, r);
        observer.file_finished(r);
        out.push_back(std::move(r));
    }

    // A path from discovery: a file, or an archive whose members are ingested one by one.
    void ingest_path(const work_item& w, std::vector<file_result>& out) {
        file_result r;
        r.path = w.path;
        r.tenant = w.tenant;
        std::string err;
        auto file = input_file::open(w.path, err);
        if (!file) {
            r.status = file_status::unreadable;
            r.message = err;
            return emit(std::move(r), out);
        }
        r.bytes = file->size();
        observer.file_started(w.path, r.bytes);

        std::string head;
        if (!file->read(head, kSniffBytes) && !file->error().empty()) {
            r.status = file_status::unreadable;
            r.message = file->error();
            return emit(std::move(r), out);
        }
        sniff_result s = sniff(head, head.size() == r.bytes);
        if (s.archive != archive_format::none && opts.kind == input_kind::unknown) {
            archive_budget budget(opts.archive_caps);
            prefixed_source src(head, *file);
            archive_scope scope{w.tenant, w.tenant_source, w.tenant_per_folder, w.tenants_below};
            // The archive itself is read now: what an earlier ingest said of it as a whole (an
            // empty archive, damage between members) is replaced by what this reading finds.
            {
                auto forget = db.prepare("DELETE FROM input_problem WHERE path = ?1");
                forget.bind(1, w.path);
                forget.step();
            }
            return ingest_archive(src, s.archive, w.path, scope, budget, 1, out);
        }
        stream_item it{w.path, w.tenant, w.tenant_source, r.bytes};
        emit(ingest_stream(it, s, head, *file, &*file), out);
    }

    // How the members of an archive get their tenant.
    struct archive_scope {
        std::string tenant;  // for every member ("" = from the data)
        std::string tenant_source;
        bool per_folder = false;  // the fleet layout inside the archive (discovery.hpp)
        std::string below;
    };

    // A member's tenant when an archive holds a fleet: the folder it sits in right under
    // `below`, or, for an archive at that level, the archive's name without its extension.
    static std::string tenant_in(const std::string& member, const std::string& below) {
        std::string rest =
            member.compare(0, below.size(), below) == 0 ? member.substr(below.size()) : member;
        const auto slash = rest.find('/');
        return slash == std::string::npos ? archive_stem(rest) : rest.substr(0, slash);
    }

    // Every member of an archive, read once, front to back: hidden members and folders are
    // passed over, links and encrypted members skipped with the reason, archives inside opened
    // to the depth cap, everything else sniffed and ingested like a file under the provenance
    // `name!/member/path`. Damage or a bomb cap is reported on the member it hit (its intact
    // prefix kept), or on the archive when it hit between members.
    void ingest_archive(byte_source& src, archive_format format, const std::string& name,
                        const archive_scope& scope, archive_budget& budget, int depth,
                        std::vector<file_result>& out) {
        archive_reader ar(src, format, name, budget, depth);
        archive_member m;
        while (ar.next(m)) {
            if (m.hidden || m.directory) continue;
            stream_item it{name + "!/" + m.name, scope.tenant, scope.tenant_source, m.size};
            if (scope.per_folder) {
                it.tenant = tenant_in(m.name, scope.below);
                it.tenant_source = "folder";
            }
            file_result r;
            r.path = it.path;
            r.tenant = it.tenant;
            if (!m.regular) {
                r.status = file_status::skipped;
                r.message = m.skip_reason;
                emit(std::move(r), out);
                continue;
            }
            observer.file_started(it.path, m.size.value_or(0));
            std::string head(kSniffBytes, '\0');
            std::size_t got = 0;
            for (std::size_t n = 1; got < head.size() && n > 0; got += n)
                n = ar.read(head.data() + got, head.size() - got);
            head.resize(got);
            const bool whole = got < kSniffBytes && !ar.fault();
            sniff_result s = sniff(head, whole);
            if (s.archive != archive_format::none && opts.kind == input_kind::unknown &&
                !ar.fault()) {
                if (depth >= budget.limits.max_depth) {
                    r.status = file_status::partial;
                    r.message = fmt::format(
                        "{}, inside {} archive(s): not opened (csx opens archives {} deep, a "
                        "zip-bomb guard); extract it and ingest what it holds",
                        s.reason, depth, budget.limits.max_depth);
                    emit(std::move(r), out);
                    continue;
                }
                archive_scope inner{it.tenant, it.tenant_source, false, {}};
                prefixed_source ps(head, ar);
                ingest_archive(ps, s.archive, it.path, inner, budget, depth + 1, out);
                continue;
            }
            if (ar.fault() && (s.kind == input_kind::unknown || head.empty()) &&
                opts.kind == input_kind::unknown) {
                // Damaged before anything could be read as an input kind.
                stream_damaged(r, *ar.fault());
                emit(std::move(r), out);
                continue;
            }
            emit(ingest_stream(it, s, head, ar, nullptr), out);
        }
        if (const auto& f = ar.fault()) {
            file_result r;
            r.path = name;
            r.tenant = scope.tenant;
            stream_damaged(r, *f);
            emit(std::move(r), out);
        } else if (ar.members() == 0) {
            file_result r;
            r.path = name;
            r.tenant = scope.tenant;
            r.status = file_status::skipped;
            r.message = fmt::format("an empty {} archive", to_string(format));
            emit(std::move(r), out);
        }
    }

    static void stream_damaged(file_result& r, const source_fault& f) {
        r.status = f.what == source_fault::kind::unreadable ? file_status::unreadable
                                                            : file_status::partial;
        r.message = f.message;
        if (r.status == file_status::partial) r.damage_at = damage{0, 0, f.message};
    }

    // The outcome of a stream already ingested into the tenant (same SHA-256): nothing done.
    static file_result duplicate_of(file_result r, const std::string& sha,
                                    const std::string& tenant) {
        r.status = file_status::duplicate;
        r.sha256 = sha;
        r.tenant = tenant;
        r.message = fmt::format(
            "already ingested into tenant '{}' (same SHA-256); use --replace to re-read it",
            tenant);
        return r;
    }

    // The stream's source_file row: what was read, how, and what was wrong with it.
    void insert_source_file(const stream_item& w, const sniff_result& s, const file_result& r,
                            std::int64_t file_id, const file_facts& facts,
                            const std::string& tenant_source, const std::optional<damage>& dmg) {
        const std::string data_time = newest_time(s.kind, file_id);
        const std::string encoding_name = text::to_string(s.encoding);
        const std::int64_t tid = ensure_tenant(r.tenant);
        writer.insert(
            "source_file",
            {{"file_id", file_id},
             {"tenant_id", tid},
             {"batch_id", batch_id},
             {"path", std::string_view(w.path)},
             {"size", static_cast<std::int64_t>(r.bytes)},
             {"sha256", std::string_view(r.sha256)},
             {"kind", to_string(s.kind)},
             {"encoding", std::string_view(encoding_name)},
             {"status", r.status == file_status::ingested ? "complete" : "partial"},
             {"error", dmg ? store::value{std::string_view(dmg->message)} : store::value{}},
             {"error_line", dmg && dmg->line > 0 ? store::value{dmg->line} : store::value{}},
             {"error_column", dmg && dmg->column > 0 ? store::value{dmg->column} : store::value{}},
             {"record_count", r.records},
             {"tenant_source", std::string_view(tenant_source)},
             {"connector_kind", store::text_or_null(facts.connector_kind)},
             {"connector_hint", store::text_or_null(facts.connector_hint)},
             {"ingested_at", utc::now_utc()},
             {"data_time", store::text_or_null(data_time)}});
    }

    // One stream: a file (`file` set: it can be re-read, so a possible duplicate is hashed
    // before parsing) or an archive member (read once: its SHA-256 is computed while parsing,
    // and a duplicate found then is rolled back). `head` holds its first bytes, already read
    // from `rest`.
    file_result ingest_stream(const stream_item& w, sniff_result s, const std::string& head,
                              byte_source& rest, input_file* file) {
        const auto t0 = std::chrono::steady_clock::now();
        file_result r;
        r.path = w.path;
        r.tenant = w.tenant;
        r.bytes = w.size.value_or(0);
        if (opts.kind != input_kind::unknown) s.kind = opts.kind;
        if (opts.code_page && s.encoding.is_code_page()) {
            s.encoding = *opts.code_page;
            s.encoding_note.clear();
        }
        r.kind = s.kind;
        r.encoding = s.encoding;
        if (s.kind == input_kind::unknown) {
            r.status = file_status::skipped;
            r.message = s.reason;
            return r;
        }

        // De-duplication: only a file of a size already seen can be a duplicate, so only then
        // is the file hashed before parsing.
        std::string sha;
        if (file && size_seen(w.tenant, r.bytes)) {
            sha = hash_file(*file);
            if (!file->error().empty()) {
                r.status = file_status::unreadable;
                r.message = file->error();
                return r;
            }
        }
        std::optional<std::pair<std::int64_t, std::string>> dup;
        if (!sha.empty()) dup = find_duplicate(w.tenant, sha);
        if (dup && !opts.replace) return duplicate_of(std::move(r), sha, dup->second);

        store::transaction tx(db);
        if (dup) db.exec(store::script("purge_file.sql"), dup->first);
        std::int64_t file_id = 0;
        {
            auto st = db.prepare("SELECT coalesce(max(file_id), 0) + 1 FROM source_file");
            st.step();
            file_id = st.column_int64(0);
        }
        // csexport: parse on this thread, write on the pipeline's (the database is the
        // pipeline's until finish()). Declared after tx, so it is stopped before a rollback.
        std::unique_ptr<cs_object_pipeline> pipeline;
        if (s.kind == input_kind::csexport) {
            cs_writer.begin_file(file_id);
            pipeline = std::make_unique<cs_object_pipeline>(cs_writer);
        }
        auto handler = make_handler(s, w.path, file_id, pipeline.get());

        // Hash while parsing, on a second thread, unless the hash was needed up front.
        std::optional<background_hasher> hasher;
        if (sha.empty()) hasher.emplace(kChunk);
        // A file is read again from its start; a member goes on after the head already read.
        std::optional<prefixed_source> member;
        byte_source* in = file;
        if (file)
            file->rewind();
        else
            in = &member.emplace(head, rest);
        background_hasher::chunk own;
        if (!hasher) own.data.resize(kChunk);
        std::uint64_t done = 0;
        bool ok = true;
        for (;;) {
            background_hasher::chunk& c = hasher ? hasher->acquire() : own;
            c.size = in->read(c.data.data(), c.data.size());
            if (hasher) hasher->submit();  // hashed while the parser reads the same bytes
            if (c.size == 0) break;
            done += c.size;
            if (ok) ok = handler->feed(c.view());
            observer.progress(done, r.bytes, handler->records());
            if (!ok && !hasher) break;  // the rest is only needed for the hash
        }
        const std::optional<source_fault> fault = in->fault();
        if (fault && fault->what == source_fault::kind::unreadable) {
            // The disk failed us, not the content: keep nothing of this file.
            r.status = file_status::unreadable;
            r.message = fault->message;
            handler.reset();
            pipeline.reset();  // stop the writer before the rollback
            tx.rollback();
            names.reload();  // names added by this file are gone with it
            return r;
        }
        // A member cut short by a damaged archive or a bomb cap: what was read is a truncated
        // file, kept like one.
        if (ok) ok = handler->finish();
        if (pipeline) {
            pipeline->finish();  // every intact object is written; the db is ours again
            cs_writer.end_file();
        }
        if (hasher) sha = hasher->finish();
        if (!file) {
            // A member is hashed only now: a duplicate is dropped with everything it wrote, or
            // (--replace) the earlier copy is purged before this one is recorded.
            r.bytes = done;
            dup = find_duplicate(w.tenant, sha);
            if (dup && !opts.replace) {
                handler.reset();
                pipeline.reset();
                tx.rollback();
                names.reload();
                return duplicate_of(std::move(r), sha, dup->second);
            }
            if (dup) db.exec(store::script("purge_file.sql"), dup->first);
        }
        r.sha256 = sha;
        r.records = handler->records();

        file_facts facts = handler->facts();
        if (s.kind == input_kind::csexport && facts.connector_hint.empty()) {
            if (!opts.connector.empty()) {
                facts.connector_hint = opts.connector;
            } else if (auto listed = connector_in_manifest(w.path)) {
                facts.connector_hint = *listed;
            } else if (r.records == 0 && ok) {
                r.message =
                    "this csexport holds no objects, so nothing in it says which connector it is "
                    "a dump of: ingest it again with --replace --connector NAME to let it show "
                    "that connector's errors resolved";
            }
        }
        std::string tenant = w.tenant;
        std::string tenant_source = w.tenant_source;
        if (tenant.empty()) {
            tenant = facts.tenant_hint.empty() ? "default" : facts.tenant_hint;
            tenant_source = "data";
        }
        r.tenant = tenant;
        std::optional<damage> dmg = handler->failure();
        if (!dmg && s.kind == input_kind::csexport) dmg = cs_writer.time_damage();
        if (fault) {
            // Name the archive's damage first, then where the member's data stops making sense.
            damage d = dmg.value_or(damage{});
            d.message =
                dmg ? fmt::format("{}; the data read stops there: {}", fault->message, dmg->message)
                    : fault->message;
            dmg = std::move(d);
            ok = false;
        }
        r.status = ok && !dmg ? file_status::ingested : file_status::partial;
        if (dmg) {
            r.damage_at = *dmg;
            r.message = dmg->message;
        } else if (r.message.empty()) {
            r.message = facts.note;
            if (!s.encoding_note.empty())
                r.message = r.message.empty() ? s.encoding_note
                                              : fmt::format("{}; {}", r.message, s.encoding_note);
        }
        r.stored = true;
        insert_source_file(w, s, r, file_id, facts, tenant_source, dmg);
        tx.commit();
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return r;
    }
};

ingester::ingester(store::db& d, ingest_options opts, ingest_observer& observer)
    : impl_(std::make_unique<impl>(d, std::move(opts), observer)) {}

ingester::~ingester() = default;

ingest_summary ingester::run(const std::vector<std::string>& paths) {
    ingest_summary out;
    const discovery_result found = discover(paths, impl_->opts.tenant);
    out.problems = found.problems;
    for (const auto& p : found.problems)
        impl_->observer.problem(p);
    {
        store::transaction tx(impl_->db);
        impl_->batch_id = impl_->writer.insert(
            "ingest_batch", {{"started_at", utc::now_utc()}, {"tool_version", CSX_VERSION}});
        tx.commit();
    }
    out.batch_id = impl_->batch_id;
    for (const auto& sk : found.skipped) {
        file_result r;
        r.path = sk.path;
        r.status = file_status::skipped;
        r.message = sk.reason;
        impl_->record_outcome(sk.path, sk.tenant, r);
        impl_->observer.file_finished(r);
        out.files.push_back(std::move(r));
    }

    // A load larger than half the database is cheaper with the secondary indexes dropped
    // and rebuilt once (a sort) than maintained row by row. Small loads into a big database
    // keep them.
    std::uint64_t input_bytes = 0;
    for (const auto& w : found.files) {
        std::error_code ec;
        input_bytes += std::filesystem::file_size(w.path, ec);
    }
    const bool bulk = input_bytes > static_cast<std::uint64_t>(impl_->database_bytes()) / 2 &&
                      input_bytes > (1u << 20);
    if (bulk) {
        // And with a rollback journal instead of WAL: pages appended to the file are written
        // once, where WAL writes them twice (log, then checkpoint) — a third of the time of a
        // large load. Readers may wait during the load; WAL comes back at the end (and at
        // the next open if the load is interrupted). When another connection holds the
        // database, the switch does not happen and WAL stays: still correct, just slower.
        impl_->db.set_journal_mode("delete");
        store::drop_indexes(impl_->db);
    }
    for (const auto& w : found.files) {
        impl_->ingest_path(w, out.files);
    }
    if (bulk) {
        store::transaction itx(impl_->db);
        store::create_indexes(impl_->db);
        itx.commit();
        impl_->db.set_journal_mode("wal");
    }
    store::transaction tx(impl_->db);
    // Which connector each csexport of the touched tenants is a dump of: a configuration or
    // run history read now can name the connector of a dump read earlier.
    impl_->db.exec(
        "UPDATE source_file SET connector_ident = "
        "(SELECT 'connector ' || upper(coalesce(fc.ma_id, fc.name)) FROM v_file_connector AS fc "
        " WHERE fc.file_id = source_file.file_id ORDER BY 1 LIMIT 1) "
        "WHERE kind = 'csexport' AND tenant_id IN "
        "(SELECT tenant_id FROM source_file WHERE batch_id = ?1)",
        impl_->batch_id);
    // What the rules read instead of scanning every object (the pre-flight duplicate keys),
    // for the dumps read now: after the connector names above and the indexes are back.
    store::derive(impl_->db);
    impl_->writer.update("ingest_batch", "batch_id", impl_->batch_id,
                         {{"finished_at", utc::now_utc()}});
    tx.commit();
    return out;
}

}  // namespace csx::ingest
