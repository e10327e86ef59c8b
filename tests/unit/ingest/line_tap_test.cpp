// line_tap through xml_input: the lines an element spans, numbered as libxml2 numbers them, in
// every encoding csx reads XML in, whatever the chunking; bounded memory and its fallbacks.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "ingest/xml_input.hpp"
#include "test_support.hpp"
#include "text/text_decoder.hpp"
#include "util/utf8.hpp"

using namespace csx;

namespace {

struct seen {
    std::int64_t line = 0;  // libxml2's start line (the line of the start tag's '>')
    std::optional<std::string> text;
    std::int64_t first_line = 0;
    std::size_t cut = 0;
    bool operator==(const seen&) const = default;
};

// A handler that asks for every element named `wanted` as the file writes it.
class probe final : public ingest::xml_input {
public:
    probe(std::string wanted, std::size_t cap, xml::parser_options opts)
        : xml_input("probe", std::move(opts)), wanted_(std::move(wanted)) {
        keep_source_lines(cap);
    }
    std::int64_t records() const override { return 0; }
    ingest::file_facts facts() const override { return {}; }
    std::vector<seen> rows;

private:
    void on_start(std::string_view name, const xml::attributes&, std::int64_t line) override {
        starts_.push_back(line);
        if (name == wanted_) hold_source_from(line);
    }
    void on_end(std::string_view name) override {
        const std::int64_t line = starts_.back();
        starts_.pop_back();
        if (name != wanted_) return;
        seen s;
        s.line = line;
        if (const auto x = source_of(name, line)) {
            s.text = std::string(x->text);
            s.first_line = x->first_line;
            s.cut = x->cut;
        }
        rows.push_back(std::move(s));
    }
    void on_text(std::string_view) override {}

    std::string wanted_;
    std::vector<std::int64_t> starts_;
};

std::vector<seen> run(const std::string& bytes, const std::string& wanted, std::size_t piece,
                      std::size_t cap = ingest::line_tap::kDefaultCap,
                      xml::parser_options opts = {}) {
    probe p(wanted, cap, std::move(opts));
    bool ok = true;
    for (std::size_t i = 0; i < bytes.size() && ok; i += piece)
        ok = p.feed(std::string_view(bytes).substr(i, piece));
    INFO((p.failure() ? p.failure()->message : std::string()));
    REQUIRE(ok);
    REQUIRE(p.finish());
    return p.rows;
}

}  // namespace

TEST_CASE("line tap: lines numbered as libxml2 numbers them (LF, CRLF, a lone CR ends none)",
          "[ingest][line_tap]") {
    // Line 3 holds a lone CR inside a text: libxml2 reads it as a line break but does not count
    // it, so the next element is still on line 3 for the parser, and for the tap. The second
    // <e> has its start tag over lines 4-6: libxml2 reports line 6 (its '>'); the excerpt starts
    // at line 4, the line holding '<e', with the <f/> before it (whole lines).
    const std::string doc =
        "<?xml version=\"1.0\"?>\r\n<r>\r\n<e a=\"1\">x\ry</e><z/>\r\n<f/><e\r\n b=\"2\"\r\n>\r\n"
        "<g/>\r\n</e>\r\n<e/>\r\n</r>";
    const std::vector<seen> want = {
        {3, "<e a=\"1\">x\ry</e><z/>", 3, 0},
        {6, "<f/><e\r\n b=\"2\"\r\n>\r\n<g/>\r\n</e>", 4, 0},
        {9, "<e/>", 9, 0},
    };
    for (std::size_t piece : {1u, 2u, 7u, 4096u}) {
        CAPTURE(piece);
        CHECK(run(doc, "e", piece) == want);
        // The same document in UTF-16 (both byte orders): the same lines, decoded to UTF-8.
        CHECK(run(test::utf16(doc, false), "e", piece) == want);
        CHECK(run(test::utf16(doc, true), "e", piece) == want);
    }
    // LF only, no declaration, no line end at the end of the file.
    CHECK(run("<r>\n<e>1</e>\n<e>2</e></r>", "e", 3) ==
          std::vector<seen>{{2, "<e>1</e>", 2, 0}, {3, "<e>2</e></r>", 3, 0}});
}

