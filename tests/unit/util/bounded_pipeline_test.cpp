// bounded_pipeline: every submitted item is consumed once, in order, with the pool as the only
// memory; a consumer failure comes back to the producer, which is never left waiting; an
// unfinished pipeline stops quietly.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "util/bounded_pipeline.hpp"

using csx::bounded_pipeline;

namespace {

struct item {
    int value = -1;
};

}  // namespace

TEST_CASE("bounded_pipeline: items are consumed in submission order, through a small pool",
          "[util][pipeline]") {
    for (std::size_t batch : {1u, 3u, 16u}) {
        for (std::size_t pool : {2u, 5u}) {
            std::vector<int> seen;  // only the worker writes it until finish()
            bounded_pipeline<item> p(
                std::vector<item>(pool),
                [&](item& i) {
                    seen.push_back(i.value);
                    i.value = -1;
                },
                "csx-test", batch);
            for (int n = 0; n < 1000; ++n) {
                item& i = p.acquire();
                CHECK(i.value == -1);  // a recycled item, never one still queued
                i.value = n;
                p.submit();
            }
            p.finish();
            REQUIRE(seen.size() == 1000);
            bool ordered = true;
            for (int n = 0; n < 1000; ++n)
                ordered = ordered && seen[static_cast<std::size_t>(n)] == n;
            CHECK(ordered);
        }
    }
}

TEST_CASE("bounded_pipeline: an item acquired twice without submit is the same item",
          "[util][pipeline]") {
    std::atomic<int> consumed{0};
    bounded_pipeline<item> p(
        std::vector<item>(2), [&](item&) { ++consumed; }, "csx-test");
    item& a = p.acquire();
    item& b = p.acquire();
    CHECK(&a == &b);
    p.submit();
    p.submit();  // nothing acquired: nothing queued
    p.finish();
    CHECK(consumed == 1);
}

TEST_CASE("bounded_pipeline: a consumer failure reaches the producer, which never hangs",
          "[util][pipeline]") {
    int consumed = 0;
    bounded_pipeline<item> p(
        std::vector<item>(2),
        [&](item& i) {
            if (i.value == 7) throw std::runtime_error("consumer failed at 7");
            ++consumed;
        },
        "csx-test", 4);
    int submitted = 0;
    CHECK_THROWS_WITH(
        [&] {
            for (int n = 0; n < 10'000; ++n) {
                p.acquire().value = n;
                p.submit();
                ++submitted;
            }
            p.finish();
        }(),
        "consumer failed at 7");
    CHECK(submitted < 10'000);  // the producer learnt of it before the end
    CHECK(consumed == 7);       // nothing after the failing item was consumed
}

TEST_CASE("bounded_pipeline: destroyed without finish, it stops quietly", "[util][pipeline]") {
    std::atomic<int> consumed{0};
    {
        bounded_pipeline<item> p(
            std::vector<item>(4), [&](item&) { ++consumed; }, "csx-test", 2);
        for (int n = 0; n < 3; ++n) {
            p.acquire().value = n;
            p.submit();
        }
    }
    CHECK(consumed <= 3);
}
