// discovery: expands the command line's PATHs into the files to ingest, each with its tenant.
//
// Tenant rules (README "Tenants"), first match wins:
//   1. --tenant NAME: every file.
//   2. A folder given on the command line that holds files directly, or a configuration export
//      (Connectors/, GlobalSettings/, SynchronizationRules/): the folder's name.
//   3. A folder that holds only sub-folders: the fleet layout dumps/<tenant>/...: each
//      immediate sub-folder is a tenant, named after it.
//   4. A file given directly: inferred from its content (forest / domain name), later.
// An archive (zip, tar, tar.gz; not a gzip'd single file, which stands for that file) stands
// for a folder named after it without its extension: in a folder it counts as a sub-folder
// for rule 3 (dumps/contoso.zip is tenant contoso), and given directly rules 2 and 3 apply to
// what it holds, after unwrapping the one folder a zipped folder puts everything in (contoso.zip
// holding contoso/... is the folder contoso). Hidden members and __MACOSX/ are skipped.
// Hidden files and folders (".name") are skipped. Inside a folder, what is not a regular file
// (FIFOs, devices, sockets), symbolic links that lead outside the folder given on the command
// line, links that cannot be resolved (loops) and links to folders are skipped with a one-line
// reason; a sub-folder that cannot be listed is a problem (exit 4). The result is sorted
// (tenant, path) so ingest order, ids and output are deterministic.
#pragma once

#include <string>
#include <vector>

namespace csx::ingest {

struct work_item {
    std::string path;
    std::string tenant;         // empty: infer from the data
    std::string tenant_source;  // option | folder | data
    // An archive named on the command line that holds a fleet: a member's tenant is the folder
    // (or archive) it sits in right under `tenants_below` ("" or the wrapping folder + "/").
    bool tenant_per_folder = false;
    std::string tenants_below{};
};

struct skipped_path {
    std::string path;
    std::string reason;
    std::string tenant{};  // the tenant of the folder it was found in ("" when none yet)
};

struct discovery_result {
    std::vector<work_item> files;
    std::vector<skipped_path> skipped;  // found in a folder, but not read (with the reason)
    std::vector<std::string> problems;  // paths that do not exist or cannot be listed
};

discovery_result discover(const std::vector<std::string>& paths, const std::string& tenant_option);

}  // namespace csx::ingest
