// config_handler: a connector configuration file from Get-ADSyncServerConfiguration
// (Connectors/Connector_{guid}.xml, root <ma-data>).
//
// Kept: the connector's identity (id, name, category, subtype, listname, times, version), the
// AD connector account (forest-name, forest-login-user, forest-login-domain, from the elements
// or the parameter-values), every non-secret parameter, and the partitions with their
// container filters. Not kept: the DSML schema, run profiles and other internals (the file
// itself stays identified by path and SHA-256).
#pragma once

#include <string>
#include <vector>

#include "ingest/xml_input.hpp"
#include "store/table_writer.hpp"

namespace csx::ingest {

class config_handler final : public xml_input {
public:
    config_handler(std::string_view document_name, xml::parser_options opts, store::table_writer& w,
                   std::int64_t file_id);

    std::int64_t records() const override { return connectors_; }
    file_facts facts() const override;

private:
    struct partition_fields {
        std::int64_t line = 0;
        std::string id, name, display_name, selected, is_domain, last_dc;
        std::vector<std::string> inclusions, exclusions;
    };

    void on_start(std::string_view name, const xml::attributes& attrs, std::int64_t line) override;
    void on_end(std::string_view name) override;
    void on_text(std::string_view text) override { text_.append(text); }

    void finish_connector();

    store::table_writer& w_;
    std::int64_t file_id_;
    std::int64_t connector_row_ = 0;
    std::int64_t connectors_ = 0;
    std::string path_;
    std::vector<std::size_t> path_lens_;
    // Inside <saved-ma-configuration> ("Export Management Agent" / "Export Connector" in the
    // Synchronization Service Manager, MIM and Entra Connect alike): its <ma-data> is read as
    // a root one, its other children (<mv-data> ...) are skipped.
    bool saved_wrapper_ = false;
    int wrapper_depth_ = 0;  // elements open inside the wrapper outside any <ma-data>
    std::string text_;

    std::string ma_id_, name_, category_, subtype_, listname_, creation_, modified_, version_;
    std::string forest_name_, login_user_, login_domain_, aad_user_;
    std::string param_name_, param_use_, param_type_;
    bool param_encrypted_ = false;
    partition_fields partition_;
};

}  // namespace csx::ingest
