// unicode_fold: Unicode-aware comparison keys for names (NFKC + full case folding + removal of
// default-ignorable characters, ICU's NFKC_Casefold), so that "Zoë" typed with a combining
// diaeresis, "ZOË", "Zoë<NBSP>Ünal" and "Ｚｏë" all compare equal to "zoë ünal".
//
// ICU from Debian (libicu-dev, already a dependency of libxml2-dev): normalisation and case
// folding are tables of the Unicode Character Database that change with each Unicode version;
// a hand copy would go stale. Invalid UTF-8 folds as U+FFFD, never throws.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace csx::unicode {

// The NFKC_Casefold form of UTF-8 text, in UTF-8.
std::string fold(std::string_view utf8);

// Valid UTF-8 made only of printable characters and spaces, with at least one letter: what a
// decoded value must look like to be taken for text (a name) rather than binary data.
bool printable_text(std::string_view utf8);

// A text and its folded form, with a map between them: the folded text is built from segments
// that start where normalisation cannot reach across (a boundary before a starter), so a match
// in folded text that begins and ends on segment boundaries is exactly a range of the original.
class folded_text {
public:
    explicit folded_text(std::string_view utf8);

    const std::string& folded() const { return folded_; }
    // The folded offset of original offset `i`, or npos when `i` is not a segment start.
    std::size_t to_folded(std::size_t original) const;
    // The original offset of folded offset `f`, or npos when `f` is not a segment start
    // (folded().size() maps to the original's size).
    std::size_t to_original(std::size_t folded) const;

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

private:
    std::string folded_;
    std::vector<std::size_t> original_starts_;  // segment starts in the original, ascending
    std::vector<std::size_t> folded_starts_;    // the same segments' starts in folded_
};

}  // namespace csx::unicode
