// What no output of csx may contain, checked the same way by the hostile-values test
// (tests/unit/cli/hostile_output_test.cpp) and the output fuzz harness (tests/fuzz/fuzz_output):
// raw terminal and invisible characters, live HTML in Markdown. No Catch2 here: the fuzz
// harness links this file too.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace csx::test {

// Markdown outside fenced code blocks (which a renderer shows literally), a line each.
std::string md_outside_fences(std::string_view md);

// Each '<' a Markdown or HTML renderer would take for a tag (not backslash-escaped, followed by
// a letter, '/' or '!'), other than the report's own finding anchors: up to 24 bytes from it.
std::vector<std::string> live_tags(std::string_view text);

// Each raw ESC, lone CR, C1 control, bidi control, zero-width character or BOM after the
// start, named ("ESC", "C1", "U+8238" ...).
std::vector<std::string> invisible_chars(std::string_view text);

}  // namespace csx::test