TEST_CASE("line tap: text decoded from the encoding libxml2 reads the file in",
          "[ingest][line_tap]") {
    const std::string utf8 =
        "<r>\n<e n=\"Zo\xC3\xAB \xE2\x82\xAC \xF0\x9F\x98\x80\">\xC3\xBC</e>\n</r>\n";
    const std::vector<seen> want = {
        {2, "<e n=\"Zo\xC3\xAB \xE2\x82\xAC \xF0\x9F\x98\x80\">\xC3\xBC</e>", 2, 0}};
    CHECK(run(utf8, "e", 5) == want);
    CHECK(run("\xEF\xBB\xBF" + utf8, "e", 5) == want);  // UTF-8 BOM
    CHECK(run(test::utf16("<?xml version=\"1.0\" encoding=\"utf-16\"?>" + utf8, false), "e", 5) ==
          std::vector<seen>{{2, want[0].text, 2, 0}});
    // windows-1252, as the ingester forces it for a file that is not UTF-8 (0x80 is the euro).
    xml::parser_options cp1252;
    cp1252.force_encoding = "windows-1252";
    CHECK(run("<r>\n<e n=\"Zo\xEB \x80\">\xFC</e>\n</r>", "e", 4, ingest::line_tap::kDefaultCap,
              cp1252) ==
          std::vector<seen>{{2, "<e n=\"Zo\xC3\xAB \xE2\x82\xAC\">\xC3\xBC</e>", 2, 0}});
    // ISO-8859-1 as the declaration names it (0x80 is a C1 control there, not the euro).
    CHECK(run("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<e>\xEB\x80</e>", "e", 4) ==
          std::vector<seen>{{2, "<e>\xC3\xAB\xC2\x80</e>", 2, 0}});
}

TEST_CASE("line tap: memory stays bounded, lines gone or too crowded give no excerpt",
          "[ingest][line_tap]") {
    const std::size_t cap = 256;
    // An element longer than the cap: its first lines are gone when it ends.
    std::string big = "<r>\n<e>\n";
    for (int i = 0; i < 1000; ++i)
        big += "<v>value " + std::to_string(i) + "</v>\n";  // 18 KB: more than cap and a piece
    big += "</e>\n<e>small</e>\n</r>\n";
    for (std::size_t piece : {1u, 7u, 4096u}) {
        CAPTURE(piece);
        const auto r = run(big, "e", piece, cap);
        REQUIRE(r.size() == 2);
        CHECK_FALSE(r[0].text);
        CHECK(r[1].text == "<e>small</e>");
    }
    // A file that is one line longer than the cap (minified): parsed, no excerpt.
    std::string one = "<r>";
    for (int i = 0; i < 200; ++i)
        one += "<e>" + std::to_string(i) + "</e>";
    one += "</r>";
    const auto r = run(one, "e", 7, cap);
    REQUIRE(r.size() == 200);
    for (const auto& s : r)
        CHECK_FALSE(s.text);
    // Within the cap but a line of many elements (4 KB): "the lines" would be mostly other
    // elements, more than 1 KiB before or after each one. A short line of them is shown whole.
    for (int i = 200; i < 400; ++i)
        one.insert(one.size() - 4, "<e>" + std::to_string(i) + "</e>");
    for (const auto& s : run(one, "e", 4096))
        CHECK_FALSE(s.text);
    const std::string few = "<r><e>1</e><e>2</e><e/></r>";
    for (const auto& s : run(few, "e", 4096))
        CHECK(s.text == few);
    // An element of more than 8 KiB is cut at a character boundary, the rest counted.
    std::string huge = "<r>\n<e>x";
    for (int i = 0; i < 3000; ++i)
        huge += "\xC3\xA9\n";  // é, two bytes, then a line end: 3 bytes a line
    huge += "</e>\n</r>";
    const auto h = run(huge, "e", 4096);
    REQUIRE(h.size() == 1);
    REQUIRE(h[0].text);
    CHECK(h[0].text->size() == 8191);  // 8192 would cut an é in two
    CHECK(h[0].cut == 4 + 3000 * 3 + 4 - 8191);
    CHECK(utf8::valid(*h[0].text));
}
