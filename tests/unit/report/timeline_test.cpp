// report/timeline: the run steps a report charts (read from run history) and the two SVG charts,
// on given runs and spans: what is kept and in which order, the axis, the labels, and the rows
// whose time is unknown.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "report/timeline.hpp"
#include "test_support.hpp"

using namespace csx;
using report::run_point;
using report::span;

namespace {

std::size_t count_of(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size()))
        ++n;
    return n;
}

run_point point(int day, const std::string& result, std::int64_t exports, std::int64_t failures) {
    run_point p;
    p.start = fmt::format("2026-01-{:02} 10:00:00.000", day);
    p.end = fmt::format("2026-01-{:02} 10:01:00.000", day);
    p.connector = "contoso.com";
    p.profile = "Export";
    p.step_type = "export";
    p.result = result;
    p.run_number = day;
    p.exports = exports;
    p.failures = failures;
    p.file = "run-history.xml";
    p.line = day * 10;
    return p;
}

}  // namespace

TEST_CASE("timeline: a step failed when it counted failures or did not end success/completed",
          "[report][timeline]") {
    CHECK_FALSE(point(1, "success", 3, 0).failed());
    CHECK_FALSE(point(1, "in-progress", 0, 0).failed());
    CHECK_FALSE(point(1, "", 0, 0).failed());
    CHECK_FALSE(point(1, "completed-no-objects", 0, 0).failed());
    CHECK(point(1, "completed-export-errors", 3, 0).failed());
    CHECK(point(1, "stopped-connectivity", 0, 0).failed());
    CHECK(point(1, "no-start-connection", 0, 0).failed());
    CHECK(point(1, "success", 3, 2).failed());  // failures counted despite the result
    CHECK(point(1, "export", 0, 0).is_export());
}

TEST_CASE("timeline: run_points keeps the tenant's export and failed steps, oldest first",
          "[report][timeline]") {
    test::temp_dir t;
    auto d = test::fresh_db(t.file("db.sqlite"));
    test::ingest_paths(d, {test::source_path("corpus/minimal/run-history-two-runs.xml")},
                       {"fabrikam"});
    const auto runs = report::run_points(d, "fabrikam");
    // run 101: delta import (discovery errors) at 10:00, apply-rules (sync errors) at 10:05,
    // written in the file in the other order; run 102: the export at 11:00.
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].start == "2026-01-12 10:00:00.000");
    CHECK(runs[0].step_type == "delta-import");
    CHECK(runs[0].result == "completed-discovery-errors");
    CHECK(runs[1].start == "2026-01-12 10:05:00.000");
    CHECK(runs[1].step_type == "apply-rules");
    CHECK(runs[1].run_number == 101);
    const auto& e = runs[2];
    CHECK(e.start == "2026-01-12 11:00:00.000");
    CHECK(e.end == "2026-01-12 11:00:01.000");
    CHECK(e.connector == "fabrikam.example");
    CHECK(e.profile == "Export");
    CHECK(e.run_number == 102);
    CHECK(e.exports == 4);   // export-update
    CHECK(e.failures == 1);  // export-failure
    CHECK(e.file.ends_with("run-history-two-runs.xml"));
    CHECK(e.line > runs[0].line);
    CHECK(report::run_points(d, "contoso").empty());
}

TEST_CASE("timeline: the runs chart shows the last `limit` steps, scaled, labelled, escaped",
          "[report][timeline]") {
    std::vector<run_point> runs;
    for (int day = 1; day <= 25; ++day)
        runs.push_back(point(day, "success", day, day % 3));
    runs.back().connector = "<evil & co>";
    runs[20].result = "stopped-server-down";  // failed, no failure counted: the "!" mark
    runs[20].failures = 0;
    const std::string svg = report::runs_svg(runs, 20);
    CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    CHECK(svg.ends_with("</svg>\n"));
    CHECK(svg.find("<title>Export run steps: exports and failures per step (the last 20 of "
                   "25)</title>") != std::string::npos);
    CHECK(count_of(svg, "<g>") == 20);
    // Steps 1-5 are left out; 6 to 25 are labelled by month-day and time, in order.
    CHECK(svg.find(">01-05 10:00<") == std::string::npos);
    const auto first = svg.find(">01-06 10:00<"), last = svg.find(">01-25 10:00<");
    REQUIRE(first != std::string::npos);
    REQUIRE(last != std::string::npos);
    CHECK(first < last);
    // The y axis runs to the largest count shown (25 exports).
    CHECK(svg.find("text-anchor=\"end\" font-family=\"sans-serif\" font-size=\"11\">25</text>") !=
          std::string::npos);
    CHECK(count_of(svg, "font-weight=\"bold\" fill=\"#c0392b\">!</text>") == 1);
    CHECK(svg.find("(&lt;evil &amp; co&gt;, Export)") != std::string::npos);
    CHECK(svg.find("<evil") == std::string::npos);
    // 36 px per step shown: 48 + 20 * 36 + 20.
    CHECK(svg.find("width=\"788\"") != std::string::npos);

    const std::string none = report::runs_svg({}, 20);
    CHECK(none.find("no run history ingested") != std::string::npos);
    CHECK(count_of(none, "<g>") == 0);
}

