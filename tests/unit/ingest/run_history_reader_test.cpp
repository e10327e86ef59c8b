// ingest/run_history_reader on its own, driven by the SAX parser without the ingester: what
// run_history_test (whole files through `ingest`) cannot reach. Fragment mode as the CLIXML
// RunStep handler uses it (rows under a step that exists, lines offset), the callback for
// unmodelled elements, the source-text hooks, a wrong root, dates that cannot exist, counters
// that carry nothing, connection incidents, and what the reader reports back to its handler.
#include <catch2/catch.hpp>

#include <optional>

#include "ingest/run_history_reader.hpp"
#include "store/table_writer.hpp"
#include "test_support.hpp"
#include "xml/sax_parser.hpp"

using namespace csx;
using test::rows;
using test::scalar_int;
using test::scalar_text;
using table = std::vector<std::vector<std::string>>;

namespace {

struct extra_seen {
    std::int64_t line;
    std::string path, xml;
};

// A reader over a fresh database, fed one document at a time by the SAX parser (lines are the
// parser's, as run_history_handler gives them).
struct fixture : xml::sax_handler {
    test::temp_dir t;
    store::db d = test::fresh_db(t.file("db.sqlite"));
    store::table_writer w{d};
    std::vector<extra_seen> extras;
    ingest::run_history_reader reader{
        w, 7, [this](std::int64_t line, const std::string& path, const std::string& xml) {
            extras.push_back({line, path, xml});
        }};
    xml::sax_parser* parser = nullptr;

    void start_element(std::string_view name, const xml::attributes& attrs) override {
        reader.on_start(name, attrs, parser->line());
    }
    void end_element(std::string_view name) override { reader.on_end(name); }
    void characters(std::string_view text) override { reader.on_text(text); }

    void feed(const std::string& doc) {
        xml::sax_parser p(*this, "test.xml");
        parser = &p;
        REQUIRE(p.feed(doc.data(), doc.size()));
        REQUIRE(p.finish());
        parser = nullptr;
    }
};

}  // namespace

TEST_CASE("run history reader: runs, steps and what it reports back to the handler",
          "[ingest][runhistory]") {
    fixture f;
    f.feed(
        "<run-history>\n"
        "<run-details><ma-id> {A} </ma-id><ma-name>contoso.com</ma-name>"
        "<run-number>12</run-number><run-profile-name>Export</run-profile-name>\n"
        "<step-details step-number=\"1\" step-id=\"{S1}\">\n"
        "<start-date>2026-01-12 10:00:00</start-date><end-date>2026-01-12T10:01:00Z</end-date>"
        "<step-result>completed-export-errors</step-result>\n"
        "<step-description><step-type type=\"export\"><export-subtype>full</export-subtype>"
        "</step-type><partition> DC=contoso,DC=com </partition></step-description>\n"
        "<current-export-step-counter>5</current-export-step-counter>"
        "<last-successful-export-step-counter>3</last-successful-export-step-counter>\n"
        "</step-details></run-details>\n"
        "<run-details><ma-name>second</ma-name><run-number>x13</run-number>\n"
        "<step-details><step-result>success</step-result></step-details>\n"
        "<step-details number=\"2\"/></run-details>\n"
        "</run-history>\n");
    CHECK(f.reader.rejection().empty());
    CHECK(f.reader.runs() == 2);
    CHECK(f.reader.steps() == 3);
    CHECK(f.reader.first_run().ma_name == "contoso.com");
    CHECK(f.reader.first_run().run_number == "12");
    CHECK(f.reader.partitions() == std::vector<std::string>{"DC=contoso,DC=com"});
    CHECK_FALSE(f.reader.time_damage());
    // Values trimmed, numbers as numbers (a run number that is none is NULL), the file id given.
    CHECK(rows(f.d,
               "SELECT file_id, line, ma_id, ma_name, coalesce(run_number, 'NULL'), "
               "coalesce(run_profile, 'NULL') FROM run ORDER BY run_id") ==
          table{{"7", "2", "{A}", "contoso.com", "12", "Export"},
                {"7", "8", "NULL", "second", "NULL", "NULL"}});
    CHECK(rows(f.d,
               "SELECT line, step_number, step_guid, step_type, step_subtype, partition, "
               "start_date, end_date, step_result, current_export_counter, "
               "last_successful_export_counter FROM run_step WHERE step_guid = '{S1}'") ==
          table{{"3", "1", "{S1}", "export", "full", "DC=contoso,DC=com", "2026-01-12 10:00:00.000",
                 "2026-01-12 10:01:00.000", "completed-export-errors", "5", "3"}});
    // The description as XML, the step number from number= when step-number= is absent.
    CHECK(scalar_text(f.d, "SELECT description FROM run_step WHERE step_guid = '{S1}'") ==
          "<step-description><step-type type=\"export\"><export-subtype>full</export-subtype>"
          "</step-type><partition> DC=contoso,DC=com </partition></step-description>");
    CHECK(rows(f.d,
               "SELECT coalesce(step_number, 'NULL'), coalesce(step_result, 'NULL') FROM "
               "run_step WHERE line > 8 ORDER BY line, step_id") ==
          table{{"NULL", "success"}, {"2", "NULL"}});
}

