#include "output_checks.hpp"

#include <cctype>

namespace csx::test {

// Markdown outside fenced code blocks (which a renderer shows literally).
std::string md_outside_fences(std::string_view md) {
    std::string out;
    bool in = false;
    for (std::size_t pos = 0; pos < md.size();) {
        auto eol = md.find('\n', pos);
        if (eol == std::string_view::npos) eol = md.size();
        const std::string_view line = md.substr(pos, eol - pos);
        pos = eol + 1;
        if (line.starts_with("```")) {
            in = !in;
            continue;
        }
        if (!in) {
            out += line;
            out += '\n';
        }
    }
    return out;
}

// A '<' a Markdown or HTML renderer would take for a tag: not escaped, followed by a letter,
// '/' or '!'.
std::vector<std::string> live_tags(std::string_view text) {
    std::vector<std::string> found;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != '<' || (i > 0 && text[i - 1] == '\\')) continue;
        const auto n = static_cast<unsigned char>(text[i + 1]);
        // The template's own anchors are the only markup the Markdown report writes.
        const std::string_view anchor = "<a id=\"finding-", close = "</a>";
        if (text.compare(i, anchor.size(), anchor) == 0 ||
            text.compare(i, close.size(), close) == 0)
            continue;
        if (std::isalpha(n) || n == '/' || n == '!') found.emplace_back(text.substr(i, 24));
    }
    return found;
}

// Characters no output may carry raw: terminal escapes (ESC, C1), bidi controls, zero-width
// characters and other invisible format characters from dumps.
std::vector<std::string> invisible_chars(std::string_view text) {
    std::vector<std::string> found;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto u = static_cast<unsigned char>(text[i]);
        if (u == 0x1B) found.push_back("ESC");
        if (u == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) found.push_back("CR");
        if (u == 0xC2 && i + 1 < text.size()) {
            const auto v = static_cast<unsigned char>(text[i + 1]);
            if (v >= 0x80 && v <= 0x9F) found.push_back("C1");
        }
        if (u == 0xE2 && i + 2 < text.size()) {
            const auto v = static_cast<unsigned char>(text[i + 1]);
            const auto w = static_cast<unsigned char>(text[i + 2]);
            const unsigned cp = 0x2000u | (v & 0x3Fu) << 6 | (w & 0x3Fu);
            if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
                (cp >= 0x2066 && cp <= 0x2069))
                found.push_back("U+" + std::to_string(cp));
        }
        if (text.compare(i, 3, "\xEF\xBB\xBF") == 0 && i > 0) found.push_back("U+FEFF");
    }
    return found;
}

}  // namespace csx::test