TEST_CASE("timeline: the problem chart puts every finding on one date axis, in the order given",
          "[report][timeline]") {
    const std::vector<span> spans = {
        {"1 adminsdholder-writeback-denied", "2026-01-01 00:00:00.000", "2026-01-05 00:00:00.000",
         "high"},
        {"2 unclassified-error", "", "", "low"},
        {"3 <b>missing-object</b>", "", "2026-01-03 00:00:00.000", "medium"},
        {"4 bad date", "2026-02-31 00:00:00.000", "not a time", "low"},
    };
    const std::string svg = report::spans_svg(spans);
    // Four rows of 18 px under a 24 px top and above a 30 px axis.
    CHECK(svg.find("width=\"780\" height=\"126\"") != std::string::npos);
    // The axis: five ticks, a day apart from the earliest to the latest time, in order.
    std::size_t at = 0;
    for (const char* day : {"2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05"}) {
        CAPTURE(day);
        const auto p = svg.find(std::string(">") + day + "</text>", at);
        REQUIRE(p != std::string::npos);
        at = p;
    }
    // Rows in the order given; a bar across the whole axis for the first, a 3 px mark at the
    // one known time of the third; "time unknown" for the second and for the impossible dates.
    const auto r1 = svg.find(">1 adminsdholder-writeback-denied</text>");
    const auto r2 = svg.find(">2 unclassified-error</text>");
    const auto r3 = svg.find(">3 &lt;b&gt;missing-object&lt;/b&gt;</text>");
    const auto r4 = svg.find(">4 bad date</text>");
    REQUIRE(r1 != std::string::npos);
    REQUIRE(r2 != std::string::npos);
    REQUIRE(r3 != std::string::npos);
    REQUIRE(r4 != std::string::npos);
    CHECK(r1 < r2);
    CHECK(r2 < r3);
    CHECK(r3 < r4);
    CHECK(svg.find("<rect x=\"250\" y=\"27\" width=\"480\" height=\"10\" fill=\"#c0392b\">") !=
          std::string::npos);
    CHECK(svg.find("<rect x=\"490\" y=\"63\" width=\"3\" height=\"10\" fill=\"#d68910\">") !=
          std::string::npos);
    CHECK(count_of(svg, ">time unknown</text>") == 2);
    const auto unknown = svg.find(">time unknown</text>");
    CHECK(r2 < unknown);
    CHECK(unknown < r3);
    CHECK(svg.find("<b>") == std::string::npos);

    SECTION("no time known at all: no axis dates, every row unknown") {
        const std::string blank =
            report::spans_svg({{"1 a", "", "", "low"}, {"2 b", "", "", "low"}});
        CHECK(blank.find("2026") == std::string::npos);
        CHECK(blank.find("1970") == std::string::npos);
        CHECK(count_of(blank, ">time unknown</text>") == 2);
    }
    SECTION("one moment: the axis is an hour wide, not zero (no division by zero)") {
        const std::string one = report::spans_svg(
            {{"1 a", "2026-03-01 12:00:00.000", "2026-03-01 12:00:00.000", "high"}});
        CHECK(one.find("<rect x=\"250\" y=\"27\" width=\"3\"") != std::string::npos);
        CHECK(one.find(">2026-03-01</text>") != std::string::npos);
        CHECK(one.find("nan") == std::string::npos);
    }
}
