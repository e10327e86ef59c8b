#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "text/json_reader.hpp"

using namespace csx::text;

namespace {
struct events final : json_events {
    std::vector<std::string> log;
    void start_object(std::int64_t line) override { log.push_back("{@" + std::to_string(line)); }
    void end_object() override { log.push_back("}"); }
    void start_array(std::int64_t line) override { log.push_back("[@" + std::to_string(line)); }
    void end_array() override { log.push_back("]"); }
    void key(std::string_view k) override { log.push_back("k:" + std::string(k)); }
    void scalar(json_scalar, std::string_view v, std::int64_t) override {
        log.push_back("v:" + std::string(v));
    }
};

std::vector<std::string> parse(const std::string& text, std::size_t piece, bool* ok = nullptr,
                               std::optional<csx::text::damage>* dmg = nullptr) {
    events e;
    json_reader r(e);
    bool good = true;
    for (std::size_t i = 0; i < text.size() && good; i += piece)
        good = r.feed(text.substr(i, piece));
    if (good) good = r.finish();
    if (ok) *ok = good;
    if (dmg) *dmg = r.failure();
    return e.log;
}
}  // namespace

TEST_CASE("json_reader emits the same events for any chunking", "[text][json]") {
    const std::string text =
        "{\n \"a\": [1, -2.5e3, true, null],\n \"s\": \"x\\\"\\u00e9\\ud83d\\ude00\"\n}";
    auto ref = parse(text, text.size());
    for (std::size_t piece : {1u, 2u, 5u})
        CHECK(parse(text, piece) == ref);
    CHECK(ref == std::vector<std::string>{"{@1", "k:a", "[@2", "v:1", "v:-2.5e3", "v:true",
                                          "v:null", "]", "k:s", "v:x\"\xc3\xa9\xf0\x9f\x98\x80",
                                          "}"});
}

TEST_CASE("json_reader reports where malformed JSON breaks", "[text][json]") {
    bool ok = true;
    std::optional<damage> d;
    parse("{\n  \"a\": 1,\n  \"b\" 2\n}", 4, &ok, &d);
    CHECK_FALSE(ok);
    REQUIRE(d);
    CHECK(d->line == 3);
    CHECK(d->message.find("':'") != std::string::npos);

    parse("[1, 2", 100, &ok, &d);
    CHECK_FALSE(ok);
    CHECK(d->message.find("ends inside a JSON array") != std::string::npos);

    parse("[01]", 100, &ok, &d);
    CHECK_FALSE(ok);
    parse("{\"a\":1} extra", 100, &ok, &d);
    CHECK_FALSE(ok);
    parse("", 100, &ok, &d);
    CHECK_FALSE(ok);
}

TEST_CASE("json_reader bounds nesting depth", "[text][json]") {
    bool ok = true;
    std::optional<damage> d;
    parse(std::string(10000, '[') + std::string(10000, ']'), 4096, &ok, &d);
    CHECK_FALSE(ok);
    CHECK(d->message.find("nested") != std::string::npos);
}

namespace {
// Captures every object at `depth` (1 = the root) as the input writes it.
struct capturing_events final : json_events {
    json_reader* reader = nullptr;
    std::size_t depth = 0, at = 2, cap = 1024;
    std::vector<json_reader::capture> got;
    void start_object(std::int64_t) override {
        if (++depth == at) reader->begin_capture(cap);
    }
    void end_object() override {
        if (depth-- == at) got.push_back(reader->end_capture());
    }
    void start_array(std::int64_t) override { ++depth; }
    void end_array() override { --depth; }
    void key(std::string_view) override {}
    void scalar(json_scalar, std::string_view, std::int64_t) override {}
};

std::vector<json_reader::capture> captures(const std::string& text, std::size_t piece,
                                           std::size_t cap = 1024) {
    capturing_events e;
    json_reader r(e);
    e.reader = &r;
    e.cap = cap;
    for (std::size_t i = 0; i < text.size(); i += piece)
        REQUIRE(r.feed(text.substr(i, piece)));
    REQUIRE(r.finish());
    return e.got;
}
}  // namespace

