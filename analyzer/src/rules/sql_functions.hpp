// sql_functions: the few generic SQL functions rules may call beyond SQLite's own, registered on
// the connection the rules run on (and the one `csx rules --lint` prepares them on).
//
//   csx_first_of(text, set)      the first character (code point) of text that is in set,
//                                else NULL
//   csx_first_not_of(text, set)  the first character of text that is NOT in set, else NULL
//   csx_after_last(text, sep)    what follows the last `sep` in text (all of it without one)
//
// Both read UTF-8 by code point (an invalid byte counts as U+FFFD), so a character check over a
// directory value ("which character of this UPN does Entra ID refuse") is one call instead of
// a nest of instr()s. They know no attribute and no rule: the sets live in the rule files.
// NULL in, NULL out. Views never call them, so users' own sqlite3 sessions can read every view.
#pragma once

namespace csx::store {
class db;
}

namespace csx::rules {

// Idempotent: registering again replaces the functions (a connection that is busy keeps the
// ones it has).
void register_sql_functions(store::db& d);

}  // namespace csx::rules
