// clixml_handler: run history as PowerShell CLIXML (Objs/Obj): an Export-ADSyncToolsRunHistory
// *-RunStep.xml file, whose objects are RunStepResults, or `Get-ADSyncRunProfileResult
// [-RunStepDetails] | Export-Clixml` (what `csx collect` writes), whose RunProfileResults hold
// their RunStepResults in the RunStepResults property.
//
// A RunProfileResult becomes a run (ConnectorId as ma_id, ConnectorName as ma_name, RunNumber,
// RunProfileName, Username as security_id, RunHistoryId) and its RunStepResults its steps; loose
// RunStepResults are grouped into runs by RunHistoryId.
// Each RunStepResult becomes a run_step (runs grouped by RunHistoryId): its scalar properties
// (StepNumber, StepResult, StartDate, the Stage*/Export*/flow counters ...) map to columns and
// step_counter rows, and its XML-string properties (SyncErrorsXml, ConnectorDiscoveryErrorsXml,
// MvRetryErrorsXml, StepXml, ConnectorConnectionInformationXml, the counters XML) are decoded
// from CLIXML's _xHHHH_ escapes and parsed as run-history fragments by run_history_reader.
// A fragment that is not well-formed marks the file partial; the rest is still read.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ingest/run_history_reader.hpp"
#include "ingest/xml_input.hpp"

namespace csx::ingest {

// Decodes PowerShell CLIXML string escapes (_xHHHH_, UTF-16 code units) to UTF-8.
std::string decode_clixml_string(std::string_view s);

class clixml_handler final : public xml_input {
public:
    clixml_handler(std::string_view document_name, xml::parser_options opts, store::table_writer& w,
                   std::int64_t file_id);

    // Steps, and runs that have none (a RunProfileResult without step details): what the file
    // gave, each counted once.
    std::int64_t records() const override { return steps_ + profiles_ - profiles_with_steps_; }
    file_facts facts() const override { return {}; }

private:
    struct fragment {
        std::string property;
        std::string xml;
        std::int64_t line = 0;
    };
    enum class obj_type : std::uint8_t { unknown, run_step, run_profile, other };
    // One <Obj> being read: a RunStepResult, a RunProfileResult, or any other object (a
    // SyncErrors holder, the RunStepResults list) whose properties belong to the nearest
    // RunStepResult or RunProfileResult around it.
    struct object {
        std::size_t depth = 0;
        obj_type type = obj_type::unknown;
        std::int64_t line = 0;
        std::map<std::string, std::string> scalars;
        std::vector<fragment> fragments;
        std::int64_t run_id = 0;  // a RunProfileResult's run row
        std::int64_t steps = 0;   // a RunProfileResult's steps read so far
    };

    void on_start(std::string_view name, const xml::attributes& attrs, std::int64_t line) override;
    void on_end(std::string_view name) override;
    void on_text(std::string_view text) override { text_.append(text); }
    // A date that does not exist, kept as written: the file is partial.
    void on_finish() override {
        if (reader_.time_damage()) note_damage(*reader_.time_damage());
    }

    void set_type(object& o, obj_type t);
    object* owner();  // the innermost RunStepResult or RunProfileResult, or null
    void finish_step(object& o);
    void finish_profile(object& o);
    void parse_fragment(std::int64_t step_id, const fragment& f,
                        run_history_reader::step_fields& step, std::int64_t object_line);

    store::table_writer& w_;
    std::int64_t file_id_;
    run_history_reader reader_;
    std::size_t depth_ = 0;
    std::int64_t steps_ = 0;                // RunStepResults, loose or inside a run
    std::int64_t profiles_ = 0;             // RunProfileResults
    std::int64_t profiles_with_steps_ = 0;  // of which hold at least one RunStepResult

    std::vector<object> objects_;
    std::string tn_ref_;
    std::map<std::string, obj_type> tn_types_;
    std::string prop_name_;
    std::int64_t prop_line_ = 0;
    std::string text_;
    std::map<std::string, std::int64_t> runs_;  // RunHistoryId -> run_id (loose RunStepResults)
};

}  // namespace csx::ingest
