// code_page_guess: which of a few code pages reads a text's bytes as the most plausible names.
//
// For text that is neither UTF-8 nor UTF-16 and says nothing of its code page: a dsacls output
// saved from cmd is in the console's OEM page (437 in the US, 850 in Western Europe), a copy
// saved as "ANSI" in windows-1252, and the same byte is a different letter in each (0x81 is ü
// in 437 and 850 and no character in 1252; 0xE1 is ß in 850, á in 1252).
//
// Each candidate decodes the sample (iconv, text_decoder); one that meets a byte that is no
// character of it is out. The others are scored on their non-ASCII characters only (the ASCII
// ones are the same in all), by how a name would read:
//   +2  a Latin letter (an upper-case one right after a lower-case letter: -2, "ZoÙ")
//   +2  ’ or ‘ between two letters (O’Brien)
//   +1  a letter of another script standing apart; -2 next to a Latin letter (Mδller)
//   -1  any other symbol or punctuation (‰ ¢ ³ ±)
//  -10  a control character, or box drawing / block / shape (U+2500-U+25FF): 437 and 850 put
//       them at 0xB0-0xDF, and dsacls never prints one
// The highest total wins; a tie goes to the earlier candidate. It is `ambiguous` when the
// runner-up scores the same and reads the text differently (not when two pages agree on every
// byte the text holds, as 437 and 850 do on most accented letters).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text/encoding.hpp"

namespace csx::text {

struct code_page_guess {
    encoding chosen;
    bool ambiguous = false;
    // When ambiguous: the first word the two best candidates read differently, in each.
    encoding runner_up;
    std::string word_chosen, word_runner_up;
    struct candidate_score {
        encoding enc;
        bool possible = false;  // every byte is a character of the page
        int score = 0;
    };
    std::vector<candidate_score> scores;  // in the candidates' order
};

// `candidates` (code pages, in order of preference for ties) must not be empty.
code_page_guess guess_code_page(std::string_view bytes, std::span<const encoding> candidates);

// The plausibility score of UTF-8 text (its non-ASCII characters), as above.
int plausibility(std::string_view utf8);

}  // namespace csx::text
