#include "ingest/discovery.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "ingest/archive_reader.hpp"
#include "ingest/input_file.hpp"
#include "ingest/sniff.hpp"

namespace csx::ingest {

namespace fs = std::filesystem;

namespace {

bool hidden(const fs::path& p) {
    const auto name = p.filename().string();
    return !name.empty() && name[0] == '.' && name != "." && name != "..";
}

std::string folder_name(const fs::path& dir) {
    std::error_code ec;
    fs::path abs = fs::weakly_canonical(fs::absolute(dir, ec), ec);
    std::string name = abs.filename().string();
    if (name.empty()) name = abs.parent_path().filename().string();
    return name.empty() ? std::string("default") : name;
}

// What a non-regular file is, for the reason it is skipped.
std::string kind_of(fs::file_status st) {
    switch (st.type()) {
        case fs::file_type::fifo:
            return "a FIFO (named pipe)";
        case fs::file_type::block:
        case fs::file_type::character:
            return "a device";
        case fs::file_type::socket:
            return "a socket";
        default:
            return "not a regular file";
    }
}

bool within(const fs::path& root, const fs::path& p) {
    auto r = root.begin(), q = p.begin();
    for (; r != root.end(); ++r, ++q)
        if (q == p.end() || *r != *q) return false;
    return true;
}

// The regular files below `dir` (root: the folder named on the command line, canonical).
void walk(const fs::path& root, const fs::path& dir, std::vector<std::string>& out,
          std::vector<skipped_path>& skipped, std::vector<std::string>& problems) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    if (ec) {
        problems.push_back(fmt::format("{}: cannot list folder: {}", dir.string(), ec.message()));
        return;
    }
    std::vector<fs::directory_entry> entries;
    for (; it != end; it.increment(ec)) {
        if (ec) {
            problems.push_back(
                fmt::format("{}: cannot list folder: {}", dir.string(), ec.message()));
            break;
        }
        entries.push_back(*it);
    }
    for (const auto& e : entries) {
        const fs::path& p = e.path();
        if (hidden(p)) continue;
        std::error_code e1;
        const fs::file_status own = e.symlink_status(e1);
        if (fs::is_symlink(own)) {
            const fs::path target = fs::canonical(p, e1);
            if (e1) {
                skipped.push_back({p.string(), fmt::format("a symbolic link that does not resolve "
                                                           "({}): not followed",
                                                           e1.message())});
            } else if (!within(root, target)) {
                skipped.push_back({p.string(), fmt::format("a symbolic link to {}, outside {}: not "
                                                           "followed",
                                                           target.string(), root.string())});
            } else if (const auto st = fs::status(target, e1); fs::is_regular_file(st)) {
                out.push_back(p.string());
            } else if (fs::is_directory(st)) {
                skipped.push_back({p.string(),
                                   "a symbolic link to a folder: not followed (the "
                                   "folder's files are read where they are)"});
            } else {
                skipped.push_back({p.string(), kind_of(st) + " behind a symbolic link: not read"});
            }
            continue;
        }
        if (fs::is_directory(own)) {
            walk(root, p, out, skipped, problems);
        } else if (fs::is_regular_file(own)) {
            out.push_back(p.string());
        } else {
            skipped.push_back({p.string(), kind_of(own) + ": not read (only regular files are)"});
        }
    }
}

void collect(const fs::path& dir, std::vector<std::string>& out, std::vector<skipped_path>& skipped,
             std::vector<std::string>& problems) {
    std::error_code ec;
    const fs::path root = fs::canonical(dir, ec);
    if (ec) {
        problems.push_back(fmt::format("{}: cannot list folder: {}", dir.string(), ec.message()));
        return;
    }
    // Paths keep the spelling given on the command line; `root` only bounds the links.
    walk(root, dir, out, skipped, problems);
}

bool config_export_folder(const std::string& name) {
    return name == "Connectors" || name == "GlobalSettings" || name == "SynchronizationRules";
}

// Enough of a stream to tell an archive by its magic bytes (tar's is at offset 257).
constexpr std::size_t kMagicBytes = 512;

std::string read_head(byte_source& src) {
    std::string head(kMagicBytes, '\0');
    std::size_t n = 0;
    while (n < head.size()) {
        const std::size_t k = src.read(head.data() + n, head.size() - n);
        if (k == 0) break;
        n += k;
    }
    head.resize(n);
    return head;
}

// Whether a stream starting with `head` (the rest in `rest`) is an archive that stands for a
// folder: a zip or a tar, or a gzip holding a tar (a gzip'd single file stands for that file).
bool stands_for_folder(const std::string& head, byte_source& rest, const std::string& name,
                       archive_budget& budget, int depth) {
    const archive_format f = archive_format_of(head);
    if (f != archive_format::gzip) return f != archive_format::none;
    prefixed_source src(head, rest);
    archive_reader inner(src, f, name, budget, depth);
    archive_member m;
    return inner.next(m) && !inner.single_file();
}

bool folder_archive_file(const std::string& path) {
    std::string err;
    auto f = input_file::open(path, err);
    if (!f) return false;  // the ingester reports why
    const std::string head = read_head(*f);
    archive_budget budget;
    return stands_for_folder(head, *f, path, budget, 1);
}

// The tenants of an archive named on the command line without --tenant (README "Tenants"):
// nullopt when it is no archive standing for a folder (a gzip'd file is a file: rule 4).
// Reads the archive's headers once before the ingest does: zip and tar members are skipped in
// the file, a .tar.gz is decompressed once more (under the same bomb caps).
std::optional<work_item> plan_archive(const std::string& path) {
    std::string err;
    auto f = input_file::open(path, err);
    if (!f) return std::nullopt;
    const std::string head = read_head(*f);
    const archive_format fmt = archive_format_of(head);
    if (fmt == archive_format::none) return std::nullopt;
    prefixed_source src(head, *f);
    archive_budget budget;
    archive_reader ar(src, fmt, path, budget, 1);
    struct entry {
        std::string name;
        bool dir = false;
        bool folder_like = false;  // an archive standing for a folder
    };
    std::vector<entry> entries;
    archive_member m;
    while (ar.next(m)) {
        if (ar.single_file()) return std::nullopt;
        if (m.hidden || !(m.regular || m.directory)) continue;
        entry e{m.name, m.directory, false};
        // Only archives one or two levels down can decide the layout.
        if (m.regular && std::count(m.name.begin(), m.name.end(), '/') <= 1) {
            const std::string h = read_head(ar);
            e.folder_like = stands_for_folder(h, ar, path + "!/" + m.name, budget, 2);
        }
        entries.push_back(std::move(e));
    }
    // What sits directly under `below`: plain files, folders (named or implied by a member's
    // path) and archives standing for folders (by their stems).
    struct level {
        bool files = false;
        bool config = false;
        std::vector<std::string> folders;
        int archives = 0;
    };
    auto look = [&](const std::string& below) {
        level l;
        for (const auto& e : entries) {
            if (e.name.compare(0, below.size(), below) != 0) continue;
            const std::string rest = e.name.substr(below.size());
            if (rest.empty()) continue;
            const auto slash = rest.find('/');
            std::string child;
            if (slash != std::string::npos || e.dir) {
                child = rest.substr(0, slash);
                l.config = l.config || config_export_folder(child);
            } else if (e.folder_like) {
                child = archive_stem(rest);
                ++l.archives;
            } else {
                l.files = true;
                continue;
            }
            if (std::find(l.folders.begin(), l.folders.end(), child) == l.folders.end())
                l.folders.push_back(child);
        }
        return l;
    };
    work_item w{path, archive_stem(path), "folder"};
    level top = look("");
    // A zipped folder wraps everything in that folder: it stands for the folder itself.
    if (!top.files && top.archives == 0 && top.folders.size() == 1) {
        w.tenants_below = top.folders.front() + "/";
        w.tenant = top.folders.front();
        top = look(w.tenants_below);
    }
    if (!top.files && !top.config && !top.folders.empty()) {
        w.tenant.clear();
        w.tenant_per_folder = true;
    } else {
        w.tenants_below.clear();
    }
    return w;
}

}  // namespace

