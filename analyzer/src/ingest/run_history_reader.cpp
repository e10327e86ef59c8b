#include "ingest/run_history_reader.hpp"

#include <charconv>

#include <fmt/format.h>

#include "ingest/error_code.hpp"
#include "util/time.hpp"
#include "util/dn.hpp"
#include "util/text.hpp"
#include "xml/serialize.hpp"

namespace csx::ingest {

using text::to_int;
using text::trim;

namespace {

store::value trimmed(const std::string& s) {
    return store::text_or_null(trim(s));
}

bool is_counter_group(std::string_view n) {
    return n == "staging-counters" || n == "inbound-flow-counters" || n == "export-counters" ||
           n == "outbound-flow-counters" || n == "ma-discovery-counters";
}

std::string_view group_name(std::string_view n) {
    if (n == "staging-counters") return "staging";
    if (n == "inbound-flow-counters") return "inbound-flow";
    if (n == "export-counters") return "export";
    if (n == "outbound-flow-counters") return "outbound-flow";
    return "discovery";
}

}  // namespace

run_history_reader::run_history_reader(store::table_writer& w, std::int64_t file_id, extra_fn extra)
    : w_(w), file_id_(file_id), extra_(std::move(extra)) {}

void run_history_reader::begin_fragment(std::int64_t step_id, std::int64_t line_base) {
    stack_.clear();
    step_ = {};
    fragment_ = true;
    step_id_ = step_id;
    line_base_ = line_base;
    stack_.push_back({frame_kind::step, "step-details"});
}

std::int64_t run_history_reader::insert_run(std::int64_t line) {
    ++runs_;
    return w_.insert("run", {{"file_id", file_id_}, {"line", line}});
}

void run_history_reader::update_run(std::int64_t run_id, const run_fields& f) {
    w_.update("run", "run_id", run_id,
              {{"ma_id", trimmed(f.ma_id)},
               {"ma_name", trimmed(f.ma_name)},
               {"run_number", store::int_or_null(to_int(f.run_number))},
               {"run_profile", trimmed(f.run_profile)},
               {"security_id", trimmed(f.security_id)},
               {"run_history_id", trimmed(f.run_history_id)}});
}

std::int64_t run_history_reader::insert_step(std::int64_t run_id, std::int64_t line) {
    ++steps_;
    return w_.insert("run_step", {{"run_id", run_id}, {"line", line}});
}

// A time as stored: normalised, or as written when it is not one; a date that cannot exist is
// kept as written and noted as damage at `line` (the first one of the file).
store::value run_history_reader::time_or_null(const std::string& s, std::string& keep,
                                              std::int64_t line, std::string_view what) {
    if (trim(s).empty()) return {};
    if (utc::normalize(s, keep) == utc::parse_status::impossible && !time_damage_)
        time_damage_ = damage{line, 0,
                              fmt::format("{} '{}' at line {} is no date or time that exists: "
                                          "kept as written",
                                          what, keep, line)};
    return std::string_view(keep);
}

void run_history_reader::update_step(std::int64_t step_id, const step_fields& f,
                                     std::int64_t line) {
    std::string start, end;
    w_.update("run_step", "step_id", step_id,
              {{"step_number", store::int_or_null(to_int(f.step_number))},
               {"step_guid", trimmed(f.step_guid)},
               {"step_type", trimmed(f.step_type)},
               {"step_subtype", trimmed(f.step_subtype)},
               {"partition", trimmed(f.partition)},
               {"start_date", time_or_null(f.start_date, start, line, "start-date")},
               {"end_date", time_or_null(f.end_date, end, line, "end-date")},
               {"step_result", trimmed(f.step_result)},
               {"connection_result", trimmed(f.connection_result)},
               {"connection_server", trimmed(f.connection_server)},
               {"current_export_counter", store::int_or_null(to_int(f.current_export_counter))},
               {"last_successful_export_counter",
                store::int_or_null(to_int(f.last_successful_export_counter))},
               {"description", store::text_or_null(f.description)}});
}

void run_history_reader::write_counter(std::int64_t step_id, std::string_view group,
                                       std::string_view ma, std::string_view name,
                                       std::string_view value, std::string_view detail) {
    auto v = to_int(value);
    if (!v) return;  // an empty or non-numeric counter carries nothing to keep
    std::optional<std::int64_t> d;
    detail = trim(detail);
    if (detail == "true" || detail == "1") d = 1;
    if (detail == "false" || detail == "0") d = 0;
    w_.insert("step_counter", {{"step_id", step_id},
                               {"grp", group},
                               {"ma", ma},
                               {"name", name},
                               {"value", *v},
                               {"detail", store::int_or_null(d)}});
}

std::string run_history_reader::path() const {
    std::string p;
    for (const auto& f : stack_) {
        if (!p.empty()) p += '/';
        p += f.name;
    }
    return p;
}

void run_history_reader::start_leaf(std::string* target, std::string_view name) {
    leaf_target_ = target;
    leaf_text_.clear();
    stack_.push_back({frame_kind::leaf, name});
}

void run_history_reader::start_capture(capture_kind k, std::string* out, std::string_view name,
                                       const xml::attributes& attrs, std::int64_t line) {
    if (k == capture_kind::extra) {
        extra_buf_.clear();
        capture_path_ = path();
        if (!capture_path_.empty()) capture_path_ += '/';
        capture_path_ += name;
        capture_line_ = at(line);
    }
    capture_kind_ = k;
    capture_out_ = out;
    capture_depth_ = 1;
    desc_text_.clear();
    xml::append_start_tag(*out, name, attrs);
    if (k == capture_kind::description && name == "step-type")
        step_.step_type.assign(attrs.get("type"));
    stack_.push_back({frame_kind::capture, name});
}

void run_history_reader::start_child_of(frame_kind parent, std::string_view n,
                                        const xml::attributes& attrs, std::int64_t line) {
    switch (parent) {
        case frame_kind::root:
            if (n == "run-details") {
                run_ = {};
                run_id_ = insert_run(at(line));
                stack_.push_back({frame_kind::run, n});
                return;
            }
            break;
        case frame_kind::run:
            if (n == "ma-id") return start_leaf(&run_.ma_id, n);
            if (n == "ma-name") return start_leaf(&run_.ma_name, n);
            if (n == "run-number") return start_leaf(&run_.run_number, n);
            if (n == "run-profile-name") return start_leaf(&run_.run_profile, n);
            if (n == "security-id") return start_leaf(&run_.security_id, n);
            if (n == "step-details") {
                step_ = {};
                step_.step_number.assign(attrs.get("step-number"));
                if (step_.step_number.empty()) step_.step_number.assign(attrs.get("number"));
                step_.step_guid.assign(attrs.get("step-id"));
                step_line_ = at(line);
                step_id_ = insert_step(run_id_, step_line_);
                stack_.push_back({frame_kind::step, n});
                return;
            }
            break;
        case frame_kind::step:
            if (n == "start-date") return start_leaf(&step_.start_date, n);
            if (n == "end-date") return start_leaf(&step_.end_date, n);
            if (n == "step-result") return start_leaf(&step_.step_result, n);
            if (n == "current-export-step-counter")
                return start_leaf(&step_.current_export_counter, n);
            if (n == "last-successful-export-step-counter")
                return start_leaf(&step_.last_successful_export_counter, n);
            if (n == "step-description") {
                step_.description.clear();
                return start_capture(capture_kind::description, &step_.description, n, attrs, line);
            }
            if (n == "ma-connection") {
                stack_.push_back({frame_kind::connection, n});
                return;
            }
            if (n == "synchronization-errors" || n == "mv-retry-errors" ||
                n == "ma-discovery-errors") {
                stack_.push_back({frame_kind::error_list, n});
                return;
            }
            if (is_counter_group(n)) {
                counter_group_.assign(group_name(n));
                counter_ma_.assign(attrs.get("ma"));
                stack_.push_back({frame_kind::counters, n});
                return;
            }
            break;
        case frame_kind::connection:
            if (n == "connection-result") return start_leaf(&step_.connection_result, n);
            if (n == "server") return start_leaf(&step_.connection_server, n);
            if (n == "connection-log") {
                stack_.push_back({frame_kind::connection_log, n});
                return;
            }
            break;
        case frame_kind::connection_log:
            if (n == "incident") {
                incident_ = {};
                incident_.line = at(line);
                stack_.push_back({frame_kind::incident, n});
                return;
            }
            break;
        case frame_kind::incident:
            if (n == "connection-result") return start_leaf(&incident_.connection_result, n);
            if (n == "date") return start_leaf(&incident_.date, n);
            if (n == "server") return start_leaf(&incident_.server, n);
            if (n == "cd-error") {
                stack_.push_back({frame_kind::incident_cd_error, n});
                return;
            }
            break;
        case frame_kind::incident_cd_error:
            if (n == "error-code") return start_leaf(&incident_.error_code, n);
            if (n == "error-literal") return start_leaf(&incident_.error_literal, n);
            if (n == "server-error-detail") return start_leaf(&incident_.server_error_detail, n);
            break;
        case frame_kind::error_list:
            if (n == "import-error" || n == "export-error" || n == "retry-error" ||
                n == "ma-object-error") {
                error_ = {};
                error_.line = at(line);
                error_.direction = n == "import-error"   ? "import"
                                   : n == "export-error" ? "export"
                                   : n == "retry-error"  ? "retry"
                                                         : "discovery";
                error_.cs_guid.assign(attrs.get("cs-guid"));
                if (error_.cs_guid.empty()) error_.cs_guid.assign(attrs.get("mvGuid"));
                if (error_.cs_guid.empty()) error_.cs_guid.assign(attrs.get("mv-guid"));
                error_.dn.assign(attrs.get("dn"));
                if (error_.dn.empty()) error_.dn.assign(attrs.get("displayName"));
                if (error_.dn.empty()) error_.dn.assign(attrs.get("display-name"));
                if (source_.hold && !fragment_) source_.hold(line);
                stack_.push_back({frame_kind::error, n});
                return;
            }
            break;
        case frame_kind::error:
            if (n == "first-occurred") return start_leaf(&error_.first_occurred, n);
            if (n == "date-occurred") return start_leaf(&error_.date_occurred, n);
            if (n == "retry-count") return start_leaf(&error_.retry_count, n);
            if (n == "error-type") return start_leaf(&error_.error_type, n);
            if (n == "algorithm-step") return start_leaf(&error_.algorithm_step, n);
            if (n == "dn" && error_.dn.empty()) return start_leaf(&error_.dn, n);
            if (n == "cd-error") {
                stack_.push_back({frame_kind::error_cd_error, n});
                return;
            }
            return start_capture(capture_kind::detail, &error_.detail_xml, n, attrs, line);
        case frame_kind::error_cd_error:
            if (n == "error-code") return start_leaf(&error_.error_code, n);
            if (n == "error-literal") return start_leaf(&error_.error_literal, n);
            if (n == "server-error-detail") return start_leaf(&error_.server_error_detail, n);
            if (n == "extra-error-details") return start_leaf(&error_.extra_error_details, n);
            if (n == "error-name") return start_leaf(&error_.error_name, n);
            return start_capture(capture_kind::detail, &error_.detail_xml, n, attrs, line);
        case frame_kind::counters:
            counter_detail_.assign(attrs.get("detail"));
            return start_leaf(&counter_value_, n);
        case frame_kind::leaf:
        case frame_kind::capture:
            break;
    }
    start_capture(capture_kind::extra, &extra_buf_, n, attrs, line);
}

void run_history_reader::on_start(std::string_view name, const xml::attributes& attrs,
                                  std::int64_t line) {
    if (capture_out_) {
        ++capture_depth_;
        xml::append_start_tag(*capture_out_, name, attrs);
        desc_text_.clear();
        if (capture_kind_ == capture_kind::description && name == "step-type")
            step_.step_type.assign(attrs.get("type"));
        stack_.push_back({frame_kind::capture, name});
        return;
    }
    if (stack_.empty()) {
        if (name == "run-history") {
            stack_.push_back({frame_kind::root, name});
        } else if (name == "run-details") {
            stack_.push_back({frame_kind::root, "run-history"});
            start_child_of(frame_kind::root, name, attrs, line);
        } else {
            rejection_ = fmt::format(
                "expected <run-history> as the root element of a run history, found <{}>", name);
        }
        return;
    }
    start_child_of(stack_.back().kind, name, attrs, line);
}

void run_history_reader::on_text(std::string_view text) {
    if (capture_out_) {
        xml::append_escaped(*capture_out_, text, false);
        desc_text_.append(text);
    } else if (leaf_target_) {
        leaf_text_.append(text);
    }
}

void run_history_reader::on_end(std::string_view name) {
    if (stack_.empty()) return;
    const frame f = stack_.back();
    stack_.pop_back();
    if (f.kind == frame_kind::capture) {
        xml::append_end_tag(*capture_out_, name);
        if (capture_kind_ == capture_kind::description) {
            const bool child_of_description = capture_depth_ == 2;
            if (name == "partition" && child_of_description)
                step_.partition.assign(trim(desc_text_));
            if (name.ends_with("-subtype") && step_.step_subtype.empty())
                step_.step_subtype.assign(trim(desc_text_));
        }
        desc_text_.clear();
        if (--capture_depth_ > 0) return;
        if (capture_kind_ == capture_kind::extra) extra_(capture_line_, capture_path_, extra_buf_);
        capture_out_ = nullptr;
        return;
    }
    switch (f.kind) {
        case frame_kind::leaf:
            if (!stack_.empty() && stack_.back().kind == frame_kind::counters) {
                write_counter(step_id_, counter_group_, counter_ma_, name, leaf_text_,
                              counter_detail_);
            } else if (leaf_target_) {
                *leaf_target_ = leaf_text_;
            }
            leaf_target_ = nullptr;
            break;
        case frame_kind::run:
            update_run(run_id_, run_);
            if (runs_ == 1) first_run_ = run_;
            break;
        case frame_kind::step:
            if (!fragment_) {
                update_step(step_id_, step_, step_line_);
                if (!trim(step_.partition).empty()) partitions_.emplace_back(trim(step_.partition));
            }
            break;
        case frame_kind::error:
            finish_error(name);
            break;
        case frame_kind::incident:
            finish_incident();
            break;
        default:
            break;
    }
}

void run_history_reader::finish_error(std::string_view name) {
    std::string first, last;
    const auto dn = trim(error_.dn);
    if (source_.take && !fragment_) {
        if (const auto src = source_.take(name, error_.line)) {
            error_.source_text.assign(src->text);
            error_.source_line = src->first_line;
            error_.source_cut = src->cut;
        }
    }
    const bool has_source = error_.source_line > 0;
    w_.insert(
        "sync_error",
        {{"file_id", file_id_},
         {"line", error_.line},
         {"origin", "run-history"},
         {"direction", error_.direction},
         {"step_id", step_id_},
         {"cs_guid", trimmed(error_.cs_guid)},
         {"dn", store::text_or_null(dn)},
         {"parent_dn", store::text_or_null(dn::parent(dn))},
         {"error_type", trimmed(error_.error_type)},
         {"first_occurred",
          time_or_null(error_.first_occurred, first, error_.line, "first-occurred")},
         {"date_occurred", time_or_null(error_.date_occurred, last, error_.line, "date-occurred")},
         {"retry_count", store::int_or_null(to_int(error_.retry_count))},
         {"algorithm_step", trimmed(error_.algorithm_step)},
         {"error_code_raw", trimmed(error_.error_code)},
         {"error_code", store::int_or_null(normalize_error_code(error_.error_code))},
         {"error_name", trimmed(error_.error_name)},
         {"error_literal", store::text_or_null(error_.error_literal)},
         {"server_error_detail", store::text_or_null(error_.server_error_detail)},
         {"extra_error_details", store::text_or_null(error_.extra_error_details)},
         {"detail_xml", store::text_or_null(error_.detail_xml)},
         {"source_text",
          has_source ? store::value(std::string_view(error_.source_text)) : store::value()},
         {"source_cut", error_.source_cut
                            ? store::value(static_cast<std::int64_t>(error_.source_cut))
                            : store::value()},
         {"source_line", has_source ? store::value(error_.source_line) : store::value()}});
}

void run_history_reader::finish_incident() {
    std::string date;
    w_.insert("connection_incident",
              {{"step_id", step_id_},
               {"line", incident_.line},
               {"connection_result", trimmed(incident_.connection_result)},
               {"date", time_or_null(incident_.date, date, incident_.line, "date")},
               {"server", trimmed(incident_.server)},
               {"error_code_raw", trimmed(incident_.error_code)},
               {"error_code", store::int_or_null(normalize_error_code(incident_.error_code))},
               {"error_literal", store::text_or_null(incident_.error_literal)},
               {"server_error_detail", store::text_or_null(incident_.server_error_detail)}});
}

}  // namespace csx::ingest
