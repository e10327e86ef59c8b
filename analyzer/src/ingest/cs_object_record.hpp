// cs_object_record: everything one <cs-object> of a csexport file holds, ready to be written.
//
// The csexport handler fills one record per cs-object and hands it to the writer when the
// object closes, so memory is bounded by the largest single object, never the file. All text
// lives in one arena (`text`); the parts refer to it by offset, so filling a record allocates
// nothing once the arena and vectors have grown to the size of a typical object (clear() keeps
// their capacity).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace csx::ingest {

struct text_ref {
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    bool empty() const { return length == 0; }
};

class text_arena {
public:
    text_ref add(std::string_view s) {
        text_ref r{static_cast<std::uint32_t>(buf_.size()), static_cast<std::uint32_t>(s.size())};
        buf_.append(s);
        return r;
    }
    // Incremental capture: begin(), append pieces, end() returns the ref.
    std::uint32_t begin() const { return static_cast<std::uint32_t>(buf_.size()); }
    void append(std::string_view s) { buf_.append(s); }
    text_ref end(std::uint32_t start) const {
        return {start, static_cast<std::uint32_t>(buf_.size() - start)};
    }
    std::string_view get(text_ref r) const {
        return std::string_view(buf_).substr(r.offset, r.length);
    }
    std::size_t size() const { return buf_.size(); }
    std::size_t capacity() const { return buf_.capacity(); }
    void clear() { buf_.clear(); }
    void release() { std::string().swap(buf_); }

private:
    std::string buf_;
};

// Which part of a cs-object a section is (values match schema table section_kind).
enum class section_id : std::uint8_t {
    none = 0,
    unapplied_export = 1,
    escrowed_export = 2,
    unconfirmed_export = 3,
    pending_import = 4,
    synchronized_hologram = 5,
    unapplied_export_hologram = 6,
    escrowed_export_hologram = 7,
    unconfirmed_export_hologram = 8,
    pending_import_hologram = 9,
};

inline bool is_delta(section_id s) {
    return s >= section_id::unapplied_export && s <= section_id::pending_import;
}

struct value_rec {
    text_ref text;      // value text, or dn-value/dn
    text_ref op;        // @operation
    text_ref anchor;    // dn-value/anchor
    text_ref encoding;  // value/@encoding
};

struct attr_rec {
    text_ref name;
    text_ref type;
    text_ref multivalued;
    text_ref op;
    bool is_dn = false;
    std::uint32_t first_value = 0;
    std::uint32_t value_count = 0;
};

struct section_rec {
    section_id id = section_id::none;
    std::int64_t line = 0;
    text_ref operation, dn, newdn, anchor, parent_anchor, primary_objectclass;
    std::uint32_t first_oc = 0, oc_count = 0;
    std::uint32_t first_attr = 0, attr_count = 0;
};

enum class error_direction : std::uint8_t { import_error, export_error };

struct error_rec {
    error_direction direction = error_direction::export_error;
    std::int64_t line = 0;
    text_ref error_type, first_occurred, date_occurred, retry_count, algorithm_step;
    text_ref error_code, error_name, error_literal, server_error_detail, extra_error_details;
    text_ref detail_xml;
    // The errordetail element as the file writes it (its whole lines, decoded to UTF-8; see
    // line_tap), when the lines were still held: has_source; source_cut bytes not kept.
    bool has_source = false;
    std::int64_t source_line = 0;
    std::uint32_t source_cut = 0;
    text_ref source;
};

struct link_rec {
    std::int64_t line = 0;
    text_ref lineage_id, lineage_type, lineage_time, mv_guid, cs_dn, cs_guid, ma_name, ma_guid;
};

struct extra_rec {
    std::int64_t line = 0;
    text_ref path;
    text_ref xml;
};

struct state_field {
    text_ref
        key;  // element path below cs-object ("seen-by-import", "sequencers/current/batch-number")
    text_ref value;
};

// The cs-object's own attributes and mapped connector-state children.
struct object_head {
    std::int64_t line = 0;
    text_ref cs_dn, id, object_type, transient, status;
    text_ref connector, connector_state, ma_id, ma_name, partition_name;
    text_ref disconnection_time, last_import_delta_time, last_export_delta_time;
};

enum class record_kind : std::uint8_t {
    object,        // one cs-object
    loose_extras,  // only `extras`: elements found outside any cs-object
};

struct cs_object_record {
    record_kind kind = record_kind::object;
    object_head head;
    std::vector<state_field> state;
    std::vector<section_rec> sections;
    std::vector<attr_rec> attrs;
    std::vector<value_rec> values;
    std::vector<text_ref> objectclasses;
    std::vector<error_rec> errors;
    std::vector<link_rec> links;
    std::vector<extra_rec> extras;
    text_arena text;

    std::string_view str(text_ref r) const { return text.get(r); }

    // Resets the contents and keeps every buffer's capacity (unless one huge object made the
    // arena huge: then it is released, so a pool of records stays small).
    void clear() {
        kind = record_kind::object;
        head = {};
        state.clear();
        sections.clear();
        attrs.clear();
        values.clear();
        objectclasses.clear();
        errors.clear();
        links.clear();
        extras.clear();
        if (text.capacity() > (4u << 20)) {
            text.release();
        } else {
            text.clear();
        }
    }
};

}  // namespace csx::ingest
