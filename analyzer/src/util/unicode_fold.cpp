#include "util/unicode_fold.hpp"

#include <algorithm>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "util/utf8.hpp"

namespace csx::unicode {

namespace {

const UNormalizer2* nfkc_casefold() {
    static const UNormalizer2* n = [] {
        UErrorCode ec = U_ZERO_ERROR;
        const UNormalizer2* p = unorm2_getNFKCCasefoldInstance(&ec);
        return U_SUCCESS(ec) ? p : nullptr;
    }();
    return n;
}

// One code point at s[i] (advancing i); U+FFFD for a malformed sequence.
UChar32 next(std::string_view s, std::size_t& i) {
    const std::uint32_t cp = utf8::decode(s, i);
    return cp == utf8::kMalformed ? 0xFFFD : static_cast<UChar32>(cp);
}

// Folds UTF-16 `in` and appends it to `out` as UTF-8.
void fold_append(const std::u16string& in, std::string& out) {
    const UNormalizer2* n = nfkc_casefold();
    std::u16string norm(in.size() * 3 + 8, u'\0');
    UErrorCode ec = U_ZERO_ERROR;
    int32_t len = 0;
    if (n) {
        len = unorm2_normalize(
            n, reinterpret_cast<const UChar*>(in.data()), static_cast<int32_t>(in.size()),
            reinterpret_cast<UChar*>(norm.data()), static_cast<int32_t>(norm.size()), &ec);
        if (ec == U_BUFFER_OVERFLOW_ERROR) {
            norm.assign(static_cast<std::size_t>(len), u'\0');
            ec = U_ZERO_ERROR;
            len = unorm2_normalize(n, reinterpret_cast<const UChar*>(in.data()),
                                   static_cast<int32_t>(in.size()),
                                   reinterpret_cast<UChar*>(norm.data()), len, &ec);
        }
    }
    if (!n || U_FAILURE(ec)) {  // no ICU data: compare as written
        norm = in;
        len = static_cast<int32_t>(in.size());
    }
    std::string bytes(static_cast<std::size_t>(len) * 3 + 4, '\0');
    int32_t out_len = 0;
    ec = U_ZERO_ERROR;
    u_strToUTF8(bytes.data(), static_cast<int32_t>(bytes.size()), &out_len,
                reinterpret_cast<const UChar*>(norm.data()), len, &ec);
    if (U_SUCCESS(ec)) out.append(bytes.data(), static_cast<std::size_t>(out_len));
}

void append_utf16(std::u16string& s, UChar32 c) {
    if (c <= 0xFFFF) {
        s.push_back(static_cast<char16_t>(c));
    } else {
        s.push_back(static_cast<char16_t>(U16_LEAD(c)));
        s.push_back(static_cast<char16_t>(U16_TRAIL(c)));
    }
}

}  // namespace

std::string fold(std::string_view text) {
    std::u16string in;
    in.reserve(text.size());
    for (std::size_t i = 0; i < text.size();)
        append_utf16(in, next(text, i));
    std::string out;
    fold_append(in, out);
    return out;
}

bool printable_text(std::string_view text) {
    bool letter = false;
    for (std::size_t i = 0; i < text.size();) {
        const std::uint32_t cp = utf8::decode(text, i);
        if (cp == utf8::kMalformed) return false;
        const auto c = static_cast<UChar32>(cp);
        if (!(u_isprint(c) || c == ' ')) return false;
        letter = letter || u_isalpha(c);
    }
    return letter;
}

folded_text::folded_text(std::string_view text) {
    const UNormalizer2* n = nfkc_casefold();
    std::u16string segment;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t start = i;
        UChar32 c = next(text, i);
        // A segment: one code point, plus every following one that normalisation may combine
        // with it (no boundary before it).
        if (!original_starts_.empty() && n && !unorm2_hasBoundaryBefore(n, c)) {
            append_utf16(segment, c);
            continue;
        }
        if (!original_starts_.empty()) {
            fold_append(segment, folded_);
            segment.clear();
        }
        original_starts_.push_back(start);
        folded_starts_.push_back(folded_.size());
        append_utf16(segment, c);
    }
    if (!segment.empty()) fold_append(segment, folded_);
    original_starts_.push_back(text.size());
    folded_starts_.push_back(folded_.size());
}

std::size_t folded_text::to_folded(std::size_t original) const {
    auto it = std::lower_bound(original_starts_.begin(), original_starts_.end(), original);
    if (it == original_starts_.end() || *it != original) return npos;
    return folded_starts_[static_cast<std::size_t>(it - original_starts_.begin())];
}

std::size_t folded_text::to_original(std::size_t folded) const {
    // Several segments may fold to nothing (a zero-width character): the first of them.
    auto it = std::lower_bound(folded_starts_.begin(), folded_starts_.end(), folded);
    if (it == folded_starts_.end() || *it != folded) return npos;
    return original_starts_[static_cast<std::size_t>(it - folded_starts_.begin())];
}

}  // namespace csx::unicode
