// clock: the one place csx reads the wall clock.
//
// SOURCE_DATE_EPOCH (reproducible-builds.org), when set to a decimal number of seconds, replaces
// the current time: tests and the example reports under reports/examples use it so that ingest
// times, snapshot times and "generated at" lines are the same on every run.
#pragma once

#include <ctime>
#include <string>

namespace csx {

// The current UTC time (or SOURCE_DATE_EPOCH) as 'YYYY-MM-DD HH:MM:SS'.
std::string now_utc();

// A time_t as 'YYYY-MM-DD HH:MM:SS' UTC.
std::string format_utc(std::time_t t);

}  // namespace csx
