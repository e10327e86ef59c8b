// Code pages through iconv (converter, text_decoder) and the guess among them.
#include <catch2/catch.hpp>

#include <string>

#include "text/code_page_guess.hpp"
#include "text/converter.hpp"
#include "text/encoding.hpp"
#include "text/text_decoder.hpp"

using namespace csx::text;

namespace {

const encoding kCp850 = encoding::page(850);
const encoding kCp437 = encoding::page(437);
const encoding kDsacls[] = {kCp850, kCp437, encoding::windows1252};

// "Jürgen Groß, Zoë Müller" as each page writes it.
const std::string kGerman850 = "J\x81rgen Gro\xE1, Zo\x89 M\x81ller";
const std::string kGerman1252 = "J\xFCrgen Gro\xDF, Zo\xEB M\xFCller";
const std::string kGermanUtf8 = "J\xC3\xBCrgen Gro\xC3\x9F, Zo\xC3\xAB M\xC3\xBCller";

std::string decoded(const std::string& bytes, encoding e, std::size_t piece) {
    text_decoder d(e);
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += piece)
        REQUIRE(d.decode(std::string_view(bytes).substr(i, piece), out));
    REQUIRE(d.finish());
    return out;
}

}  // namespace

TEST_CASE("encodings have one stored name and one iconv name", "[text]") {
    CHECK(to_string(encoding::windows1252) == "windows-1252");
    CHECK(to_string(kCp850) == "cp850");
    CHECK(to_string(encoding::iso8859_1) == "iso-8859-1");
    CHECK(to_string(encoding::utf16le) == "utf-16le");
    CHECK(iconv_name(kCp850) == "CP850");
    CHECK(iconv_name(encoding::windows1252) == "WINDOWS-1252");
    CHECK(encoding_named("WINDOWS-1252") == encoding::windows1252);
    CHECK(encoding_named("IBM437") == kCp437);
    CHECK(encoding_named("ISO-8859-1") == encoding::iso8859_1);
    CHECK(encoding_named("us-ascii") == encoding::utf8);
    CHECK_FALSE(encoding_named("EBCDIC-US"));
    CHECK(code_page_from_number(850) == kCp850);
    CHECK(code_page_from_number(866) == encoding::page(866));
    CHECK_FALSE(code_page_from_number(65001));  // UTF-8 is detected, never forced
    CHECK_FALSE(code_page_from_number(1200));
    CHECK_FALSE(code_page_from_number(4242));  // no such page
}

TEST_CASE("code pages decode through iconv in any chunking", "[text]") {
    for (std::size_t piece : {1u, 2u, 7u, 4096u}) {
        CAPTURE(piece);
        CHECK(decoded(kGerman850, kCp850, piece) == kGermanUtf8);
        CHECK(decoded(kGerman850, kCp437, piece) == kGermanUtf8);
        CHECK(decoded(kGerman1252, encoding::windows1252, piece) == kGermanUtf8);
        CHECK(decoded("\x80 \xE9", encoding::windows1252, piece) == "\xE2\x82\xAC \xC3\xA9");
        // Cyrillic on a Russian console: "Иван".
        CHECK(decoded("\x88\xA2\xA0\xAD", encoding::page(866), piece) ==
              "\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD");
    }
}

TEST_CASE("a byte that is no character of the page is damage at its offset", "[text]") {
    text_decoder d(encoding::windows1252);
    std::string out;
    CHECK(d.decode("ab", out));
    CHECK_FALSE(d.decode("cd\x81z", out));
    CHECK(out == "abcd");
    REQUIRE(d.error());
    CHECK(*d.error() == "byte 0x81 at byte offset 4 is no character in windows-1252");
    // A sample being sniffed goes on past it.
    CHECK(decode_sample("a\x81z", encoding::windows1252) == "a\xEF\xBF\xBDz");
}

TEST_CASE("a multi-byte code page carries a cut character to the next chunk", "[text]") {
    // Shift-JIS (cp932) "日本": two bytes each.
    const std::string sjis = "\x93\xFA\x96\x7B";
    CHECK(decoded(sjis, encoding::page(932), 1) == "\xE6\x97\xA5\xE6\x9C\xAC");
    text_decoder cut(encoding::page(932));
    std::string out;
    CHECK(cut.decode(sjis.substr(0, 3), out));
    CHECK_FALSE(cut.finish());
    CHECK(cut.error()->find("ends inside a cp932 character at byte offset 2") != std::string::npos);
}

TEST_CASE("the guess reads cmd's OEM output and ANSI copies by how the names read",
          "[text][dsacls]") {
    // 0x81 is no character in windows-1252; 437 and 850 agree on these letters.
    auto g = guess_code_page(kGerman850, kDsacls);
    CHECK(g.chosen == kCp850);
    CHECK_FALSE(g.ambiguous);
    CHECK_FALSE(g.scores[2].possible);
    CHECK(g.scores[0].score == g.scores[1].score);
    // The windows-1252 copy: in 850 it reads "J³rgen Gro▀, ZoÙ M³ller".
    g = guess_code_page(kGerman1252, kDsacls);
    CHECK(g.chosen == encoding::windows1252);
    CHECK(g.scores[2].score == 8);
    CHECK(g.scores[0].score < 0);
    // Danish on a Western European console: ø and Ø are 437's ¢ and ¥.
    g = guess_code_page("S\x9Bren \x9Drsted", kDsacls);
    CHECK(g.chosen == kCp850);
    CHECK(g.scores[0].score == 4);
    CHECK(g.scores[1].score == -2);
}

TEST_CASE("the guess says when two pages read a text differently and equally well",
          "[text][dsacls]") {
    // 0xE1 alone: ß in 850 and 437, á in 1252: "Groß" and "Groá" read equally well.
    auto g = guess_code_page("CN=Gro\xE1,DC=x", kDsacls);
    CHECK(g.ambiguous);
    CHECK(g.chosen == kCp850);
    CHECK(g.runner_up == encoding::windows1252);
    CHECK(g.word_chosen == "CN=Gro\xC3\x9F,DC=x");
    CHECK(g.word_runner_up == "CN=Gro\xC3\xA1,DC=x");
    // 0xE9 alone: Ú after a lower-case letter in 850, Θ in 437, é in 1252: not a tie.
    g = guess_code_page("CN=Ren\xE9", kDsacls);
    CHECK_FALSE(g.ambiguous);
    CHECK(g.chosen == encoding::windows1252);
}

TEST_CASE("plausibility: letters up, box drawing and stray symbols down", "[text]") {
    CHECK(plausibility("plain ASCII") == 0);
    CHECK(plausibility("M\xC3\xBCller") == 2);      // ü
    CHECK(plausibility("Zo\xC3\x99") == -2);        // Ù after a lower-case letter
    CHECK(plausibility("Gro\xE2\x96\x80") == -10);  // ▀
    CHECK(plausibility("O\xE2\x80\x99"
                       "Brien") == 2);                             // O’Brien
    CHECK(plausibility("M\xCE\xB4ller") == -2);                    // a Greek δ inside a Latin word
    CHECK(plausibility("\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD") == 4);  // Иван on its own
}
