#include "text/code_page_guess.hpp"

#include <optional>
#include <tuple>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "text/text_decoder.hpp"
#include "util/utf8.hpp"

namespace csx::text {

namespace {

bool is_letter(std::uint32_t cp) {
    return cp != utf8::kMalformed && u_isalpha(static_cast<UChar32>(cp));
}

bool is_latin(std::uint32_t cp) {
    UErrorCode err = U_ZERO_ERROR;
    return uscript_getScript(static_cast<UChar32>(cp), &err) == USCRIPT_LATIN && U_SUCCESS(err);
}

int score_of(std::uint32_t prev, std::uint32_t cp, std::uint32_t next) {
    if (cp == utf8::kMalformed || u_charType(static_cast<UChar32>(cp)) == U_CONTROL_CHAR ||
        (cp >= 0x2500 && cp <= 0x25FF))
        return -10;
    if (is_letter(cp)) {
        if (!is_latin(cp))
            return (is_letter(prev) && is_latin(prev)) || (is_letter(next) && is_latin(next)) ? -2
                                                                                              : 1;
        if (u_isupper(static_cast<UChar32>(cp)) && is_letter(prev) &&
            u_islower(static_cast<UChar32>(prev)))
            return -2;
        return 2;
    }
    if ((cp == 0x2019 || cp == 0x2018) && is_letter(prev) && is_letter(next)) return 2;
    return -1;
}

// The first whitespace-separated word of `bytes` that `a` and `b` decode differently.
std::pair<std::string, std::string> first_difference(std::string_view bytes, encoding a,
                                                     encoding b) {
    std::size_t i = 0;
    while (i < bytes.size()) {
        while (i < bytes.size() &&
               (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n'))
            ++i;
        std::size_t j = i;
        while (j < bytes.size() && bytes[j] != ' ' && bytes[j] != '\t' && bytes[j] != '\r' &&
               bytes[j] != '\n')
            ++j;
        const std::string_view word = bytes.substr(i, j - i);
        std::string wa = decode_sample(word, a), wb = decode_sample(word, b);
        if (wa != wb) return {std::move(wa), std::move(wb)};
        i = j;
    }
    return {};
}

}  // namespace

int plausibility(std::string_view text) {
    int total = 0;
    std::uint32_t prev = ' ';
    for (std::size_t i = 0; i < text.size();) {
        const std::uint32_t cp = utf8::decode(text, i);
        if (cp < 0x80) {
            prev = cp;
            continue;
        }
        std::size_t j = i;
        const std::uint32_t next = j < text.size() ? utf8::decode(text, j) : ' ';
        total += score_of(prev, cp, next);
        prev = cp;
    }
    return total;
}

code_page_guess guess_code_page(std::string_view bytes, std::span<const encoding> candidates) {
    code_page_guess g;
    g.chosen = candidates.front();
    std::vector<std::string> decoded;
    for (const encoding& e : candidates) {
        std::string out;
        text_decoder d(e);
        code_page_guess::candidate_score s{e, false, 0};
        // The sample may end inside a multi-byte character: only an invalid byte rules it out.
        if (d.decode(bytes, out)) {
            s.possible = true;
            s.score = plausibility(out);
        }
        g.scores.push_back(s);
        decoded.push_back(std::move(out));
    }
    std::optional<std::size_t> best;
    for (std::size_t k = 0; k < g.scores.size(); ++k)
        if (g.scores[k].possible && (!best || g.scores[k].score > g.scores[*best].score)) best = k;
    if (!best) return g;  // no candidate reads it: the first, and its decoder names the byte
    g.chosen = g.scores[*best].enc;
    // Ambiguous: another page reads it as well, but as other letters.
    for (std::size_t k = 0; k < g.scores.size(); ++k) {
        if (k == *best || !g.scores[k].possible || g.scores[k].score != g.scores[*best].score ||
            decoded[k] == decoded[*best])
            continue;
        g.ambiguous = true;
        g.runner_up = g.scores[k].enc;
        std::tie(g.word_chosen, g.word_runner_up) = first_difference(bytes, g.chosen, g.runner_up);
        break;
    }
    return g;
}

}  // namespace csx::text