TEST_CASE("run history reader: a document of another kind is rejected, nothing written",
          "[ingest][runhistory]") {
    fixture f;
    // (run_history_handler stops the parse at the first rejection: one element here.)
    f.feed("<cs-objects/>");
    CHECK(f.reader.rejection() ==
          "expected <run-history> as the root element of a run history, found <cs-objects>");
    CHECK(f.reader.runs() == 0);
    CHECK(scalar_int(f.d, "SELECT count(*) FROM run") == 0);
    CHECK(f.extras.empty());
}

TEST_CASE("run history reader: unmodelled elements go to the extra callback with path and line",
          "[ingest][runhistory]") {
    fixture f;
    f.feed(
        "<run-history><run-details>\n"
        "<custom-note kind=\"a&amp;b\">text <b>bold</b></custom-note>\n"
        "<step-details step-number=\"1\">\n"
        "<mystery-counters><x>1</x></mystery-counters>\n"
        "</step-details></run-details></run-history>");
    REQUIRE(f.extras.size() == 2);
    CHECK(f.extras[0].line == 2);
    CHECK(f.extras[0].path == "run-history/run-details/custom-note");
    CHECK(f.extras[0].xml == "<custom-note kind=\"a&amp;b\">text <b>bold</b></custom-note>");
    CHECK(f.extras[1].line == 4);
    CHECK(f.extras[1].path == "run-history/run-details/step-details/mystery-counters");
    CHECK(f.extras[1].xml == "<mystery-counters><x>1</x></mystery-counters>");
    // The run and step around them are still read.
    CHECK(f.reader.steps() == 1);
}

TEST_CASE("run history reader: counters with their detail flag, empty or non-numeric ones dropped",
          "[ingest][runhistory]") {
    fixture f;
    f.feed(
        "<run-history><run-details><step-details step-number=\"1\">"
        "<export-counters><export-add detail=\"true\">3</export-add>"
        "<export-update detail=\"0\">4</export-update><export-delete>5</export-delete>"
        "<export-rename detail=\"true\"></export-rename><export-failure>n/a</export-failure>"
        "</export-counters>"
        "<inbound-flow-counters ma=\"AD\"><connector-flow detail=\"1\">6</connector-flow>"
        "</inbound-flow-counters>"
        "</step-details></run-details></run-history>");
    CHECK(rows(f.d,
               "SELECT grp, ma, name, value, coalesce(detail, 'NULL') FROM step_counter "
               "ORDER BY grp, name") == table{{"export", "", "export-add", "3", "1"},
                                              {"export", "", "export-delete", "5", "NULL"},
                                              {"export", "", "export-update", "4", "0"},
                                              {"inbound-flow", "AD", "connector-flow", "6", "1"}});
}

TEST_CASE("run history reader: connection incidents with normalised codes and dates",
          "[ingest][runhistory]") {
    fixture f;
    f.feed(
        "<run-history><run-details><step-details step-number=\"1\">\n"
        "<ma-connection><connection-result>failed-search</connection-result>"
        "<server>dc1.contoso.com:389</server>\n"
        "<connection-log><incident><connection-result>failed-search</connection-result>"
        "<date>2026-01-12 10:00:00.5</date><server>dc1</server>"
        "<cd-error><error-code>0x2105</error-code><error-literal>Replication access was "
        "denied.</error-literal></cd-error></incident></connection-log>\n"
        "</ma-connection></step-details></run-details></run-history>");
    CHECK(rows(f.d, "SELECT connection_result, connection_server FROM run_step") ==
          table{{"failed-search", "dc1.contoso.com:389"}});
    CHECK(rows(f.d,
               "SELECT line, connection_result, date, server, error_code_raw, error_code, "
               "error_literal FROM connection_incident") ==
          table{{"3", "failed-search", "2026-01-12 10:00:00.500", "dc1", "0x2105", "8453",
                 "Replication access was denied."}});
}

