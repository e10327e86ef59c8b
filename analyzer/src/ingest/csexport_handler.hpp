// csexport_handler: streams a csexport.exe connector-space export (cs-objects/cs-object) into
// cs_object_records, one per cs-object, handed to a cs_object_sink as each object closes.
//
// Modelled: the cs-object attributes; every delta (unapplied/escrowed/unconfirmed export,
// pending import) and every hologram entry (all five kinds) with objectclasses, each attr and
// dn-attr and each value with its operations and encoding; import-errordetail and
// export-errordetail in both shapes found in the wild (attributes on export-errordetail with
// export-status/cd-error inside, and the documented export-error child); mv-link and
// cs-mv-links lineage; the connector-state children (mapped columns plus a JSON of the rest).
// Anything else is re-serialised verbatim into an extra record, never dropped. Each
// errordetail is also kept as the file writes it (its lines, through xml_input's line tap),
// for the report's evidence.
//
// Memory: one record (reused) plus the parser's chunk and the tap's lines: bounded by the
// largest object, not the file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ingest/cs_object_record.hpp"
#include "ingest/cs_object_sink.hpp"
#include "ingest/xml_input.hpp"
#include "xml/name_table.hpp"

namespace csx::ingest {

class csexport_handler final : public xml_input {
public:
    csexport_handler(std::string_view document_name, xml::parser_options opts,
                     cs_object_sink& sink);

    std::int64_t records() const override { return objects_; }
    file_facts facts() const override;

    enum class el : std::uint8_t;

private:
    // How the children of an open element are interpreted.
    enum class frame_kind : std::uint8_t {
        root,          // <cs-objects>
        object,        // <cs-object>
        delta_holder,  // unapplied-export, escrowed-export, unconfirmed-export, pending-import
        entry_holder,  // *-hologram
        section,       // delta or entry
        objectclass,   // objectclass
        attr,          // attr
        dn_attr,       // dn-attr
        dn_value,      // dn-value
        value,         // value (text)
        leaf,          // a text field captured into leaf_target_
        error,         // import-errordetail / export-errordetail
        error_part,    // export-status, import-status, export-error
        cd_error,      // cd-error
        links,         // cs-mv-links
        link_value,    // cs-mv-value
        state,         // connector-state child (leaf-path capture into the state JSON)
        capture,       // re-serialised verbatim (unknown element, free-form error detail)
        outside,       // before the root
    };
    struct frame {
        frame_kind kind;
        section_id section = section_id::none;
        bool has_children = false;
        std::uint32_t path_len = 0;  // state: length of state_path_ before this element
    };

    void on_start(std::string_view name, const xml::attributes& attrs, std::int64_t line) override;
    void on_end(std::string_view name) override;
    void on_text(std::string_view text) override;

    void start_object(const xml::attributes& attrs, std::int64_t line);
    void start_object_child(el id, std::string_view name, const xml::attributes& attrs,
                            std::int64_t line);
    void start_section(section_id s, const xml::attributes& attrs, std::int64_t line,
                       bool is_delta_elem);
    void start_section_child(el id, std::string_view name, const xml::attributes& attrs,
                             std::int64_t line);
    void start_value(bool dn_kind, el id, std::string_view name, const xml::attributes& attrs,
                     std::int64_t line);
    void start_cd_error_child(el id, std::string_view name, const xml::attributes& attrs,
                              std::int64_t line);
    void start_link_child(frame_kind parent, el id, std::string_view name,
                          const xml::attributes& attrs, std::int64_t line);
    void start_state_child(std::string_view name, const xml::attributes& attrs);
    void start_error_child(el id, std::string_view name, const xml::attributes& attrs,
                           std::int64_t line);
    void start_leaf(text_ref* target);
    void start_capture(std::string& out, std::string_view name, const xml::attributes& attrs,
                       std::int64_t line, bool is_extra);
    void read_error_attributes(const xml::attributes& attrs);
    void finish_object();
    void note_facts();

    cs_object_record& rec() { return *rec_; }

    cs_object_sink& sink_;
    xml::name_table<el> names_;
    std::vector<frame> stack_;
    cs_object_record* rec_ = nullptr;  // the record being filled (borrowed from sink_)
    bool in_object_ = false;

    // Leaf text capture (into rec_.text).
    text_ref* leaf_target_ = nullptr;
    std::uint32_t leaf_start_ = 0;
    // Verbatim capture.
    std::string* capture_out_ = nullptr;
    std::size_t capture_depth_ = 0;
    bool capture_is_extra_ = false;
    std::int64_t capture_line_ = 0;
    std::string capture_path_;
    std::string extra_buf_;
    std::string detail_buf_;
    // Connector-state path capture.
    std::string state_path_;
    bool state_text_ = false;
    std::uint32_t state_start_ = 0;

    std::int64_t objects_ = 0;
    std::int64_t ad_votes_ = 0;
    std::int64_t aad_votes_ = 0;
    std::string tenant_hint_;
    std::string upn_domain_;
    std::string connector_hint_;
};

}  // namespace csx::ingest
