// The process exit codes csx documents (README "Exit codes"). Scripts depend on them.
#pragma once

namespace csx::cli {

enum exit_code : int {
    exit_ok = 0,              // success (for triage: no finding at or above --fail-on)
    exit_findings = 1,        // triage/verify: findings at or above --fail-on
    exit_usage = 2,           // bad command line
    exit_input_damaged = 3,   // ingest: at least one file damaged; its intact prefix was kept
    exit_input_missing = 4,   // a path does not exist or a file could not be read; or the output
                              // (stdout, -o) could not be written whole
    exit_database = 5,        // the database cannot be opened, migrated or written
    exit_rules = 6,           // a rule file is malformed (built in or --rules)
    exit_redaction = 7,       // report --redact: an original value survived; nothing was written
    exit_no_usable_data = 8,  // triage --fail-on: no finding at the threshold, and a tenant's
                              // files gave not one record (nothing was looked at)
    exit_internal = 70,       // a bug in csx (EX_SOFTWARE)
};

}  // namespace csx::cli
