// report/report_model: the data an escalation report is rendered from, built in process from a
// database holding three tenants (the demo contoso files, a tenant whose only file is cut before
// its first record, a tenant with a clean configuration). The example reports check the
// rendered bytes; this checks the model's fields and that one tenant's data stays its own.
#include <catch2/catch.hpp>

#include <initializer_list>

#include "remediation/plan.hpp"
#include "report/report_model.hpp"
#include "rules/rule_engine.hpp"
#include "rules/rule_loader.hpp"
#include "test_support.hpp"

using namespace csx;
using report::template_value;

namespace {

// One step of a path into the model: an object key or a list index.
struct step {
    const char* key = nullptr;
    std::size_t index = 0;
    step(const char* k) : key(k) {}                      // NOLINT: a path reads as data
    step(int i) : index(static_cast<std::size_t>(i)) {}  // NOLINT
    step(std::size_t i) : index(i) {}                    // NOLINT
};

// The value at a path of object keys and list indexes; fails the test when it is absent.
const template_value& at(const template_value& root, std::initializer_list<step> path) {
    const template_value* v = &root;
    for (const auto& s : path) {
        if (s.key) {
            INFO("key " << s.key);
            REQUIRE(v->type() == template_value::kind::object);
            v = v->find(s.key);
            REQUIRE(v != nullptr);
        } else {
            const std::size_t i = s.index;
            INFO("index " << i);
            REQUIRE(v->type() == template_value::kind::list);
            REQUIRE(i < v->items().size());
            v = &v->items()[i];
        }
    }
    return *v;
}

std::string text_at(const template_value& root, std::initializer_list<step> path) {
    const auto& v = at(root, path);
    REQUIRE(v.type() == template_value::kind::text);
    return v.text();
}

struct fixture {
    test::temp_dir t;
    store::db d = test::fresh_db(t.file("db.sqlite"));
    std::vector<rules::rule> rules = rules::load_rules("");
    remediation::template_set templates = remediation::parse_templates(rules);

    fixture() {
        ingest::ingest_options contoso;
        contoso.tenant = "contoso";
        test::ingest_paths(d, {test::source_path("corpus/demo/contoso")}, contoso);
        const std::string cut = t.file("broken/csexport.xml");
        test::write_file(cut, "<?xml version=\"1.0\"?>\n<cs-objects>\n<cs-object cs-dn=\"CN=A");
        ingest::ingest_options broken;
        broken.tenant = "broken";
        test::ingest_paths(d, {cut}, broken);
        ingest::ingest_options quiet;
        quiet.tenant = "quiet";
        test::ingest_paths(d, {test::source_path("corpus/minimal/saved-ma-configuration-ad.xml")},
                           quiet);
    }

    std::pair<report::report_model, std::vector<rules::finding>> model(const std::string& tenant) {
        auto findings = rules::run_rules(d, rules, {tenant});
        auto m = report::build_report_model(d, tenant, findings, rules, templates,
                                            {remediation::shell::cmd, ""});
        return {std::move(m), std::move(findings)};
    }
};

}  // namespace

TEST_CASE("report model: summary, problems, data read, files and runs of the demo tenant",
          "[report][model]") {
    fixture fx;
    const auto [m, findings] = fx.model("contoso");
    REQUIRE(findings.size() == 2);
    const auto& data = m.data;
    CHECK(text_at(data, {"tenant"}) == "contoso");
    CHECK(text_at(data, {"shell"}) == "cmd");

    // Summary: counts by severity, the earliest first occurrence, the retries added up.
    CHECK(text_at(data, {"summary", "headline"}) == "2 problems open: 1 high, 1 medium.");
    CHECK_FALSE(at(data, {"summary", "none"}).flag());
    CHECK(text_at(data, {"summary", "worst"}) == "high");
    CHECK(text_at(data, {"summary", "since"}) == "2025-05-07 08:14:02.113");
    CHECK(text_at(data, {"summary", "objects"}) == "2 objects");
    std::int64_t retries = 0;
    for (const auto& f : findings)
        retries += f.retry_count.value_or(0);
    CHECK(text_at(data, {"summary", "retries"}) == std::to_string(retries));
    CHECK(text_at(data, {"summary", "certainty"}) ==
          "1 confirmed by the data; 1 classified from the error code and text");

    // The problems list: one per finding, numbered, in the findings' order, with their anchors.
    const auto& problems = at(data, {"summary", "problems"});
    REQUIRE(problems.items().size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CAPTURE(i);
        CHECK(text_at(problems, {i, "number"}) == std::to_string(i + 1));
        CHECK(text_at(problems, {i, "anchor"}) == "finding-" + std::to_string(i + 1));
        CHECK(text_at(problems, {i, "rule"}) == findings[i].rule_id);
        CHECK(text_at(data, {"findings", i, "anchor"}) == text_at(problems, {i, "anchor"}));
    }
    CHECK(text_at(problems, {0, "rule"}) == "adminsdholder-writeback-denied");
    CHECK(text_at(problems, {0, "object"}) == "CN=Dana Admin,OU=IT,DC=contoso,DC=com");
    CHECK(text_at(problems, {0, "certainty"}) == "confirmed");
    CHECK(text_at(problems, {1, "certainty"}) == "error code");

    // Data read: the tenant's own state and coverage.
    CHECK(text_at(data, {"data", "state"}) == "complete");
    CHECK(text_at(data, {"data", "summary"}) == "complete: 7 files read, 9 records kept");
    CHECK(text_at(data, {"data", "absent"}) == "AD permissions (dsacls)");
    CHECK(at(data, {"data", "connectors"}).items().size() == 2);
    CHECK(at(data, {"data", "problems"}).items().empty());

    // Files: the tenant's seven, by path, none of the other tenants'.
    const auto& files = at(data, {"files"});
    REQUIRE(files.items().size() == 7);
    std::string previous;
    for (std::size_t i = 0; i < files.items().size(); ++i) {
        const std::string path = text_at(files, {i, "path"});
        CAPTURE(path);
        CHECK(path.find("corpus/demo/contoso/") != std::string::npos);
        CHECK(previous < path);
        previous = path;
        CHECK(text_at(files, {i, "status"}) == "complete");
        CHECK(text_at(files, {i, "sha256"}).size() == 64);
        CHECK(at(files, {i, "damage"}).type() == template_value::kind::null);
    }

    // Runs: the table rows and the chart's points are the same steps.
    CHECK(at(data, {"runs", "any"}).flag());
    REQUIRE(m.runs.size() == 1);
    REQUIRE(at(data, {"runs", "rows"}).items().size() == 1);
    CHECK(text_at(data, {"runs", "rows", 0, "start"}) == "2026-06-16 09:30:40.120");
    CHECK(text_at(data, {"runs", "rows", 0, "run"}) == "48210");
    CHECK(text_at(data, {"runs", "rows", 0, "result"}) == "completed-export-errors");
    CHECK(text_at(data, {"runs", "rows", 0, "failures"}) == "1");
    CHECK(text_at(data, {"runs", "rows", 0, "source"}).ends_with("run-history-ad-export.xml:9"));

    // One span per finding for the problem chart, labelled by number and rule.
    REQUIRE(m.spans.size() == 2);
    CHECK(m.spans[0].label == "1 adminsdholder-writeback-denied");
    CHECK(m.spans[0].first == findings[0].first_occurred);
    CHECK(m.spans[0].last == findings[0].last_occurred);
    CHECK(m.spans[0].severity == "high");
}

