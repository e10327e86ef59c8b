#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "xml/name_table.hpp"
#include "xml/sax_parser.hpp"
#include "xml/serialize.hpp"

using namespace csx;

namespace {

struct recorder final : xml::sax_handler {
    std::vector<std::string> events;
    xml::sax_parser* parser = nullptr;
    bool throw_on_b = false;
    void start_element(std::string_view name, const xml::attributes& attrs) override {
        if (throw_on_b && name == "b") throw std::runtime_error("handler failure");
        std::string e = "<" + std::string(name);
        for (int i = 0; i < attrs.size(); ++i)
            e += " " + std::string(attrs.name(i)) + "=" + std::string(attrs.value(i));
        events.push_back(e + "@" + std::to_string(parser->line()));
    }
    void end_element(std::string_view name) override { events.push_back("</" + std::string(name)); }
    void characters(std::string_view text) override {
        if (!events.empty() && events.back().starts_with("#"))
            events.back() += text;
        else
            events.push_back("#" + std::string(text));
    }
};

bool parse_in_pieces(xml::sax_parser& p, const std::string& doc, std::size_t piece) {
    for (std::size_t i = 0; i < doc.size(); i += piece) {
        if (!p.feed(doc.data() + i, std::min(piece, doc.size() - i))) return false;
    }
    return p.finish();
}

}  // namespace

TEST_CASE("sax_parser delivers the same events whatever the chunk size", "[xml]") {
    const std::string doc =
        "<?xml version=\"1.0\"?>\n<r a=\"1\">\n <x:b xmlns:x=\"urn:x\" "
        "k=\"&amp;v\">t&lt;1</x:b>\n</r>";
    std::vector<std::string> reference;
    for (std::size_t piece : {std::size_t{1}, std::size_t{3}, std::size_t{7}, doc.size()}) {
        recorder r;
        xml::sax_parser p(r, "doc");
        r.parser = &p;
        REQUIRE(parse_in_pieces(p, doc, piece));
        if (reference.empty()) reference = r.events;
        CHECK(r.events == reference);
    }
    CHECK(reference.front() == "<r a=1@2");
    CHECK(std::find(reference.begin(), reference.end(), "<b k=&v@3") != reference.end());
    CHECK(std::find(reference.begin(), reference.end(), "#t<1") != reference.end());
}

TEST_CASE("sax_parser reports line and column of malformed input", "[xml]") {
    recorder r;
    xml::sax_parser p(r, "doc");
    r.parser = &p;
    const std::string doc = "<r>\n<a></b>\n</r>";
    CHECK_FALSE(parse_in_pieces(p, doc, doc.size()));
    REQUIRE(p.failure());
    CHECK(p.failure()->line == 2);
    CHECK(p.failure()->message.find("mismatch") != std::string::npos);
}

TEST_CASE("sax_parser refuses any DOCTYPE before expanding entities", "[xml]") {
    recorder r;
    xml::sax_parser p(r, "doc");
    r.parser = &p;
    const std::string doc = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<r>&x;</r>";
    CHECK_FALSE(parse_in_pieces(p, doc, doc.size()));
    REQUIRE(p.failure());
    CHECK(p.failure()->message.find("DOCTYPE") != std::string::npos);
    for (const auto& e : r.events)
        CHECK(e.find("root:") == std::string::npos);
    CHECK(r.events.empty());
}

TEST_CASE("sax_parser rethrows a handler exception after stopping libxml2", "[xml]") {
    recorder r;
    r.throw_on_b = true;
    xml::sax_parser p(r, "doc");
    r.parser = &p;
    const std::string doc = "<r><b/></r>";
    CHECK_THROWS_WITH(p.feed(doc.data(), doc.size()), "handler failure");
}

TEST_CASE("sax_parser reports a truncated document at finish", "[xml]") {
    recorder r;
    xml::sax_parser p(r, "doc");
    r.parser = &p;
    const std::string doc = "<r><a>text";
    CHECK(p.feed(doc.data(), doc.size()));
    CHECK_FALSE(p.finish());
    CHECK(p.failure());
}

TEST_CASE("name_table maps interned names and unknowns", "[xml]") {
    xml::name_table<int> t({{"a", 1}, {"b", 2}}, 0);
    std::string a = "a", b = "b", c = "c";
    for (int round = 0; round < 3; ++round) {
        CHECK(t.lookup(a) == 1);
        CHECK(t.lookup(b) == 2);
        CHECK(t.lookup(c) == 0);
    }
    std::vector<std::string> many;
    for (int i = 0; i < 200; ++i)
        many.push_back("n" + std::to_string(i));
    for (const auto& n : many)
        CHECK(t.lookup(n) == 0);
    CHECK(t.lookup(a) == 1);
}

TEST_CASE("serialize escapes text and attributes", "[xml]") {
    std::string out;
    xml::append_escaped(out, "a<b>&\"\n", true);
    CHECK(out == "a&lt;b&gt;&amp;&quot;&#10;");
}
