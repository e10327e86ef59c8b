#include "report/verify_output.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "report/escape.hpp"
#include "util/json.hpp"

namespace csx::report {

std::string verify_text(const std::vector<remediation::verification>& results,
                        const std::string& tenant) {
    const auto fixed = std::count_if(results.begin(), results.end(),
                                     [](const remediation::verification& v) { return v.fixed; });
    std::string out =
        fmt::format("csx verify: {} - {} object/attribute pair(s) checked: {} fixed, {} not yet\n",
                    term(tenant), results.size(), fixed, static_cast<long>(results.size()) - fixed);
    if (results.empty())
        out += "(no open or resolved AdminSDHolder / OU permission finding for this tenant)\n";
    for (const auto& v : results) {
        out +=
            fmt::format("\n{}  {}  [{}]\n", term(v.object_dn),
                        v.attribute.empty() ? "(attribute unknown)" : term(v.attribute), v.status);
        auto field = [&](std::string_view label, const std::string& value) {
            if (!value.empty()) out += fmt::format("  {:<10} {}\n", label, term(value));
        };
        field("rule:", v.rule_id);
        field("account:", v.principal);
        field("result:", v.summary);
        for (std::size_t i = 0; i < v.evidence.size(); ++i)
            field(i == 0 ? "evidence:" : "", v.evidence[i]);
        field("next:", v.next);
    }
    return out;
}

std::string verify_json(const std::vector<remediation::verification>& results,
                        const std::string& tenant) {
    std::string out;
    json::builder b(out);
    b.begin_object();
    b.key("csx_version");
    b.value(CSX_VERSION);
    b.key("tenant");
    b.value(tenant);
    b.key("checked");
    b.value(static_cast<std::int64_t>(results.size()));
    b.key("fixed");
    b.value(static_cast<std::int64_t>(
        std::count_if(results.begin(), results.end(),
                      [](const remediation::verification& v) { return v.fixed; })));
    b.key("results");
    b.begin_array();
    for (const auto& v : results) {
        b.begin_object();
        b.key("tenant");
        b.value(v.tenant);
        b.key("rule");
        b.value(v.rule_id);
        b.key("object_dn");
        b.value(v.object_dn);
        b.key("attribute");
        if (v.attribute.empty())
            b.value_null();
        else
            b.value(v.attribute);
        b.key("principal");
        b.value(v.principal);
        b.key("status");
        b.value(v.status);
        b.key("fixed");
        b.value_bool(v.fixed);
        b.key("summary");
        b.value(v.summary);
        b.key("evidence");
        b.value(v.evidence);
        b.key("next");
        b.value(v.next);
        b.end_object();
    }
    b.end_array();
    b.end_object();
    out += '\n';
    return out;
}

}  // namespace csx::report
