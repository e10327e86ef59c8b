#include "ingest/cs_object_writer.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "ingest/error_code.hpp"
#include "util/time.hpp"
#include "store/db.hpp"
#include "util/dn.hpp"
#include "util/json.hpp"
#include "util/sid.hpp"
#include "util/text.hpp"

namespace csx::ingest {

namespace {

std::optional<std::int64_t> to_int(std::string_view s) {
    s = text::trim(s);
    if (s == "true" || s == "True") return 1;
    if (s == "false" || s == "False") return 0;
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

// attr_name ids 1..3 are userPrincipalName, mail, proxyAddresses (fixed in schema/001).
constexpr std::int64_t kLastAddressName = 3;

void bind_int_or_null(store::statement& st, int i, std::string_view s) {
    st.bind(i, to_int(s));
}

}  // namespace

cs_object_writer::cs_object_writer(store::db& d, attr_names& names)
    : db_(d),
      names_(names),
      object_(d.prepare(
          "INSERT INTO cs_object(object_id, file_id, line, cs_dn, parent_dn, cs_id, object_type, "
          "transient, "
          "status, connector, connector_state, ma_id, ma_name, partition_name, disconnection_time, "
          "last_import_delta_time, last_export_delta_time, state, held) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
          "?18, ?19)",
          true)),
      delta_(d.prepare(
          "INSERT INTO delta(object_id, section_id, line, operation, dn, newdn, anchor, "
          "parent_anchor, "
          "primary_objectclass, objectclasses) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
          true)),
      delta_value_(
          d.prepare("INSERT INTO delta_value(object_id, section_id, name_id, attr_ord, value_ord, "
                    "attr_op, value_op, "
                    "value, encoding, anchor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    true)),
      hologram_(d.prepare("INSERT INTO hologram(object_id, section_id, line, dn, anchor, "
                          "parent_anchor, primary_objectclass, "
                          "objectclasses, attrs) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                          true)),
      attr_value_(d.prepare(
          "INSERT INTO attr_value(object_id, section_id, name_id, ord, value, encoding, address) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
          true)),
      error_(d.prepare("INSERT INTO sync_error(file_id, line, origin, direction, object_id, "
                       "error_type, first_occurred, "
                       "date_occurred, retry_count, algorithm_step, error_code_raw, error_code, "
                       "error_name, error_literal, "
                       "server_error_detail, extra_error_details, detail_xml, source_text, "
                       "source_cut, source_line) "
                       "VALUES (?1, ?2, 'csexport', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                       "?13, ?14, ?15, ?16, ?17, ?18, ?19)",
                       true)),
      link_(d.prepare("INSERT INTO mv_link(object_id, line, lineage_id, lineage_type, "
                      "lineage_time, mv_guid, cs_dn, "
                      "cs_guid, ma_name, ma_guid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                      true)),
      extra_(d.prepare("INSERT INTO extra_element(file_id, object_id, line, path, xml) VALUES (?1, "
                       "?2, ?3, ?4, ?5)",
                       true)),
      values_(d) {}

void cs_object_writer::begin_file(std::int64_t file_id) {
    file_id_ = file_id;
    newest_.clear();
    time_damage_.reset();
    holders_.clear();
    directory_.emplace(db_, file_id, "csexport");
    values_.begin_file(file_id);
    auto st = db_.prepare("SELECT coalesce(max(object_id), 0) + 1 FROM cs_object");
    st.step();
    next_object_id_ = st.column_int64(0);
}

// `buf` must outlive the statement's step(): the text is bound without a copy. A date that
// does not exist is bound as written and noted as damage at `line` (the file's first).
void cs_object_writer::bind_time(store::statement& st, int i, std::string_view s, std::string& buf,
                                 std::int64_t line, std::string_view what) {
    if (s.empty()) {
        st.bind_null(i);
        return;
    }
    if (utc::normalize(s, buf) == utc::parse_status::impossible && !time_damage_)
        time_damage_ = damage{line, 0,
                              fmt::format("{} '{}' at line {} is no date or time that exists: "
                                          "kept as written",
                                          what, buf, line)};
    st.bind_view(i, buf);
}

void cs_object_writer::note_time(const std::string& t) {
    // Only normalised times compare as text; anything else was kept as written.
    if (t.size() >= 19 && t[4] == '-' && t[10] == ' ' && t > newest_) newest_ = t;
}

void cs_object_writer::end_file() {
    auto st = db_.prepare("INSERT INTO file_attr(file_id, name_id, holders) VALUES (?1, ?2, ?3)");
    std::vector<std::pair<std::int64_t, std::int64_t>> rows(holders_.begin(), holders_.end());
    std::sort(rows.begin(), rows.end());
    for (const auto& [name_id, n] : rows) {
        st.bind(1, file_id_);
        st.bind(2, name_id);
        st.bind(3, n);
        st.step();
        st.reset();
    }
    holders_.clear();
    directory_.reset();
    values_.end_file();
}

cs_object_record& cs_object_writer::next_record() {
    own_.clear();
    return own_;
}

void cs_object_writer::submit() {
    write(own_);
    own_.clear();
}

void cs_object_writer::write_extras(const cs_object_record& rec, std::int64_t object_id) {
    for (const auto& x : rec.extras) {
        extra_.bind(1, file_id_);
        if (object_id) {
            extra_.bind(2, object_id);
        } else {
            extra_.bind_null(2);
        }
        extra_.bind(3, x.line);
        extra_.bind_view(4, rec.str(x.path));
        extra_.bind_view(5, rec.str(x.xml));
        extra_.step();
        extra_.reset();
    }
}

void cs_object_writer::write(const cs_object_record& rec) {
    if (rec.kind == record_kind::loose_extras) {
        write_extras(rec, 0);
        return;
    }
    const std::int64_t object_id = next_object_id_++;
    const object_head& h = rec.head;
    auto s = [&](text_ref r) { return rec.str(r); };

    state_json_.clear();
    if (!rec.state.empty()) {
        json::builder b(state_json_);
        b.begin_object();
        for (const auto& f : rec.state) {
            b.key(s(f.key));
            b.value(s(f.value));
        }
        b.end_object();
    }

    const auto cs_dn = s(h.cs_dn);
    object_.bind(1, object_id);
    object_.bind(2, file_id_);
    object_.bind(3, h.line);
    object_.bind_view(4, cs_dn);
    object_.bind_view_or_null(5, dn::parent(cs_dn));
    object_.bind_view_or_null(6, s(h.id));
    object_.bind_view_or_null(7, s(h.object_type));
    bind_int_or_null(object_, 8, s(h.transient));
    object_.bind_view_or_null(9, s(h.status));
    bind_int_or_null(object_, 10, s(h.connector));
    object_.bind_view_or_null(11, s(h.connector_state));
    object_.bind_view_or_null(12, s(h.ma_id));
    object_.bind_view_or_null(13, s(h.ma_name));
    object_.bind_view_or_null(14, s(h.partition_name));
    bind_time(object_, 15, s(h.disconnection_time), time_[0], h.line, "disconnection-time");
    bind_time(object_, 16, s(h.last_import_delta_time), time_[1], h.line, "last-import-delta-time");
    bind_time(object_, 17, s(h.last_export_delta_time), time_[2], h.line, "last-export-delta-time");
    if (!s(h.last_import_delta_time).empty()) note_time(time_[1]);
    if (!s(h.last_export_delta_time).empty()) note_time(time_[2]);
    object_.bind_view_or_null(18, state_json_);
    // The names the synchronized hologram holds, for cheap "who else holds X" questions.
    held_.clear();
    for (const auto& sec : rec.sections) {
        if (sec.id != section_id::synchronized_hologram) continue;
        held_ = ",";
        for (std::uint32_t ai = 0; ai < sec.attr_count; ++ai) {
            const attr_rec& a = rec.attrs[sec.first_attr + ai];
            const auto& info = names_.get(ai, s(a.name), s(a.type), s(a.multivalued), a.is_dn);
            char digits[24];
            held_.append(digits, std::to_chars(digits, digits + sizeof digits, info.id).ptr);
            held_ += ',';
            ++holders_[info.id];
        }
    }
    object_.bind_view_or_null(19, held_);
    object_.step();
    object_.reset();

    for (const auto& sec : rec.sections)
        write_section(rec, sec, object_id);
    for (const auto& e : rec.errors)
        write_error(rec, e, object_id);
    for (const auto& l : rec.links) {
        link_.bind(1, object_id);
        link_.bind(2, l.line);
        link_.bind_view_or_null(3, s(l.lineage_id));
        link_.bind_view_or_null(4, s(l.lineage_type));
        bind_time(link_, 5, s(l.lineage_time), time_[2], l.line, "lineage-time");
        link_.bind_view_or_null(6, s(l.mv_guid));
        link_.bind_view_or_null(7, s(l.cs_dn));
        link_.bind_view_or_null(8, s(l.cs_guid));
        link_.bind_view_or_null(9, s(l.ma_name));
        link_.bind_view_or_null(10, s(l.ma_guid));
        link_.step();
        link_.reset();
    }
    write_extras(rec, object_id);
}

void cs_object_writer::write_section(const cs_object_record& rec, const section_rec& sec,
                                     std::int64_t object_id) {
    auto s = [&](text_ref r) { return rec.str(r); };
    const auto section = static_cast<std::int64_t>(sec.id);

    oc_json_.clear();
    if (sec.oc_count > 0) {
        json::builder b(oc_json_);
        b.begin_array();
        for (std::uint32_t i = 0; i < sec.oc_count; ++i)
            b.value(s(rec.objectclasses[sec.first_oc + i]));
        b.end_array();
    }

    if (is_delta(sec.id)) {
        delta_.bind(1, object_id);
        delta_.bind(2, section);
        delta_.bind(3, sec.line);
        delta_.bind_view_or_null(4, s(sec.operation));
        delta_.bind_view_or_null(5, s(sec.dn));
        delta_.bind_view_or_null(6, s(sec.newdn));
        delta_.bind_view_or_null(7, s(sec.anchor));
        delta_.bind_view_or_null(8, s(sec.parent_anchor));
        delta_.bind_view_or_null(9, s(sec.primary_objectclass));
        delta_.bind_view_or_null(10, oc_json_);
        delta_.step();
        delta_.reset();
        for (std::uint32_t ai = 0; ai < sec.attr_count; ++ai) {
            const attr_rec& a = rec.attrs[sec.first_attr + ai];
            const auto& info = names_.get(s(a.name), s(a.type), s(a.multivalued), a.is_dn);
            const std::uint32_t n = a.value_count == 0 ? 1 : a.value_count;
            for (std::uint32_t vi = 0; vi < n; ++vi) {
                delta_value_.bind(1, object_id);
                delta_value_.bind(2, section);
                delta_value_.bind(3, info.id);
                delta_value_.bind(4, static_cast<std::int64_t>(ai));
                delta_value_.bind(5, static_cast<std::int64_t>(vi));
                delta_value_.bind_view_or_null(6, s(a.op));
                if (a.value_count == 0) {
                    for (int c = 7; c <= 10; ++c)
                        delta_value_.bind_null(c);
                } else {
                    const value_rec& v = rec.values[a.first_value + vi];
                    delta_value_.bind_view_or_null(7, s(v.op));
                    delta_value_.bind_view(8, s(v.text));
                    delta_value_.bind_view_or_null(9, s(v.encoding));
                    delta_value_.bind_view_or_null(10, s(v.anchor));
                }
                delta_value_.step();
                delta_value_.reset();
            }
        }
        return;
    }

    // Hologram: indexed attributes as rows, the rest packed into one JSON object.
    json_.clear();
    json::builder b(json_);
    b.begin_object();
    ord_.clear();
    for (std::uint32_t ai = 0; ai < sec.attr_count; ++ai) {
        const attr_rec& a = rec.attrs[sec.first_attr + ai];
        const auto name = s(a.name);
        const auto& info = names_.get(ai, name, s(a.type), s(a.multivalued), a.is_dn);
        if (info.indexed) {
            std::int64_t ord = 0;
            auto it = ord_.begin();
            for (; it != ord_.end() && it->first != info.id; ++it) {
            }
            if (it == ord_.end()) {
                ord_.emplace_back(info.id, 0);
                it = ord_.end() - 1;
            }
            ord = it->second;
            for (std::uint32_t vi = 0; vi < a.value_count; ++vi) {
                const value_rec& v = rec.values[a.first_value + vi];
                attr_value_.bind(1, object_id);
                attr_value_.bind(2, section);
                attr_value_.bind(3, info.id);
                attr_value_.bind(4, ord++);
                attr_value_.bind_view(5, s(v.text));
                attr_value_.bind_view_or_null(6, s(v.encoding));
                if (info.id <= kLastAddressName) {
                    address_.assign(s(v.text));
                    normalize_address(address_);
                    attr_value_.bind_view(7, address_);
                } else {
                    attr_value_.bind_null(7);
                }
                attr_value_.step();
                attr_value_.reset();
            }
            it->second = ord;
            continue;
        }
        bool anchors = false, encoded = false;
        b.key(name);
        b.begin_array();
        for (std::uint32_t vi = 0; vi < a.value_count; ++vi) {
            const value_rec& v = rec.values[a.first_value + vi];
            b.value(s(v.text));
            anchors = anchors || !v.anchor.empty();
            encoded = encoded || !v.encoding.empty();
        }
        b.end_array();
        if (anchors) {
            b.key(std::string(name) + ";anchor");
            b.begin_array();
            for (std::uint32_t vi = 0; vi < a.value_count; ++vi)
                b.value(s(rec.values[a.first_value + vi].anchor));
            b.end_array();
        }
        if (encoded) {
            // Per value, like the values themselves ("" where a value is not encoded).
            b.key(std::string(name) + ";encoding");
            b.begin_array();
            for (std::uint32_t vi = 0; vi < a.value_count; ++vi)
                b.value(s(rec.values[a.first_value + vi].encoding));
            b.end_array();
        }
    }
    b.end_object();

    hologram_.bind(1, object_id);
    hologram_.bind(2, section);
    hologram_.bind(3, sec.line);
    hologram_.bind_view_or_null(4, s(sec.dn));
    hologram_.bind_view_or_null(5, s(sec.anchor));
    hologram_.bind_view_or_null(6, s(sec.parent_anchor));
    hologram_.bind_view_or_null(7, s(sec.primary_objectclass));
    hologram_.bind_view_or_null(8, oc_json_);
    hologram_.bind_view(9, json_);
    hologram_.step();
    hologram_.reset();
    if (sec.id == section_id::synchronized_hologram) {
        write_directory(rec, sec);
        if (dn::has_dc_rdn(rec.str(rec.head.cs_dn))) {
            // The values the pre-flight rules check (object_value_writer).
            values_.begin(object_id, rec.str(rec.head.object_type));
            for (std::uint32_t ai = 0; ai < sec.attr_count; ++ai) {
                const attr_rec& a = rec.attrs[sec.first_attr + ai];
                for (std::uint32_t vi = 0; vi < a.value_count; ++vi) {
                    const value_rec& v = rec.values[a.first_value + vi];
                    values_.value(rec.str(a.name), rec.str(v.text),
                                  text::iequals(rec.str(v.encoding), "base64"));
                }
            }
            values_.finish();
        }
    }
}

void cs_object_writer::write_directory(const cs_object_record& rec, const section_rec& sec) {
    auto s = [&](text_ref r) { return rec.str(r); };
    const std::string_view dn = s(rec.head.cs_dn);
    // Only the objects the protection decision reads: groups (their member lists are walked
    // backwards from any object), objects with an error (the seeds: their SID, memberOf,
    // primaryGroupID), and the rare adminCount / isCriticalSystemObject holders. A user without
    // an error is never read, whatever it holds: a full dump of 100k users then costs a few
    // rows, not 100k (README "Performance").
    const auto is_group = [&](text_ref r) { return text::iequals(s(r), "group"); };
    bool needed =
        !rec.errors.empty() || is_group(sec.primary_objectclass) || is_group(rec.head.object_type);
    for (std::uint32_t ai = 0; ai < sec.attr_count && !needed; ++ai) {
        const std::string_view name = s(rec.attrs[sec.first_attr + ai].name);
        needed = text::iequals(name, "member") || text::iequals(name, "adminCount") ||
                 text::iequals(name, "isCriticalSystemObject");
    }
    // AD objects only (an Entra connector space has no SIDs and its DNs are not DC= paths).
    if (!needed || !dn::has_dc_rdn(dn)) return;
    entry_.clear();
    bool evidence = false;
    for (std::uint32_t ai = 0; ai < sec.attr_count; ++ai) {
        const attr_rec& a = rec.attrs[sec.first_attr + ai];
        const std::string_view name = s(a.name);
        const auto first = [&]() -> std::string_view {
            return a.value_count ? s(rec.values[a.first_value].text) : std::string_view();
        };
        const auto each = [&](std::vector<directory_value>& out) {
            for (std::uint32_t vi = 0; vi < a.value_count; ++vi)
                out.push_back({std::string(s(rec.values[a.first_value + vi].text)), sec.line});
        };
        if (text::iequals(name, "objectSid")) {
            if (auto v = sid::from_any(first())) entry_.sid = *v;
        } else if (text::iequals(name, "member")) {
            each(entry_.member);
        } else if (text::iequals(name, "memberOf")) {
            entry_.member_of_listed = true;
            each(entry_.member_of);
        } else if (text::iequals(name, "primaryGroupID")) {
            entry_.primary_group_id = text::to_int(first());
        } else if (text::iequals(name, "adminCount")) {
            entry_.admin_count = text::to_int(first());
        } else if (text::iequals(name, "isCriticalSystemObject")) {
            const std::string_view v = text::trim(first());
            entry_.is_critical = v == "1" || text::iequals(v, "true");
        } else if (text::iequals(name, "sAMAccountName")) {
            entry_.sam_account_name = first();
            continue;  // names an account, but is no protection evidence by itself
        } else {
            continue;
        }
        evidence = true;
    }
    if (!evidence) return;
    entry_.dn = dn;
    entry_.line = sec.line;
    entry_.object_class = s(sec.primary_objectclass);
    if (entry_.object_class.empty()) entry_.object_class = s(rec.head.object_type);
    directory_->write(entry_);
}

void cs_object_writer::write_error(const cs_object_record& rec, const error_rec& e,
                                   std::int64_t object_id) {
    auto s = [&](text_ref r) { return rec.str(r); };
    error_.bind(1, file_id_);
    error_.bind(2, e.line);
    error_.bind_view(3, e.direction == error_direction::export_error ? "export" : "import");
    error_.bind(4, object_id);
    error_.bind_view_or_null(5, s(e.error_type));
    bind_time(error_, 6, s(e.first_occurred), time_[0], e.line, "first-occurred");
    bind_time(error_, 7, s(e.date_occurred), time_[1], e.line, "date-occurred");
    if (!s(e.date_occurred).empty()) note_time(time_[1]);
    bind_int_or_null(error_, 8, s(e.retry_count));
    error_.bind_view_or_null(9, s(e.algorithm_step));
    error_.bind_view_or_null(10, s(e.error_code));
    error_.bind(11, normalize_error_code(s(e.error_code)));
    error_.bind_view_or_null(12, s(e.error_name));
    error_.bind_view_or_null(13, s(e.error_literal));
    error_.bind_view_or_null(14, s(e.server_error_detail));
    error_.bind_view_or_null(15, s(e.extra_error_details));
    error_.bind_view_or_null(16, s(e.detail_xml));
    if (e.has_source) {
        error_.bind_view(17, s(e.source));
        if (e.source_cut) {
            error_.bind(18, static_cast<std::int64_t>(e.source_cut));
        } else {
            error_.bind_null(18);
        }
        error_.bind(19, e.source_line);
    } else {
        for (int i : {17, 18, 19})
            error_.bind_null(i);
    }
    error_.step();
    error_.reset();
}

}  // namespace csx::ingest
