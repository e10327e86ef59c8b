// damage: where a text input stops making sense, and what was expected there.
//
// The readers of text/ (json_reader) and every ingest handler report damage as a result, not
// an exception: the line and column of the first thing that could not be read, and a sentence
// saying what was expected. Column 0 means "somewhere on that line".
#pragma once

#include <cstdint>
#include <string>

namespace csx::text {

struct damage {
    std::int64_t line = 0;
    std::int64_t column = 0;
    std::string message;
};

}  // namespace csx::text
