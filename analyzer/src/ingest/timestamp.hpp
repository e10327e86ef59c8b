// Normalises the timestamps found in inputs to one sortable text form, 'YYYY-MM-DD HH:MM:SS.fff'
// (UTC when the source carries an offset or 'Z'; as written otherwise: csexport and run-history
// times are UTC by Microsoft's convention). Accepted forms:
//   2024-05-02 09:06:28.687        csexport, run history
//   2024-05-02T09:06:28.6870000Z   Graph, PowerShell 7 JSON, CLIXML <DT> (with or without offset)
//   /Date(1714640788687)/          PowerShell 5.1 ConvertTo-Json
// Anything else is returned unchanged (trimmed), so nothing is lost.
#pragma once

#include <string>
#include <string_view>

namespace csx::ingest {

std::string normalize_time(std::string_view raw);
// The same into a reused buffer (no allocation once it has grown): the ingest hot path.
void normalize_time(std::string_view raw, std::string& out);

}  // namespace csx::ingest