discovery_result discover(const std::vector<std::string>& paths, const std::string& tenant_option) {
    discovery_result r;
    for (const auto& arg : paths) {
        std::error_code ec;
        const fs::path p(arg);
        const auto st = fs::status(p, ec);
        if (ec || !fs::exists(st)) {
            r.problems.push_back(fmt::format("{}: no such file or folder", arg));
            continue;
        }
        if (!fs::is_directory(st)) {
            if (tenant_option.empty()) {
                if (auto w = plan_archive(arg)) {
                    r.files.push_back(std::move(*w));
                    continue;
                }
            }
            r.files.push_back({arg, tenant_option, tenant_option.empty() ? "data" : "option"});
            continue;
        }
        // What a folder's walk skipped belongs to the folder's tenant.
        const auto tag_skipped = [&r](std::size_t from, const std::string& tenant) {
            for (std::size_t i = from; i < r.skipped.size(); ++i)
                r.skipped[i].tenant = tenant;
        };
        if (!tenant_option.empty()) {
            std::vector<std::string> files;
            const std::size_t first_skip = r.skipped.size();
            collect(p, files, r.skipped, r.problems);
            tag_skipped(first_skip, tenant_option);
            for (auto& f : files)
                r.files.push_back({std::move(f), tenant_option, "option"});
            continue;
        }
        bool direct_files = false;
        bool config_layout = false;
        std::vector<fs::path> subdirs;
        std::vector<fs::path> archives;  // archives standing for sub-folders
        for (fs::directory_iterator d(p, ec), end; !ec && d != end; d.increment(ec)) {
            if (hidden(d->path())) continue;
            std::error_code e2;
            if (d->is_regular_file(e2)) {
                if (!direct_files && folder_archive_file(d->path().string()))
                    archives.push_back(d->path());
                else
                    direct_files = true;
            }
            if (d->is_directory(e2) && !d->is_symlink(e2)) {
                subdirs.push_back(d->path());
                config_layout =
                    config_layout || config_export_folder(d->path().filename().string());
            }
        }
        if (ec) {
            r.problems.push_back(fmt::format("{}: cannot list folder: {}", arg, ec.message()));
            continue;
        }
        if (direct_files || config_layout || (subdirs.empty() && archives.empty())) {
            std::vector<std::string> files;
            const std::size_t first_skip = r.skipped.size();
            collect(p, files, r.skipped, r.problems);
            const std::string tenant = folder_name(p);
            tag_skipped(first_skip, tenant);
            for (auto& f : files)
                r.files.push_back({std::move(f), tenant, "folder"});
        } else {
            for (const auto& sub : subdirs) {
                std::vector<std::string> files;
                const std::size_t first_skip = r.skipped.size();
                collect(sub, files, r.skipped, r.problems);
                const std::string tenant = sub.filename().string();
                tag_skipped(first_skip, tenant);
                for (auto& f : files)
                    r.files.push_back({std::move(f), tenant, "folder"});
            }
            for (const auto& a : archives)
                r.files.push_back({a.string(), archive_stem(a.filename().string()), "folder"});
        }
    }
    std::sort(r.files.begin(), r.files.end(), [](const work_item& a, const work_item& b) {
        return std::tie(a.tenant, a.path) < std::tie(b.tenant, b.path);
    });
    r.files.erase(std::unique(r.files.begin(), r.files.end(),
                              [](const work_item& a, const work_item& b) {
                                  return a.path == b.path && a.tenant == b.tenant;
                              }),
                  r.files.end());
    return r;
}

}  // namespace csx::ingest
