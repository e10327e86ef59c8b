#include "ingest/discovery.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

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
        for (fs::directory_iterator d(p, ec), end; !ec && d != end; d.increment(ec)) {
            if (hidden(d->path())) continue;
            std::error_code e2;
            if (d->is_regular_file(e2)) direct_files = true;
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
        if (direct_files || config_layout || subdirs.empty()) {
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
