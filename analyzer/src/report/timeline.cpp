#include "report/timeline.hpp"

#include <algorithm>
#include <ctime>

#include <fmt/format.h>

#include "store/db.hpp"
#include "store/statement.hpp"
#include "util/time.hpp"
#include "xml/serialize.hpp"

namespace csx::report {

namespace {

// Seconds since the epoch of 'YYYY-MM-DD HH:MM:SS[.fff]' (UTC); -1 when it is not one.
double epoch_of(const std::string& t) {
    const auto p = utc::parse(t);
    if (!p) return -1;
    return static_cast<double>(p->time_since_epoch().count()) / 1000.0;
}

std::string esc(std::string_view s) {
    std::string out;
    xml::append_escaped(out, s, true);
    return out;
}

const char* severity_colour(const std::string& s) {
    if (s == "critical") return "#7b241c";
    if (s == "high") return "#c0392b";
    if (s == "medium") return "#d68910";
    if (s == "low") return "#2e86c1";
    return "#7f8c8d";
}

constexpr const char* kFont = "font-family=\"sans-serif\" font-size=\"11\"";

}  // namespace

bool run_point::failed() const {
    if (failures > 0) return true;
    if (result.empty() || result == "success" || result == "in-progress") return false;
    if (result.find("error") != std::string::npos) return true;  // completed-*-errors
    return result.rfind("completed-", 0) != 0;                   // stopped-*, no-start-*
}

std::vector<run_point> run_points(store::db& d, const std::string& tenant) {
    auto q = d.prepare(
        "SELECT start_date, end_date, ma_name, run_profile, step_type, step_result, run_number, "
        "coalesce(exports, 0), coalesce(export_failures, error_count, 0), file, line "
        "FROM v_run_step WHERE tenant = ?1 ORDER BY start_date, run_number, step_number, step_id");
    q.bind(1, tenant);
    std::vector<run_point> out;
    auto text = [&](int i) { return q.is_null(i) ? std::string() : q.column_text(i); };
    while (q.step()) {
        run_point p{text(0),
                    text(1),
                    text(2),
                    text(3),
                    text(4),
                    text(5),
                    q.is_null(6) ? 0 : q.column_int64(6),
                    q.column_int64(7),
                    q.column_int64(8),
                    text(9),
                    q.column_int64(10)};
        if (p.is_export() || p.failed()) out.push_back(std::move(p));
    }
    return out;
}

std::string runs_svg(const std::vector<run_point>& all, std::size_t limit) {
    const std::size_t skip = all.size() > limit ? all.size() - limit : 0;
    const std::vector<run_point> runs(all.begin() + static_cast<std::ptrdiff_t>(skip), all.end());
    const int slot = 36, left = 48, top = 28, plot_h = 140, bottom = 78;
    const int width = std::max(360, left + static_cast<int>(runs.size()) * slot + 20);
    const int height = top + plot_h + bottom;
    std::int64_t max = 1;
    for (const auto& r : runs)
        max = std::max({max, r.exports, r.failures});
    auto y_of = [&](std::int64_t v) {
        return top + plot_h -
               static_cast<int>(static_cast<double>(v) * plot_h / static_cast<double>(max));
    };
    std::string s = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{0}\" height=\"{1}\" "
        "viewBox=\"0 0 {0} {1}\" class=\"chart\">\n"
        "<title>Export run steps: exports and failures per step{2}</title>\n",
        width, height,
        skip ? fmt::format(" (the last {} of {})", runs.size(), all.size()) : std::string());
    s += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#555\"/>\n"
        "<line x1=\"{0}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\" stroke=\"#555\"/>\n"
        "<text x=\"{4}\" y=\"{5}\" text-anchor=\"end\" {6}>{7}</text>\n"
        "<text x=\"{4}\" y=\"{2}\" text-anchor=\"end\" {6}>0</text>\n",
        left, top, top + plot_h, width - 10, left - 4, top + 4, kFont, max);
    // Legend.
    s += fmt::format(
        "<rect x=\"{0}\" y=\"6\" width=\"10\" height=\"10\" fill=\"#4a78b5\"/>"
        "<text x=\"{1}\" y=\"15\" {2}>exports</text>"
        "<rect x=\"{3}\" y=\"6\" width=\"10\" height=\"10\" fill=\"#c0392b\"/>"
        "<text x=\"{4}\" y=\"15\" {2}>failures</text>"
        "<text x=\"{5}\" y=\"15\" {2}>! step stopped</text>\n",
        left, left + 14, kFont, left + 80, left + 94, left + 160);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto& r = runs[i];
        const int x = left + 6 + static_cast<int>(i) * slot;
        const std::string tip =
            esc(fmt::format("{} run {} ({}, {}): {}; {} exports, {} failures; {} line {}", r.start,
                            r.run_number, r.connector, r.profile.empty() ? r.step_type : r.profile,
                            r.result, r.exports, r.failures, r.file, r.line));
        s += fmt::format("<g><title>{}</title>\n", tip);
        if (r.exports > 0)
            s += fmt::format(
                "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"{}\" fill=\"#4a78b5\"/>"
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" {}>{}</text>\n",
                x, y_of(r.exports), top + plot_h - y_of(r.exports), x + 6, y_of(r.exports) - 3,
                kFont, r.exports);
        if (r.failures > 0)
            s += fmt::format(
                "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"{}\" fill=\"#c0392b\"/>"
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" {}>{}</text>\n",
                x + 13, y_of(r.failures), top + plot_h - y_of(r.failures), x + 19,
                y_of(r.failures) - 3, kFont, r.failures);
        if (r.failed() && r.failures == 0)
            s += fmt::format(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-family=\"sans-serif\" "
                "font-size=\"16\" font-weight=\"bold\" fill=\"#c0392b\">!</text>\n",
                x + 12, top + plot_h - 4);
        const std::string label = r.start.size() >= 16 ? r.start.substr(5, 11) : r.start;
        s += fmt::format(
            "<text transform=\"translate({},{}) rotate(-50)\" text-anchor=\"end\" {}>{}</text>\n",
            x + 12, top + plot_h + 12, kFont, esc(label));
        s += "</g>\n";
    }
    if (runs.empty())
        s += fmt::format("<text x=\"{}\" y=\"{}\" {}>no run history ingested</text>\n", left + 10,
                         top + plot_h / 2, kFont);
    s += "</svg>\n";
    return s;
}

