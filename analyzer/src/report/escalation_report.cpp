#include "report/escalation_report.hpp"

#include <charconv>
#include <set>

#include <fmt/format.h>

#include "report/escape.hpp"
#include "report/redactor.hpp"
#include "report/report_model.hpp"
#include "report/text_template.hpp"
#include "report/timeline.hpp"
#include "store/db.hpp"
#include "store/statement.hpp"
#include "util/dn.hpp"
#include "util/embedded.hpp"
#include "util/error.hpp"

namespace csx::report {

namespace {

escapers escapers_for(report_format f) {
    escapers e;
    if (f == report_format::html) {
        e.fallback = html_text;
        e.filters = {{"cell", html_text}, {"code", html_text}};
    } else {
        e.fallback = [](std::string_view s) { return md_text(s); };
        e.filters = {{"cell", [](std::string_view s) { return md_cell(s); }},
                     // Inside a fence the model made longer than any backtick run: verbatim,
                     // but no terminal escape, bidi override or zero-width character.
                     {"code", [](std::string_view s) { return md_code(s); }}};
    }
    return e;
}

const text_template& template_for(report_format f) {
    static const auto load = [](std::string_view name) {
        for (const auto& file : embedded::templates())
            if (file.path == name)
                return text_template::parse(file.content, "reports/templates/" + std::string(name));
        throw internal_error(fmt::format("report template {} is not built in", name));
    };
    static const text_template md = load("report.md");
    static const text_template html = load("report.html");
    return f == report_format::html ? html : md;
}

void walk_texts(template_value& v, const std::function<void(std::string&)>& fn) {
    switch (v.type()) {
        case template_value::kind::text:
            if (!v.is_raw()) fn(v.text());
            break;
        case template_value::kind::list:
        case template_value::kind::object:
            for (auto& item : v.items())
                walk_texts(item, fn);
            break;
        default:
            break;
    }
}

std::set<std::string> well_known_names(store::db& d) {
    std::set<std::string> out;
    auto q = d.prepare("SELECT name FROM well_known_name");
    while (q.step())
        out.insert(q.column_text(0));
    return out;
}

void known_object(store::db& d, std::int64_t object_id, const std::string& type,
                  const std::string& cs_dn, redactor& r) {
    using k = redactor::kind;
    const k cn_kind = type == "group" ? k::group : type == "computer" ? k::computer : k::person;
    r.known(cn_kind, std::string(dn::first_rdn_value(cs_dn)));
    auto attrs = d.prepare(
        "SELECT lower(attribute), value FROM v_object_attr WHERE object_id = ?1 AND "
        "lower(attribute) IN ('displayname', 'givenname', 'sn', 'cn', 'name', 'samaccountname', "
        "'mailnickname', 'userprincipalname', 'mail', 'proxyaddresses', 'targetaddress')");
    attrs.bind(1, object_id);
    while (attrs.step()) {
        if (attrs.is_null(1)) continue;
        const std::string name = attrs.column_text(0);
        const std::string value = attrs.column_text(1);
        if (name == "userprincipalname" || name == "mail" || name == "proxyaddresses" ||
            name == "targetaddress")
            r.known(k::mailbox, value);
        else if (name == "samaccountname" || name == "mailnickname")
            r.known(k::account, value);
        else
            r.known(cn_kind, value);
    }
}

// What the data says is personal: the objects whose errors the findings explain, the objects
// the report mentions by DN, the tenant's cloud objects, and its connector accounts.
void known_values(store::db& d, const std::string& tenant, const std::set<std::string>& dns,
                  const std::vector<rules::finding>& findings, redactor& r) {
    using k = redactor::kind;
    auto by_error = d.prepare(
        "SELECT o.object_id, coalesce(o.object_type, ''), o.cs_dn FROM sync_error AS e "
        "JOIN cs_object AS o USING (object_id) WHERE e.error_id = ?1");
    for (const auto& f : findings) {
        for (const auto& key : f.error_keys) {
            if (key.rfind("sync_error:", 0) != 0) continue;
            std::int64_t id = 0;
            const char* first = key.data() + 11;
            const char* last = key.data() + key.size();
            if (auto [end, ec] = std::from_chars(first, last, id); ec != std::errc{} || end != last)
                continue;
            by_error.reset();
            by_error.bind(1, id);
            while (by_error.step())
                known_object(d, by_error.column_int64(0), by_error.column_text(1),
                             by_error.column_text(2), r);
        }
    }
    auto files = d.prepare("SELECT file_id FROM v_file WHERE tenant = ?1 AND kind = 'csexport'");
    files.bind(1, tenant);
    std::vector<std::int64_t> file_ids;
    while (files.step())
        file_ids.push_back(files.column_int64(0));
    auto object = d.prepare(
        "SELECT object_id, coalesce(object_type, '') FROM cs_object WHERE file_id = ?1 AND "
        "parent_dn = ?2 AND cs_dn = ?3");
    for (const auto& dn : dns) {
        const std::string parent(dn::parent(dn));
        for (auto fid : file_ids) {
            object.reset();
            object.bind(1, fid);
            object.bind(2, parent);
            object.bind(3, dn);
            while (object.step())
                known_object(d, object.column_int64(0), object.column_text(1), dn, r);
        }
    }
    auto cloud = d.prepare(
        "SELECT o.display_name, o.user_principal_name, o.mail, o.proxy_addresses, "
        "json_extract(o.properties, '$.givenName'), json_extract(o.properties, '$.surname'), "
        "json_extract(o.properties, '$.mailNickname'), o.object_type FROM cloud_object AS o "
        "JOIN v_file AS f USING (file_id) WHERE f.tenant = ?1");
    cloud.bind(1, tenant);
    while (cloud.step()) {
        auto text = [&](int i) {
            return cloud.is_null(i) ? std::string() : std::string(cloud.column_view(i));
        };
        const k name_kind = text(7) == "group" ? k::group : k::person;
        r.known(name_kind, text(0));
        r.known(k::mailbox, text(1));
        r.known(k::mailbox, text(2));
        r.known(name_kind, text(4));
        r.known(name_kind, text(5));
        r.known(k::account, text(6));
    }
    auto proxies = d.prepare(
        "SELECT p.value FROM cloud_object AS o JOIN v_file AS f USING (file_id), "
        "json_each(o.proxy_addresses) AS p WHERE f.tenant = ?1 AND json_valid(o.proxy_addresses)");
    proxies.bind(1, tenant);
    while (proxies.step())
        if (!proxies.is_null(0)) r.known(k::mailbox, proxies.column_text(0));
    auto accounts = d.prepare(
        "SELECT login_user, aad_user_name FROM connector AS c JOIN v_file AS f USING (file_id) "
        "WHERE f.tenant = ?1");
    accounts.bind(1, tenant);
    while (accounts.step()) {
        if (!accounts.is_null(0)) r.known(k::account, accounts.column_text(0));
        if (!accounts.is_null(1)) r.known(k::mailbox, accounts.column_text(1));
    }
}

}  // namespace

report_result escalation_report(store::db& d, const std::vector<rules::finding>& findings,
                                const std::vector<rules::rule>& rules,
                                const remediation::template_set& templates,
                                const report_options& opts) {
    auto model =
        build_report_model(d, opts.tenant, findings, rules, templates, opts.plan, opts.redact);
    template_value& data = model.data;
    data.set("redacted", opts.redact);
    data.set("html", opts.format == report_format::html);

    std::optional<redactor> red;
    if (opts.redact) {
        red.emplace(well_known_names(d));
        std::set<std::string> dns;
        auto collect = [&](const std::string& s) {
            for (auto& dn : redactor::find_dns(s))
                dns.insert(std::move(dn));
        };
        walk_texts(data, [&](std::string& s) { collect(s); });
        for (const auto& r : model.runs)
            collect(r.connector);
        known_values(d, opts.tenant, dns, findings, *red);
        walk_texts(data, [&](std::string& s) { s = red->apply(s); });
        for (auto& r : model.runs) {
            for (std::string* s : {&r.connector, &r.profile, &r.file, &r.result})
                *s = red->apply(*s);
        }
        for (auto& s : model.spans)
            s.label = red->apply(s.label);
    }
    if (opts.format == report_format::html) {
        data.set("runs_svg", template_value::markup(runs_svg(model.runs)));
        data.set("spans_svg", model.spans.empty() ? template_value()
                                                  : template_value::markup(spans_svg(model.spans)));
    } else {
        data.set("runs_svg", template_value());
        data.set("spans_svg", template_value());
    }

    const escapers esc = escapers_for(opts.format);
    report_result result;
    result.text = template_for(opts.format).render(data, esc);
    if (red) {
        const auto leaks = red->leaks(result.text, esc.fallback);
        if (!leaks.empty())
            throw redaction_error(fmt::format(
                "{} original value(s) would still appear in the redacted report; nothing was "
                "written. This is a csx defect: please report it (without the report).",
                leaks.size()));
        result.pseudonyms = red->replaced();
    }
    return result;
}

}  // namespace csx::report
