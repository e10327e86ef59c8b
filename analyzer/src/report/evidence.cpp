#include "report/evidence.hpp"

#include <charconv>

#include <fmt/format.h>

#include "store/db.hpp"
#include "store/statement.hpp"
#include "util/json.hpp"
#include "util/utf8.hpp"
#include "xml/serialize.hpp"

namespace csx::report {

namespace {

constexpr std::size_t kValueLimit = 160;  // characters of one attribute value shown

std::string shortened(std::string_view v) {
    if (v.size() <= kValueLimit) return std::string(v);
    const std::size_t cut = utf8::cut_at_boundary(v, kValueLimit);
    return fmt::format("{}... ({} characters)", v.substr(0, cut), v.size());
}

// A tiny XML writer: one element per line, indented, text escaped.
struct xml_writer {
    std::string out;
    int depth = 0;
    void indent() { out.append(static_cast<std::size_t>(depth), ' '); }
    void open(std::string_view name,
              const std::vector<std::pair<std::string, std::string>>& attrs = {}) {
        indent();
        out += '<';
        out += name;
        for (const auto& [k, v] : attrs) {
            if (v.empty()) continue;
            out += ' ';
            out += k;
            out += "=\"";
            xml::append_escaped(out, v, true);
            out += '"';
        }
        out += ">\n";
        ++depth;
    }
    void close(std::string_view name) {
        --depth;
        indent();
        out += "</";
        out += name;
        out += ">\n";
    }
    void leaf(std::string_view name, std::string_view text) {
        if (text.empty()) return;
        indent();
        out += '<';
        out += name;
        out += '>';
        xml::append_escaped(out, text, false);
        out += "</";
        out += name;
        out += ">\n";
    }
    void raw(std::string_view xml) {
        if (xml.empty()) return;
        indent();
        out += xml;
        out += '\n';
    }
};

std::string col(store::statement& q, int i) {
    return q.is_null(i) ? std::string() : q.column_text(i);
}

// A re-serialised XML excerpt (not the file's own text: see evidence.hpp).
void add_xml(evidence& ev, std::string title, const std::string& file, std::int64_t line,
             std::string text) {
    excerpt x;
    x.title = std::move(title);
    x.file = file;
    x.line = line;
    x.lang = "xml";
    x.text = std::move(text);
    ev.excerpts.push_back(std::move(x));
}

// True when every value in this XML text appears as the parser reads it, so the redactor can
// find it (evidence_options::literal_only): no character or entity reference, no comment or
// CDATA section (where a tag scan cannot follow), no lone CR (read as a line break), no line
// break or tab inside an attribute value (read as a space).
bool xml_literal(std::string_view t) {
    if (t.find('&') != std::string_view::npos || t.find("<!") != std::string_view::npos)
        return false;
    bool in_tag = false;
    char quote = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (c == '\r' && (i + 1 == t.size() || t[i + 1] != '\n')) return false;
        if (quote) {
            if (c == quote) {
                quote = 0;
            } else if (c == '\n' || c == '\r' || c == '\t') {
                return false;
            }
        } else if (in_tag) {
            if (c == '"' || c == '\'') quote = c;
            if (c == '>') in_tag = false;
        } else if (c == '<') {
            in_tag = true;
        }
    }
    return true;
}

// An error element as the file writes it (sync_error.source_text at column `first`, then
// source_cut and source_line), when there is one the options allow: CRLF shown as a line
// break, a cut said so, with what csx read from it beside it.
bool add_source_xml(evidence& ev, store::statement& q, int first, const evidence_options& opts,
                    std::string title, const std::string& file, std::int64_t line,
                    std::vector<std::string> parsed) {
    if (q.is_null(first) || q.is_null(first + 2)) return false;
    const std::string_view source = q.column_view(first);
    if (opts.literal_only && !xml_literal(source)) return false;
    excerpt x;
    x.title = std::move(title);
    x.file = file;
    x.line = line;
    x.lang = "xml";
    x.verbatim = true;
    x.first_line = q.column_int64(first + 2);
    x.last_line = x.first_line;
    bool crlf = false;
    for (std::size_t i = 0; i < source.size(); ++i) {
        if (source[i] == '\r' && i + 1 < source.size() && source[i + 1] == '\n') {
            crlf = true;
            continue;
        }
        if (source[i] == '\n') ++x.last_line;
        x.text += source[i];
    }
    if (!q.is_null(first + 1))
        x.text += fmt::format("\n\u2026 (cut: {} bytes)", q.column_int64(first + 1));
    x.text += '\n';
    if (crlf) parsed.push_back("line ends: CRLF in the file, shown as line breaks");
    x.parsed = std::move(parsed);
    ev.excerpts.push_back(std::move(x));
    return true;
}

// What the file calls an error's object: its DN, else its GUID, else where the error is.
std::string object_name(const std::string& dn, const std::string& guid, std::int64_t line) {
    if (!dn.empty()) return dn;
    if (!guid.empty()) return guid;
    return fmt::format("the object at line {}", line);
}

void cd_error(xml_writer& w, store::statement& q, int first) {
    w.open("cd-error");
    w.leaf("error-code", col(q, first));
    w.leaf("error-name", col(q, first + 1));
    w.leaf("error-literal", col(q, first + 2));
    w.leaf("server-error-detail", col(q, first + 3));
    w.leaf("extra-error-details", col(q, first + 4));
    w.close("cd-error");
}

// The pending export values of the object's attributes named by the finding.
void pending_values(store::db& d, std::int64_t object_id, const rules::finding& f,
                    const std::string& file, evidence& ev) {
    auto q = d.prepare(
        "SELECT s.name, x.line, x.operation, x.dn, n.name, v.attr_op, v.value_op, v.value, "
        "v.encoding, v.attr_ord, v.value_ord FROM delta_value AS v "
        "JOIN delta AS x ON x.object_id = v.object_id AND x.section_id = v.section_id "
        "JOIN attr_name AS n USING (name_id) JOIN section_kind AS s ON s.section_id = v.section_id "
        "WHERE v.object_id = ?1 AND v.section_id IN (1, 2, 3) "
        "ORDER BY v.section_id, v.attr_ord, v.value_ord");
    q.bind(1, object_id);
    std::string current_section, current_attr;
    xml_writer w;
    std::int64_t line = 0;
    std::string section_name;
    auto flush = [&] {
        if (!current_attr.empty()) w.close("attr");
        if (!current_section.empty()) {
            w.close("delta");
            w.close(section_name);
            add_xml(ev, fmt::format("pending export ({})", section_name), file, line,
                    std::move(w.out));
            w = xml_writer{};
        }
        current_attr.clear();
        current_section.clear();
    };
    while (q.step()) {
        const std::string attr = q.column_text(4);
        bool wanted = f.attributes.empty();
        for (const auto& a : f.attributes)
            if (a.size() == attr.size() &&
                std::equal(a.begin(), a.end(), attr.begin(), [](char x, char y) {
                    return std::tolower(static_cast<unsigned char>(x)) ==
                           std::tolower(static_cast<unsigned char>(y));
                }))
                wanted = true;
        if (!wanted) continue;
        const std::string section = q.column_text(0);
        if (section != current_section) {
            flush();
            current_section = section;
            section_name = section;
            line = q.column_int64(1);
            w.open(section);
            w.open("delta", {{"operation", col(q, 2)}, {"dn", col(q, 3)}});
        }
        if (attr != current_attr) {
            if (!current_attr.empty()) w.close("attr");
            current_attr = attr;
            w.open("attr", {{"name", attr}, {"operation", col(q, 5)}});
        }
        if (!q.is_null(7)) {
            w.indent();
            w.out += "<value";
            for (auto [name, i] : {std::pair{" operation=\"", 6}, {" encoding=\"", 8}}) {
                if (q.is_null(i)) continue;
                w.out += name;
                xml::append_escaped(w.out, q.column_view(i), true);
                w.out += '"';
            }
            w.out += '>';
            xml::append_escaped(w.out, shortened(q.column_view(7)), false);
            w.out += "</value>\n";
        }
    }
    flush();
}

// What csx read from an error, beside its text: the times as normalised (when the text does
// not write them so) and the error code as a number (when written otherwise).
std::vector<std::string> parsed_error(store::statement& q) {
    std::vector<std::string> out;
    const std::string_view source = q.is_null(20) ? std::string_view() : q.column_view(20);
    auto written = [&](int i) {
        return q.is_null(i) || source.find(q.column_view(i)) != source.npos;
    };
    if (!written(6) || !written(7))
        out.push_back(
            fmt::format("first and latest occurrence as csx reads them (UTC, milliseconds): {}, {}",
                        q.is_null(6) ? "none" : col(q, 6), q.is_null(7) ? "none" : col(q, 7)));
    if (!q.is_null(23) && col(q, 10) != fmt::format("{}", q.column_int64(23)))
        out.push_back(
            fmt::format("error-code {} as csx reads it: {}", col(q, 10), q.column_int64(23)));
    return out;
}

void sync_error_excerpt(store::db& d, std::int64_t id, const rules::finding& f,
                        const evidence_options& opts, evidence& ev) {
    auto q = d.prepare(
        "SELECT e.origin, e.direction, e.object_id, e.cs_guid, e.dn, e.error_type, "
        "e.first_occurred, e.date_occurred, e.retry_count, e.algorithm_step, e.error_code_raw, "
        "e.error_name, e.error_literal, e.server_error_detail, e.extra_error_details, "
        "e.detail_xml, f.path, e.line, o.cs_dn, o.object_type, e.source_text, e.source_cut, "
        "e.source_line, e.error_code FROM sync_error AS e "
        "JOIN source_file AS f USING (file_id) LEFT JOIN cs_object AS o USING (object_id) "
        "WHERE e.error_id = ?1");
    q.bind(1, id);
    if (!q.step()) return;
    const std::string origin = q.column_text(0), direction = q.column_text(1);
    const std::string file = q.column_text(16);
    const std::int64_t line = q.column_int64(17);
    const std::string retries = q.is_null(8) ? "" : fmt::format("{}", q.column_int64(8));
    xml_writer w;
    if (origin == "csexport") {
        const std::string title = fmt::format("{} error of {} (csexport)", direction,
                                              object_name(col(q, 18), col(q, 3), line));
        if (!add_source_xml(ev, q, 20, opts, title, file, line, parsed_error(q))) {
            const std::string element =
                direction == "import" ? "import-errordetail" : "export-errordetail";
            w.open(element, {{"first-occurred", col(q, 6)},
                             {"date-occurred", col(q, 7)},
                             {"retry-count", retries},
                             {"error-type", col(q, 5)}});
            const std::string status = direction == "import" ? "import-status" : "export-status";
            w.open(status);
            w.leaf("algorithm-step", col(q, 9));
            cd_error(w, q, 10);
            w.close(status);
            w.raw(col(q, 15));
            w.close(element);
            add_xml(ev, title, file, line, std::move(w.out));
        }
        if (direction == "export" && !q.is_null(2)) {
            const std::int64_t object_id = q.column_int64(2);
            q.reset();
            pending_values(d, object_id, f, file, ev);
        }
        return;
    }
    const std::string title = fmt::format("{} error of {} (run history)", direction,
                                          object_name(col(q, 4), col(q, 3), line));
    if (add_source_xml(ev, q, 20, opts, title, file, line, parsed_error(q))) return;
    const std::string element = direction == "import"      ? "import-error"
                                : direction == "retry"     ? "retry-error"
                                : direction == "discovery" ? "ma-object-error"
                                                           : "export-error";
    w.open(element, {{"cs-guid", col(q, 3)}, {"dn", col(q, 4)}});
    w.leaf("first-occurred", col(q, 6));
    w.leaf("date-occurred", col(q, 7));
    w.leaf("retry-count", retries);
    w.leaf("error-type", col(q, 5));
    w.leaf("algorithm-step", col(q, 9));
    cd_error(w, q, 10);
    w.raw(col(q, 15));
    w.close(element);
    add_xml(ev, title, file, line, std::move(w.out));
}

void provisioning_excerpt(store::db& d, std::int64_t id, const evidence_options& opts,
                          evidence& ev) {
    auto q = d.prepare(
        "SELECT o.name, o.object_type, p.category, p.occurred, p.property, p.value, o.file, "
        "p.line, p.source_text, p.source_cut FROM provisioning_error AS p "
        "JOIN v_cloud_object AS o USING (cloud_object_id) WHERE p.rowid = ?1");
    q.bind(1, id);
    if (!q.step()) return;
    excerpt x;
    x.title = q.is_null(1) ? fmt::format("onPremisesProvisioningErrors of {}", col(q, 0))
                           : fmt::format("onPremisesProvisioningErrors of {} (Graph {})", col(q, 0),
                                         col(q, 1));
    x.file = col(q, 6);
    x.line = q.column_int64(7);
    x.lang = "json";
    const std::string source = col(q, 8);
    if (!q.is_null(8) && !(opts.literal_only && source.find('\\') != std::string::npos)) {
        x.verbatim = true;
        x.text = source;
        if (!q.is_null(9)) x.text += fmt::format("\n\u2026 (cut: {} bytes)", q.column_int64(9));
        if (!q.is_null(3))
            x.parsed.push_back(
                fmt::format("occurredDateTime as csx reads it (UTC, milliseconds): {}", col(q, 3)));
        if (!q.is_null(5) && source.find('\\') != std::string::npos)
            x.parsed.push_back(
                fmt::format("value as csx reads it (JSON escapes decoded): {}", col(q, 5)));
    } else {
        // One property per line, as Graph Explorer shows it.
        x.text = "{\n";
        bool first = true;
        for (auto [key, i] : {std::pair{"category", 2},
                              {"occurredDateTime", 3},
                              {"propertyCausingError", 4},
                              {"value", 5}}) {
            x.text += first ? "  " : ",\n  ";
            first = false;
            json::append_string(x.text, key);
            x.text += ": ";
            if (q.is_null(i))
                x.text += "null";
            else
                json::append_string(x.text, q.column_view(i));
        }
        x.text += "\n}";
    }
    x.text += "\n";
    ev.excerpts.push_back(std::move(x));
}

void run_step_excerpt(store::db& d, std::int64_t id, evidence& ev) {
    auto q = d.prepare(
        "SELECT r.ma_name, r.run_number, r.run_profile, s.step_number, s.step_type, "
        "s.start_date, s.end_date, s.step_result, s.connection_result, s.connection_server, "
        "f.path, s.line, s.step_id FROM run_step AS s JOIN run AS r USING (run_id) "
        "JOIN source_file AS f ON f.file_id = r.file_id WHERE s.step_id = ?1");
    q.bind(1, id);
    if (!q.step()) return;
    xml_writer w;
    w.open("step-details", {{"step-number", col(q, 3)}});
    w.leaf("start-date", col(q, 5));
    w.leaf("end-date", col(q, 6));
    w.leaf("step-result", col(q, 7));
    if (!q.is_null(8) || !q.is_null(9)) {
        w.open("ma-connection");
        w.leaf("server", col(q, 9));
        w.leaf("connection-result", col(q, 8));
        w.close("ma-connection");
    }
    const std::string title = fmt::format("step {} ({}) of run {} of {}, profile {} (run history)",
                                          col(q, 3), col(q, 4), col(q, 1), col(q, 0), col(q, 2));
    const std::string file = col(q, 10);
    const std::int64_t line = q.column_int64(11);
    q.reset();
    auto inc = d.prepare(
        "SELECT connection_result, date, server, error_code_raw, error_literal, "
        "server_error_detail FROM connection_incident WHERE step_id = ?1 ORDER BY line");
    inc.bind(1, id);
    while (inc.step()) {
        w.open("incident");
        w.leaf("connection-result", col(inc, 0));
        w.leaf("date", col(inc, 1));
        w.leaf("server", col(inc, 2));
        w.open("cd-error");
        w.leaf("error-code", col(inc, 3));
        w.leaf("error-literal", col(inc, 4));
        w.leaf("server-error-detail", col(inc, 5));
        w.close("cd-error");
        w.close("incident");
    }
    auto counters = d.prepare(
        "SELECT grp, name, value FROM step_counter WHERE step_id = ?1 AND value <> 0 "
        "ORDER BY grp, name");
    counters.bind(1, id);
    std::string grp;
    while (counters.step()) {
        const std::string g = counters.column_text(0);
        if (g != grp) {
            if (!grp.empty()) w.close(grp + "-counters");
            grp = g;
            w.open(grp + "-counters");
        }
        w.leaf(counters.column_text(1), fmt::format("{}", counters.column_int64(2)));
    }
    if (!grp.empty()) w.close(grp + "-counters");
    w.close("step-details");
    add_xml(ev, title, file, line, std::move(w.out));
}

}  // namespace

evidence evidence_for(store::db& d, const rules::finding& f, const evidence_options& opts) {
    evidence ev;
    std::size_t shown = 0;
    for (const auto& key : f.error_keys) {
        if (shown == opts.limit) {
            ++ev.more;
            continue;
        }
        const auto colon = key.find(':');
        if (colon == std::string::npos) continue;
        const std::string kind = key.substr(0, colon);
        std::int64_t id = 0;
        const char* first = key.data() + colon + 1;
        const char* last = key.data() + key.size();
        if (auto [end, ec] = std::from_chars(first, last, id); ec != std::errc{} || end != last)
            continue;  // a malformed key from a --rules file: nothing to show for it
        const std::size_t before = ev.excerpts.size();
        if (kind == "sync_error")
            sync_error_excerpt(d, id, f, opts, ev);
        else if (kind == "provisioning_error")
            provisioning_excerpt(d, id, opts, ev);
        else if (kind == "run_step")
            run_step_excerpt(d, id, ev);
        if (ev.excerpts.size() > before) ++shown;
    }
    return ev;
}

}  // namespace csx::report