std::string spans_svg(const std::vector<span>& spans) {
    double lo = 0, hi = 0;
    bool any = false;
    for (const auto& sp : spans) {
        for (const auto* t : {&sp.first, &sp.last}) {
            const double e = epoch_of(*t);
            if (e < 0) continue;
            if (!any || e < lo) lo = e;
            if (!any || e > hi) hi = e;
            any = true;
        }
    }
    const int left = 250, right = 50, row = 18, top = 24, axis = 30, plot_w = 480;
    const int width = left + plot_w + right;
    const int height = top + static_cast<int>(spans.size()) * row + axis;
    if (hi - lo < 3600) hi = lo + 3600;  // at least an hour wide
    auto x_of = [&](double e) { return left + static_cast<int>((e - lo) * plot_w / (hi - lo)); };
    std::string s = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{0}\" height=\"{1}\" "
        "viewBox=\"0 0 {0} {1}\" class=\"chart\">\n"
        "<title>Each finding from its first to its last occurrence</title>\n",
        width, height);
    const int axis_y = top + static_cast<int>(spans.size()) * row + 4;
    s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#555\"/>\n", left,
                     axis_y, left + plot_w);
    if (any) {
        for (int k = 0; k <= 4; ++k) {
            const double e = lo + (hi - lo) * k / 4;
            const auto day = std::chrono::floor<std::chrono::days>(
                std::chrono::sys_seconds{std::chrono::seconds{static_cast<std::int64_t>(e)}});
            s += fmt::format(
                "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#ccc\"/>"
                "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\" {4}>{5}</text>\n",
                x_of(e), top - 4, axis_y, axis_y + 16, kFont, utc::format_day(day));
        }
    }
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const auto& sp = spans[i];
        const int y = top + static_cast<int>(i) * row;
        s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" {}>{}</text>\n", left - 6,
                         y + 12, kFont, esc(sp.label));
        const double a = epoch_of(sp.first), b = epoch_of(sp.last);
        if (a < 0 && b < 0) {
            s += fmt::format("<text x=\"{}\" y=\"{}\" {}>time unknown</text>\n", left + 4, y + 12,
                             kFont);
            continue;
        }
        const int x1 = x_of(a < 0 ? b : a), x2 = x_of(b < 0 ? a : b);
        s += fmt::format(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"10\" fill=\"{}\"><title>{}: {} to "
            "{}</title></rect>\n",
            x1, y + 3, std::max(3, x2 - x1), severity_colour(sp.severity), esc(sp.label),
            esc(sp.first), esc(sp.last));
    }
    s += "</svg>\n";
    return s;
}

}  // namespace csx::report
