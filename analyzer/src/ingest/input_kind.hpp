// The kinds of input csx understands, and the text encodings it accepts.
#pragma once

#include <string_view>

#include "text/encoding.hpp"

namespace csx::ingest {

enum class input_kind {
    unknown,
    csexport,          // csexport.exe connector-space XML (cs-objects)
    run_history,       // run-history XML (run-details), WMI RunDetails / Sync Service Manager save
    connector_config,  // Get-ADSyncServerConfiguration Connectors/Connector_{guid}.xml (ma-data)
    graph_json,        // Microsoft Graph JSON with onPremisesProvisioningErrors
    clixml_runstep,    // RunStepResult / RunProfileResult CLIXML (ADSyncTools, csx collect)
    dsacls,            // the text output of dsacls "<DN>" (verification of a grant)
    ldif,              // ldifde -f out.ldf (memberOf, objectSid, tokenGroups, adminCount ...)
    clixml_ad,         // Get-ADUser / Get-ADGroup / ... | Export-Clixml (ActiveDirectory module)
    collect_manifest,  // manifest.json of a `csx collect` bundle
};

// The encodings: text/encoding.hpp (UTF-8, UTF-16, the Windows code pages).
using text_encoding = text::encoding;
using text::to_string;

// Containers csx opens itself (README "Archives"), recognised by their magic bytes.
enum class archive_format {
    none,
    zip,   // PK\3\4 (or the empty-archive / spanned markers)
    tar,   // ustar, pax or GNU tar ("ustar" at offset 257)
    gzip,  // 1f 8b: a .tar.gz / .tgz, or one gzip'd file (full.xml.gz)
};

std::string_view to_string(input_kind k);
std::string_view to_string(archive_format f);

}  // namespace csx::ingest
