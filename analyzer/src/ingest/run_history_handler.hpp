// run_history_handler: a run-history XML file (one or many run-details), as saved from the
// Synchronization Service Manager or returned by WMI MIIS_RunHistory.RunDetails(). Its error
// elements are also kept as the file writes them (xml_input's line tap).
#pragma once

#include "ingest/run_history_reader.hpp"
#include "ingest/xml_input.hpp"

namespace csx::ingest {

class run_history_handler final : public xml_input {
public:
    run_history_handler(std::string_view document_name, xml::parser_options opts,
                        store::table_writer& w, std::int64_t file_id);

    std::int64_t records() const override { return reader_.runs(); }
    file_facts facts() const override;

private:
    void on_start(std::string_view name, const xml::attributes& attrs, std::int64_t line) override;
    void on_end(std::string_view name) override { reader_.on_end(name); }
    void on_text(std::string_view text) override { reader_.on_text(text); }
    // A date that does not exist, kept as written: the file is partial.
    void on_finish() override {
        if (reader_.time_damage()) note_damage(*reader_.time_damage());
    }

    store::table_writer& w_;
    std::int64_t file_id_;
    run_history_reader reader_;
};

}  // namespace csx::ingest
