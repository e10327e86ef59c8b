// clixml_handler: an Export-ADSyncToolsRunHistory *-RunStep.xml file: PowerShell CLIXML
// (Objs/Obj) whose objects are RunStepResults.
//
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

    std::int64_t records() const override { return steps_; }
    file_facts facts() const override { return {}; }

private:
    struct fragment {
        std::string property;
        std::string xml;
        std::int64_t line = 0;
    };

    void on_start(std::string_view name, const xml::attributes& attrs, std::int64_t line) override;
    void on_end(std::string_view name) override;
    void on_text(std::string_view text) override { text_.append(text); }
    // A date that does not exist, kept as written: the file is partial.
    void on_finish() override {
        if (reader_.time_damage()) note_damage(*reader_.time_damage());
    }

    void finish_step();
    void parse_fragment(std::int64_t step_id, const fragment& f,
                        run_history_reader::step_fields& step);

    store::table_writer& w_;
    std::int64_t file_id_;
    run_history_reader reader_;
    std::size_t depth_ = 0;
    std::int64_t steps_ = 0;

    // The RunStepResult being read (depth 2 Obj).
    bool in_object_ = false;
    bool is_runstep_ = false;
    bool type_known_ = false;
    std::int64_t object_line_ = 0;
    std::string tn_ref_;
    std::map<std::string, bool> tn_is_runstep_;
    std::string prop_name_;
    std::int64_t prop_line_ = 0;
    std::string text_;
    std::map<std::string, std::string> scalars_;
    std::vector<fragment> fragments_;
    std::map<std::string, std::int64_t> runs_;  // RunHistoryId -> run_id
};

}  // namespace csx::ingest
