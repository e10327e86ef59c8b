// run_history_reader: turns run-history XML events into run, run_step, step_counter,
// connection_incident and sync_error rows (plus extra_element for anything unmodelled).
//
// Used two ways: by run_history_handler for whole run-history files (run-history/run-details/
// step-details), and by the CLIXML RunStep handler for the XML fragments a RunStepResult
// carries (SyncErrorsXml, ConnectorConnectionInformationXml, StepXml ...), which are read as
// children of an already-written step (begin_fragment).
//
// Streaming: a run row is inserted when <run-details> opens and a step row when <step-details>
// opens; their scalar fields are filled in when they close, so errors and counters stream
// straight to the database however many a step holds.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/file_handler.hpp"
#include "ingest/line_tap.hpp"
#include "store/table_writer.hpp"
#include "xml/sax_handler.hpp"

namespace csx::ingest {

class run_history_reader {
public:
    struct run_fields {
        std::string ma_id, ma_name, run_number, run_profile, security_id, run_history_id;
    };
    struct step_fields {
        std::string step_number, step_guid, step_type, step_subtype, partition, start_date,
            end_date, step_result, connection_result, connection_server, current_export_counter,
            last_successful_export_counter, description;
    };
    using extra_fn =
        std::function<void(std::int64_t line, const std::string& path, const std::string& xml)>;

    run_history_reader(store::table_writer& w, std::int64_t file_id, extra_fn extra);

    // The error elements as the file writes them (sync_error.source_text), where the caller
    // keeps the file's lines (run_history_handler; CLIXML fragments are text inside another
    // file and have none): `hold` when an error element opens, at its line; `take` when it
    // closes, with its name and start line.
    struct source_hooks {
        std::function<void(std::int64_t line)> hold;
        std::function<std::optional<source_excerpt>(std::string_view name, std::int64_t line)> take;
    };
    void set_source_hooks(source_hooks h) { source_ = std::move(h); }

    // Fragment mode: the next events are children of this (already written) step; `line_base`
    // is added to fragment line numbers (the line of the element that carried the fragment).
    void begin_fragment(std::int64_t step_id, std::int64_t line_base);

    void on_start(std::string_view name, const xml::attributes& attrs, std::int64_t line);
    void on_end(std::string_view name);
    void on_text(std::string_view text);

    // Set when the document root is not a run history: the caller rejects the file.
    const std::string& rejection() const { return rejection_; }

    std::int64_t runs() const { return runs_; }
    std::int64_t steps() const { return steps_; }
    const run_fields& first_run() const { return first_run_; }
    // The step fields read so far (in fragment mode: connection and description fragments).
    const step_fields& step() const { return step_; }
    const std::vector<std::string>& partitions() const { return partitions_; }

    // Row helpers, shared with the CLIXML handler.
    std::int64_t insert_run(std::int64_t line);
    void update_run(std::int64_t run_id, const run_fields& f);
    std::int64_t insert_step(std::int64_t run_id, std::int64_t line);
    void update_step(std::int64_t step_id, const step_fields& f, std::int64_t line);
    // The first time in the file that names no existing date (kept as written).
    const std::optional<damage>& time_damage() const { return time_damage_; }
    void write_counter(std::int64_t step_id, std::string_view group, std::string_view ma,
                       std::string_view name, std::string_view value, std::string_view detail);

private:
    store::value time_or_null(const std::string& s, std::string& keep, std::int64_t line,
                              std::string_view what);
    std::optional<damage> time_damage_;
    std::int64_t step_line_ = 0;

    enum class frame_kind : std::uint8_t {
        root,
        run,
        step,
        connection,
        connection_log,
        incident,
        incident_cd_error,
        error_list,
        error,
        error_cd_error,
        counters,
        leaf,
        capture
    };
    struct frame {
        frame_kind kind;
        std::string_view name;
    };
    struct error_fields {
        std::string direction, cs_guid, dn, error_type, first_occurred, date_occurred, retry_count,
            algorithm_step, error_code, error_name, error_literal, server_error_detail,
            extra_error_details, detail_xml, source_text;
        std::int64_t line = 0;
        std::int64_t source_line = 0;  // 0: no source text
        std::size_t source_cut = 0;
    };
    struct incident_fields {
        std::string connection_result, date, server, error_code, error_literal, server_error_detail;
        std::int64_t line = 0;
    };
    enum class capture_kind : std::uint8_t { extra, description, detail };

    void start_leaf(std::string* target, std::string_view name);
    void start_capture(capture_kind k, std::string* out, std::string_view name,
                       const xml::attributes& attrs, std::int64_t line);
    void start_child_of(frame_kind parent, std::string_view name, const xml::attributes& attrs,
                        std::int64_t line);
    void finish_error(std::string_view name);
    void finish_incident();
    std::string path() const;
    std::int64_t at(std::int64_t line) const { return line + line_base_; }

    store::table_writer& w_;
    std::int64_t file_id_;
    extra_fn extra_;
    source_hooks source_;
    std::vector<frame> stack_;
    std::string rejection_;

    std::int64_t line_base_ = 0;
    std::int64_t run_id_ = 0;
    std::int64_t step_id_ = 0;
    bool fragment_ = false;
    run_fields run_;
    run_fields first_run_;
    step_fields step_;
    error_fields error_;
    incident_fields incident_;
    std::string counter_group_, counter_ma_, counter_detail_, counter_value_;
    std::vector<std::string> partitions_;

    std::string* leaf_target_ = nullptr;
    std::string leaf_text_;
    std::string* capture_out_ = nullptr;
    std::size_t capture_depth_ = 0;
    capture_kind capture_kind_ = capture_kind::extra;
    std::int64_t capture_line_ = 0;
    std::string capture_path_;
    std::string extra_buf_;
    std::string desc_text_;

    std::int64_t runs_ = 0;
    std::int64_t steps_ = 0;
};

}  // namespace csx::ingest