TEST_CASE("report model: each finding's facts, remediation, holders and dated events",
          "[report][model]") {
    fixture fx;
    const auto [m, findings] = fx.model("contoso");
    REQUIRE(findings.size() == 2);
    const auto& first = at(m.data, {"findings", 0});
    CHECK(text_at(first, {"certainty"}).starts_with("Confirmed by the data: "));
    CHECK(text_at(first, {"source"}) ==
          findings[0].source_file + ":" + std::to_string(findings[0].source_line));
    CHECK(text_at(first, {"attributes"}) == "msDS-KeyCredentialLink");
    CHECK(at(first, {"has_fix"}).flag());
    CHECK_FALSE(at(first, {"steps"}).items().empty());
    CHECK(text_at(first, {"steps", 0, "number"}) == "1");
    CHECK_FALSE(at(first, {"root_cause"}).items().empty());
    CHECK_FALSE(at(first, {"evidence"}).items().empty());
    // The events of the finding, oldest first, starting with its first failure.
    const auto& events = at(first, {"timeline"}).items();
    REQUIRE(events.size() >= 2);
    CHECK(text_at(events.front(), {"time"}) == findings[0].first_occurred);
    CHECK(text_at(events.front(), {"event"}) == "first failure recorded");
    for (std::size_t i = 1; i < events.size(); ++i)
        CHECK(text_at(events[i - 1], {"time"}) <= text_at(events[i], {"time"}));
    // The duplicate: who holds the value, listed for the decision.
    const auto& dup = at(m.data, {"findings", 1});
    CHECK(text_at(dup, {"rule"}) == "duplicate-attribute");
    CHECK(at(dup, {"holders"}).items().size() == findings[1].lists.at("holders").size());
    CHECK(at(dup, {"holders"}).items().size() >= 2);
}

TEST_CASE("report model: a tenant with no usable data says so instead of 'no problem'",
          "[report][model]") {
    fixture fx;
    const auto [m, findings] = fx.model("broken");
    CHECK(findings.empty());
    CHECK(text_at(m.data, {"summary", "headline"})
              .starts_with("No usable data: not one file gave "
                           "a record"));
    CHECK(at(m.data, {"summary", "none"}).flag());
    CHECK(at(m.data, {"summary", "worst"}).type() == template_value::kind::null);
    CHECK(text_at(m.data, {"data", "state"}) == "no-usable-data");
    REQUIRE(at(m.data, {"data", "problems"}).items().size() == 1);
    CHECK(text_at(m.data, {"data", "problems", 0, "label"}) == "Lost");
    CHECK(text_at(m.data, {"data", "problems", 0, "text"}).find("csexport.xml") !=
          std::string::npos);
    CHECK(m.spans.empty());
    CHECK_FALSE(at(m.data, {"runs", "any"}).flag());
}

TEST_CASE("report model: complete data without findings is 'no open problem', nothing else's",
          "[report][model]") {
    fixture fx;
    const auto [m, findings] = fx.model("quiet");
    CHECK(findings.empty());
    CHECK(text_at(m.data, {"summary", "headline"}) ==
          "No open problem found in the ingested files.");
    CHECK(text_at(m.data, {"data", "state"}) == "complete");
    CHECK(at(m.data, {"summary", "problems"}).items().empty());
    CHECK(at(m.data, {"findings"}).items().empty());
    REQUIRE(at(m.data, {"files"}).items().size() == 1);
    CHECK(text_at(m.data, {"files", 0, "path"}).ends_with("saved-ma-configuration-ad.xml"));
}
