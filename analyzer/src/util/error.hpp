// The exception hierarchy, typed by who must act on the failure.
//
// Only main() catches these, and it maps each type to a documented exit code
// (README "Exit codes"). A damaged input file during ingest is NOT an exception:
// it is an expected outcome recorded on the file (status "partial"), so one bad
// file never aborts a batch.
#pragma once

#include <stdexcept>
#include <string>

namespace csx {

class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The command line is wrong: the user must change the invocation.
class usage_error : public error {
public:
    using error::error;
};

// An input file cannot be used at all (missing, unreadable, a rule folder that is not one), or
// an output cannot be written whole (standard output, report -o).
class io_error : public error {
public:
    using error::error;
};

// The database cannot be opened, migrated or written: the user must fix the database file.
class db_error : public error {
public:
    using error::error;
};

// A rule file (built in or from --rules) is malformed: its author must fix it.
class rule_error : public error {
public:
    using error::error;
};

// `csx report --redact` found an original value in the finished report: the report is
// withheld (fail closed). The user gets the values' count, not the values.
class redaction_error : public error {
public:
    using error::error;
};

// A bug in csx itself.
class internal_error : public error {
public:
    using error::error;
};

}  // namespace csx
