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

void collect(const fs::path& dir, std::vector<std::string>& out,
             std::vector<std::string>& problems) {
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec),
        end;
    if (ec) {
        problems.push_back(fmt::format("{}: cannot list folder: {}", dir.string(), ec.message()));
        return;
    }
    for (; it != end; it.increment(ec)) {
        if (ec) {
            problems.push_back(fmt::format("{}: {}", dir.string(), ec.message()));
            break;
        }
        const fs::path& p = it->path();
        if (hidden(p)) {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (it->is_symlink(ec) && it->is_directory(ec)) {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(ec)) out.push_back(p.string());
    }
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
        if (!tenant_option.empty()) {
            std::vector<std::string> files;
            collect(p, files, r.problems);
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
            collect(p, files, r.problems);
            const std::string tenant = folder_name(p);
            for (auto& f : files)
                r.files.push_back({std::move(f), tenant, "folder"});
        } else {
            for (const auto& sub : subdirs) {
                std::vector<std::string> files;
                collect(sub, files, r.problems);
                const std::string tenant = sub.filename().string();
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
