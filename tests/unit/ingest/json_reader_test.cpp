#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "ingest/json_reader.hpp"

using namespace csx::ingest;

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
                               std::optional<csx::ingest::damage>* dmg = nullptr) {
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

TEST_CASE("json_reader emits the same events for any chunking", "[ingest][json]") {
    const std::string text =
        "{\n \"a\": [1, -2.5e3, true, null],\n \"s\": \"x\\\"\\u00e9\\ud83d\\ude00\"\n}";
    auto ref = parse(text, text.size());
    for (std::size_t piece : {1u, 2u, 5u})
        CHECK(parse(text, piece) == ref);
    CHECK(ref == std::vector<std::string>{"{@1", "k:a", "[@2", "v:1", "v:-2.5e3", "v:true",
                                          "v:null", "]", "k:s", "v:x\"\xc3\xa9\xf0\x9f\x98\x80",
                                          "}"});
}

TEST_CASE("json_reader reports where malformed JSON breaks", "[ingest][json]") {
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

TEST_CASE("json_reader bounds nesting depth", "[ingest][json]") {
    bool ok = true;
    std::optional<damage> d;
    parse(std::string(10000, '[') + std::string(10000, ']'), 4096, &ok, &d);
    CHECK_FALSE(ok);
    CHECK(d->message.find("nested") != std::string::npos);
}
