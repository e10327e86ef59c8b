// time: the one module for dates and times in csx. std::chrono's calendar does the calendar
// (year_month_day::ok() decides whether a date exists), so an impossible date is refused, never
// moved: 2024-02-31 is not 2024-03-02, 2023-02-29 is not March 1.
//
// Three jobs:
//   - reading the clock: now_utc() (or SOURCE_DATE_EPOCH, reproducible-builds.org: tests and
//     the example reports set it so that ingest, snapshot and "generated at" times are fixed);
//   - normalising the timestamps inputs carry to one sortable text, 'YYYY-MM-DD HH:MM:SS.fff'
//     (UTC when the source carries an offset or 'Z'; as written otherwise: csexport and
//     run-history times are UTC by Microsoft's convention). Accepted forms:
//       2024-05-02 09:06:28.687        csexport, run history
//       2024-05-02T09:06:28.6870000Z   Graph, PowerShell 7 JSON, CLIXML <DT> (offset or not)
//       /Date(1714640788687)/          PowerShell 5.1 ConvertTo-Json
//     A text that is not one of them is kept as written (trimmed): nothing is lost. A text of
//     that shape whose date or time cannot exist (month 13, February 30, 25:00, an offset of
//     +24:00) is kept as written too, and reported `impossible`: the reader records it as
//     damage at its line (the file is marked partial);
//   - reading normalised times back (the report's timeline, --since) and writing them.
#pragma once

#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace csx::utc {

using millis = std::chrono::sys_time<std::chrono::milliseconds>;

enum class parse_status {
    normalized,  // out holds 'YYYY-MM-DD HH:MM:SS.fff'
    not_a_time,  // out holds the text as written (trimmed)
    impossible,  // a timestamp's shape, but no such date or time: out holds it as written
};

parse_status normalize(std::string_view raw, std::string& out);  // out reused: the hot path
std::string normalize(std::string_view raw);  // the text stored, whatever the status

// A normalised time ('YYYY-MM-DD HH:MM:SS' with an optional '.f...') back to a time point;
// nullopt for anything else or a date that cannot exist.
std::optional<millis> parse(std::string_view normalized);

// 'YYYY-MM-DD HH:MM:SS.fff' / 'YYYY-MM-DD HH:MM:SS' / 'YYYY-MM-DD'.
std::string format_millis(millis t);
std::string format_seconds(std::chrono::sys_seconds t);
std::string format_day(std::chrono::sys_days d);

// The current UTC time (or SOURCE_DATE_EPOCH) as 'YYYY-MM-DD HH:MM:SS'.
std::string now_utc();
// A time_t as 'YYYY-MM-DD HH:MM:SS' UTC.
std::string format_utc(std::time_t t);

}  // namespace csx::utc