TEST_CASE("run history reader: a date that cannot exist is kept as written and reported once",
          "[ingest][runhistory]") {
    fixture f;
    f.feed(
        "<run-history><run-details><step-details step-number=\"1\">\n"
        "<start-date>2026-02-30 10:00:00.000</start-date>\n"
        "<end-date>2026-02-31 10:00:00.000</end-date>\n"
        "<synchronization-errors><export-error dn=\"CN=A\">\n"
        "<first-occurred>yesterday</first-occurred><date-occurred>2026-13-01 "
        "00:00:00</date-occurred>\n"
        "</export-error></synchronization-errors>\n"
        "</step-details></run-details></run-history>");
    REQUIRE(f.reader.time_damage());
    // The first impossible one of the file: a step's dates are written when the step closes,
    // after its errors, so the error's month 13 (line 4) comes first.
    const auto& dmg = *f.reader.time_damage();
    CHECK(dmg.line == 4);
    CHECK(dmg.message ==
          "date-occurred '2026-13-01 00:00:00' at line 4 is no date or time that "
          "exists: kept as written");
    CHECK(rows(f.d, "SELECT start_date, end_date FROM run_step") ==
          table{{"2026-02-30 10:00:00.000", "2026-02-31 10:00:00.000"}});
    // Text that is no time at all is kept too, without counting as damage of its own.
    CHECK(rows(f.d, "SELECT first_occurred, date_occurred FROM sync_error") ==
          table{{"yesterday", "2026-13-01 00:00:00"}});
}

TEST_CASE("run history reader: fragment mode writes under a given step, lines offset, no hooks",
          "[ingest][runhistory]") {
    fixture f;
    int holds = 0, takes = 0;
    f.reader.set_source_hooks(
        {[&](std::int64_t) { ++holds; },
         [&](std::string_view, std::int64_t) -> std::optional<ingest::source_excerpt> {
             ++takes;
             return std::nullopt;
         }});
    const std::int64_t run = f.reader.insert_run(10);
    const std::int64_t step = f.reader.insert_step(run, 20);
    // The CLIXML RunStep handler: each XML string property is a fragment of the step.
    f.reader.begin_fragment(step, 100);
    f.feed(
        "<synchronization-errors>\n"
        "<retry-error mvGuid=\"{M1}\" displayName=\"Jane Doe\"><error-type>flow-error"
        "</error-type></retry-error>\n"
        "<ma-object-error><error-type>duplicate-anchor</error-type><dn>CN=Dup</dn>"
        "<anchor encoding=\"base64\">AA==</anchor></ma-object-error>\n"
        "</synchronization-errors>");
    f.reader.begin_fragment(step, 200);
    f.feed(
        "<ma-connection><connection-result>success</connection-result>"
        "<server>dc2:389</server></ma-connection>");
    CHECK(rows(f.d, "SELECT step_id = " + std::to_string(step) +
                        ", line, direction, coalesce(cs_guid, ''), dn, error_type, "
                        "coalesce(detail_xml, '') FROM sync_error ORDER BY line") ==
          table{{"1", "102", "retry", "{M1}", "Jane Doe", "flow-error", ""},
                {"1", "103", "discovery", "", "CN=Dup", "duplicate-anchor",
                 "<anchor encoding=\"base64\">AA==</anchor>"}});
    // The connection fragment is read into step() for the handler; the step row is its to write.
    CHECK(f.reader.step().connection_result == "success");
    CHECK(f.reader.step().connection_server == "dc2:389");
    CHECK(scalar_text(f.d, "SELECT coalesce(connection_server, 'NULL') FROM run_step") == "NULL");
    CHECK(f.reader.runs() == 1);
    CHECK(f.reader.steps() == 1);
    CHECK(holds == 0);
    CHECK(takes == 0);
}

TEST_CASE("run history reader: the source hooks frame each error element with its start line",
          "[ingest][runhistory]") {
    fixture f;
    std::vector<std::int64_t> held;
    std::vector<std::pair<std::string, std::int64_t>> taken;
    f.reader.set_source_hooks(
        {[&](std::int64_t line) { held.push_back(line); },
         [&](std::string_view name, std::int64_t line) -> std::optional<ingest::source_excerpt> {
             taken.emplace_back(std::string(name), line);
             if (name == "export-error")
                 return ingest::source_excerpt{"<export-error dn=\"CN=A\">...", line, 12};
             return std::nullopt;
         }});
    f.feed(
        "<run-history><run-details><step-details step-number=\"1\">\n"
        "<synchronization-errors>\n"
        "<export-error dn=\"CN=A\">\n"
        "<error-type>permission-issue</error-type>\n"
        "</export-error>\n"
        "<import-error dn=\"CN=B\"><error-type>x</error-type></import-error>\n"
        "</synchronization-errors></step-details></run-details></run-history>");
    CHECK(held == std::vector<std::int64_t>{3, 6});
    CHECK(taken == std::vector<std::pair<std::string, std::int64_t>>{{"export-error", 3},
                                                                     {"import-error", 6}});
    CHECK(rows(f.d,
               "SELECT dn, coalesce(source_text, 'NULL'), coalesce(source_line, 'NULL'), "
               "coalesce(source_cut, 'NULL'), parent_dn IS NULL FROM sync_error ORDER BY "
               "line") == table{{"CN=A", "<export-error dn=\"CN=A\">...", "3", "12", "1"},
                                {"CN=B", "NULL", "NULL", "NULL", "1"}});
}