TEST_CASE("json_reader captures an object's text as written, whatever the chunking",
          "[text][json]") {
    // Escapes, spacing, the offset and the seven fraction digits stay as the file has them; a
    // pretty-printed object starting its line keeps its indentation, CRLF included.
    const std::string item =
        "    {\r\n      \"@odata.type\": \"#microsoft.graph.onPremisesProvisioningError\",\r\n"
        "      \"occurredDateTime\":\"2024-05-01T10:11:12.1234567+02:00\",\r\n"
        "      \"value\" : \"smtp:\\u00e9@x\\/y\", \"n\": [1, {\"deep\": 2.50}]\r\n    }";
    const std::string text = "[\r\n" + item + ",\r\n    {\"b\":1}]";
    for (std::size_t piece : {1u, 3u, 7u, 4096u}) {
        INFO(piece);
        const auto got = captures(text, piece);
        REQUIRE(got.size() == 2);
        CHECK(got[0].text == item);
        CHECK(got[0].cut == 0);
        CHECK(got[1].text == "    {\"b\":1}");  // first on its line: indentation kept
    }
    // Not first on its line: from the brace.
    const auto inline_obj = captures("[ 1, {\"a\":\"b\"} ]", 2);
    REQUIRE(inline_obj.size() == 1);
    CHECK(inline_obj[0].text == "{\"a\":\"b\"}");
}

TEST_CASE("json_reader cuts a capture at the cap on a UTF-8 character boundary", "[text][json]") {
    // "é" is two bytes: a cap of 9 falls inside the second one and keeps 8 bytes.
    const std::string text = "[{\"v\":\"\xc3\xa9\xc3\xa9\xc3\xa9\"}]";
    for (std::size_t piece : {1u, 5u, 100u}) {
        const auto got = captures(text, piece, 9);
        REQUIRE(got.size() == 1);
        CHECK(got[0].text == "{\"v\":\"\xc3\xa9");
        CHECK(got[0].cut == text.size() - 2 - 8);  // the object without its array brackets
    }
}

TEST_CASE("json_reader: escapes count toward the 16 MiB string cap, the value is kept cut",
          "[text][json]") {
    // 17 Mi "\n" escapes: 34 MiB of input, 17 MiB decoded. The value is cut at 16 MiB, the
    // parse goes on to the next key, and the cut is a notice (partial), not a failure.
    struct sizes final : json_events {
        std::vector<std::size_t> lengths;
        std::vector<std::string> keys;
        void start_object(std::int64_t) override {}
        void end_object() override {}
        void start_array(std::int64_t) override {}
        void end_array() override {}
        void key(std::string_view k) override { keys.emplace_back(k); }
        void scalar(json_scalar, std::string_view v, std::int64_t) override {
            lengths.push_back(v.size());
        }
    } e;
    json_reader r(e);
    bool ok = r.feed("{\n\"a\": \"");
    const std::string block = [] {
        std::string b;
        for (int i = 0; i < 32 * 1024; ++i)
            b += "\\n";
        return b;
    }();
    for (int i = 0; ok && i < 17 * 32; ++i)  // 544 chunks of 64 KiB: 17 Mi escapes
        ok = r.feed(block);
    ok = ok && r.feed("\", \"b\": \"after\"}");
    ok = ok && r.finish();
    CHECK(ok);
    CHECK_FALSE(r.failure());
    REQUIRE(r.notice());
    CHECK(r.notice()->line == 2);
    CHECK(r.notice()->message.find("holds 17825792 bytes, more than the 16 MiB") !=
          std::string::npos);
    CHECK(e.lengths == std::vector<std::size_t>{json_reader::kMaxString, 5});
    CHECK(e.keys == std::vector<std::string>{"a", "b"});
}

TEST_CASE("json_reader: a string across many chunks decodes the same, escapes split anywhere",
          "[text][json]") {
    std::string value;
    for (int i = 0; i < 500; ++i)
        value += "ab\\\"c\\u00e9\\ud83d\\ude00\\n";
    const std::string text = "[\"" + value + "\", \"" + value + "\"]";
    const auto ref = parse(text, text.size());
    REQUIRE(ref.size() == 4);
    CHECK(ref[1].size() == 2 + 500 * (2 + 1 + 1 + 2 + 4 + 1));
    for (std::size_t piece : {1u, 2u, 3u, 5u, 7u, 11u, 4096u})
        CHECK(parse(text, piece) == ref);
}
