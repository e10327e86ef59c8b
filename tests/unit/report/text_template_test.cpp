// The report template language (report/text_template.hpp): substitution, escaping, sections,
// standalone tag lines, and the template bugs it refuses.
#include <catch2/catch.hpp>

#include "report/text_template.hpp"
#include "util/error.hpp"

using namespace csx;
using report::template_value;
using report::text_template;

namespace {

report::escapers brackets() {
    report::escapers e;
    e.fallback = [](std::string_view s) { return "[" + std::string(s) + "]"; };
    e.filters["upper"] = [](std::string_view s) {
        std::string out(s);
        for (auto& c : out)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return out;
    };
    return e;
}

std::string render(std::string_view tmpl, const template_value& data) {
    return text_template::parse(tmpl, "test").render(data, brackets());
}

template_value sample() {
    template_value root = template_value::object();
    root.set("name", "contoso");
    root.set("empty", "");
    root.set("nothing", template_value());
    root.set("yes", true);
    root.set("no", false);
    auto& items = root.set("items", template_value::list());
    for (const char* n : {"a", "b"}) {
        template_value o = template_value::object();
        o.set("id", n);
        items.push(std::move(o));
    }
    auto& inner = root.set("inner", template_value::object());
    inner.set("deep", "x");
    root.set("svg", template_value::markup("<svg/>"));
    return root;
}

}  // namespace

TEST_CASE("template: values are escaped by the format, filters by name", "[report]") {
    const auto d = sample();
    CHECK(render("t={{name}}", d) == "t=[contoso]");
    CHECK(render("t={{ name | upper }}", d) == "t=CONTOSO");
    CHECK(render("{{inner.deep}}", d) == "[x]");
    CHECK(render("<{{nothing}}>", d) == "<>");  // null renders nothing
    CHECK(render("{{{svg}}}", d) == "<svg/>");
}

TEST_CASE("template: sections over lists, objects, truthiness, inverted sections", "[report]") {
    const auto d = sample();
    CHECK(render("{{#items}}{{id}};{{/items}}", d) == "[a];[b];");
    CHECK(render("{{#items}}{{name}}{{/items}}", d) == "[contoso][contoso]");  // outer context
    CHECK(render("{{#inner}}{{deep}}{{/inner}}", d) == "[x]");
    CHECK(render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}n{{/no}}", d) == "Yn");
    CHECK(render("{{#empty}}E{{/empty}}{{^empty}}e{{/empty}}", d) == "e");
    CHECK(render("{{#nothing}}E{{/nothing}}{{^items}}none{{/items}}", d) == "");
    CHECK(render("{{#items.1}}{{id}}{{/items.1}}|{{#items.2}}x{{/items.2}}", d) == "[b]|");
}

TEST_CASE("template: a tag alone on its line takes the line with it", "[report]") {
    const auto d = sample();
    const std::string t =
        "head\n"
        "{{! a comment\n"
        "    over two lines }}\n"
        "  {{#items}}\n"
        "- {{id}}\n"
        "  {{/items}}\n"
        "{{^no}}\n"
        "tail\n"
        "{{/no}}\n";
    CHECK(render(t, d) == "head\n- [a]\n- [b]\ntail\n");
    // Not alone: the line stays.
    CHECK(render("x {{#yes}}\ny{{/yes}} z\n", d) == "x \ny z\n");
}

TEST_CASE("template: bugs are refused with the template's name and line", "[report]") {
    const auto d = sample();
    auto fails = [&](std::string_view t, std::string_view what) {
        try {
            render(t, d);
        } catch (const internal_error& e) {
            CHECK_THAT(e.what(), Catch::Contains(std::string(what)));
            return;
        }
        FAIL("no error for: " << t);
    };
    fails("line1\n{{missing}}", "test:2: no value named 'missing'");
    fails("{{#items}}x", "never closed");
    fails("x{{/items}}", "closes nothing open");
    fails("{{{name}}}", "is not markup");  // data can never reach the output unescaped
    fails("{{name | nosuch}}", "no filter 'nosuch'");
    fails("{{items}}", "is a list or object");
    fails("{{na me}}", "malformed tag name");
    fails("{{name", "not closed");
    fails("{{#items.x}}{{/items.x}}", "a list takes a number");
}
