#include "ingest/csexport_handler.hpp"

#include <fmt/format.h>

#include "util/dn.hpp"
#include "xml/serialize.hpp"

namespace csx::ingest {

enum class csexport_handler::el : std::uint8_t {
    unknown,
    cs_objects,
    cs_object,
    unapplied_export,
    escrowed_export,
    unconfirmed_export,
    pending_import,
    synchronized_hologram,
    unapplied_export_hologram,
    escrowed_export_hologram,
    unconfirmed_export_hologram,
    pending_import_hologram,
    delta,
    entry,
    anchor,
    parent_anchor,
    primary_objectclass,
    objectclass,
    oc_value,
    attr,
    dn_attr,
    value,
    dn_value,
    dn,
    import_errordetail,
    export_errordetail,
    export_status,
    import_status,
    export_error,
    cd_error,
    error_code,
    error_literal,
    server_error_detail,
    error_name,
    extra_error_details,
    algorithm_step,
    date_occurred,
    first_occurred,
    retry_count,
    error_type,
    cs_mv_links,
    cs_mv_value,
    mv_link,
    cs_dn,
    cs_guid,
    ma_name,
    ma_guid,
    connector,
    connector_state,
    ma_id,
    partition_name,
    disconnection_time,
    last_import_delta_time,
    last_export_delta_time,
    state_field,
};

namespace {

using el_t = csexport_handler::el;

section_id holder_section(el_t id) {
    switch (id) {
        case el_t::unapplied_export:
            return section_id::unapplied_export;
        case el_t::escrowed_export:
            return section_id::escrowed_export;
        case el_t::unconfirmed_export:
            return section_id::unconfirmed_export;
        case el_t::pending_import:
            return section_id::pending_import;
        case el_t::synchronized_hologram:
            return section_id::synchronized_hologram;
        case el_t::unapplied_export_hologram:
            return section_id::unapplied_export_hologram;
        case el_t::escrowed_export_hologram:
            return section_id::escrowed_export_hologram;
        case el_t::unconfirmed_export_hologram:
            return section_id::unconfirmed_export_hologram;
        case el_t::pending_import_hologram:
            return section_id::pending_import_hologram;
        default:
            return section_id::none;
    }
}

bool is_guid_cn(std::string_view dn) {
    // The Entra connector names its cs-objects CN={<hex>}: 32 hex digits (a GUID) for most,
    // but the hex of the source anchor's text for others: Microsoft's own Error Type 114 example
    // is CN={783456306961654236304B58786A66746377643748773D3D}, 48 digits.
    if (dn.size() < 4 + 32 + 1 || !dn.starts_with("CN={") || dn.back() != '}') return false;
    const std::string_view hex = dn.substr(4, dn.size() - 5);
    return hex.size() % 2 == 0 &&
           hex.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
}

}  // namespace

csexport_handler::csexport_handler(std::string_view document_name, xml::parser_options opts,
                                   cs_object_sink& sink)
    : xml_input(document_name, std::move(opts)),
      sink_(sink),
      names_(
          {
              {"cs-objects", el::cs_objects},
              {"cs-object", el::cs_object},
              {"unapplied-export", el::unapplied_export},
              {"escrowed-export", el::escrowed_export},
              {"unconfirmed-export", el::unconfirmed_export},
              {"pending-import", el::pending_import},
              {"synchronized-hologram", el::synchronized_hologram},
              {"unapplied-export-hologram", el::unapplied_export_hologram},
              {"escrowed-export-hologram", el::escrowed_export_hologram},
              {"unconfirmed-export-hologram", el::unconfirmed_export_hologram},
              {"pending-import-hologram", el::pending_import_hologram},
              {"delta", el::delta},
              {"entry", el::entry},
              {"anchor", el::anchor},
              {"parent-anchor", el::parent_anchor},
              {"primary-objectclass", el::primary_objectclass},
              {"objectclass", el::objectclass},
              {"oc-value", el::oc_value},
              {"attr", el::attr},
              {"dn-attr", el::dn_attr},
              {"value", el::value},
              {"dn-value", el::dn_value},
              {"dn", el::dn},
              {"import-errordetail", el::import_errordetail},
              {"export-errordetail", el::export_errordetail},
              {"export-status", el::export_status},
              {"import-status", el::import_status},
              {"export-error", el::export_error},
              {"cd-error", el::cd_error},
              {"error-code", el::error_code},
              {"error-literal", el::error_literal},
              {"server-error-detail", el::server_error_detail},
              {"error-name", el::error_name},
              {"extra-error-details", el::extra_error_details},
              {"algorithm-step", el::algorithm_step},
              {"date-occurred", el::date_occurred},
              {"first-occurred", el::first_occurred},
              {"retry-count", el::retry_count},
              {"error-type", el::error_type},
              {"cs-mv-links", el::cs_mv_links},
              {"cs-mv-value", el::cs_mv_value},
              {"mv-link", el::mv_link},
              {"cs-dn", el::cs_dn},
              {"cs-guid", el::cs_guid},
              {"ma-name", el::ma_name},
              {"ma-guid", el::ma_guid},
              {"connector", el::connector},
              {"connector-state", el::connector_state},
              {"ma-id", el::ma_id},
              {"partition-name", el::partition_name},
              {"disconnection-time", el::disconnection_time},
              {"last-import-delta-time", el::last_import_delta_time},
              {"last-export-delta-time", el::last_export_delta_time},
              // The other documented connector-state children: kept in cs_object.state.
              {"seen-by-import", el::state_field},
              {"rebuild-in-progress", el::state_field},
              {"obsoletion", el::state_field},
              {"need-full-sync", el::state_field},
              {"placeholder-parent", el::state_field},
              {"placeholder-link", el::state_field},
              {"placeholder-delete", el::state_field},
              {"pending", el::state_field},
              {"ref-retry", el::state_field},
              {"rename-retry", el::state_field},
              {"pending-ref-delete", el::state_field},
              {"import-delta-operation", el::state_field},
              {"export-delta-operation", el::state_field},
              {"partition-id", el::state_field},
              {"fully-qualified-domain-name", el::state_field},
              {"domain-name", el::state_field},
              {"account-name", el::state_field},
              {"user-principal-name", el::state_field},
              {"disconnection-type", el::state_field},
              {"disconnection-id", el::state_field},
              {"transient-dn", el::state_field},
              {"transient-details", el::state_field},
              {"sequencers", el::state_field},
          },
          el::unknown) {
    keep_source_lines();
}

file_facts csexport_handler::facts() const {
    file_facts f;
    f.tenant_hint = tenant_hint_.empty() ? upn_domain_ : tenant_hint_;
    if (aad_votes_ > ad_votes_) {
        f.connector_kind = "aad";
    } else if (ad_votes_ > 0) {
        f.connector_kind = "ad";
    }
    f.connector_hint = connector_hint_;
    return f;
}

void csexport_handler::start_leaf(text_ref* target) {
    leaf_target_ = target;
    leaf_start_ = rec().text.begin();
    stack_.push_back({frame_kind::leaf});
}

void csexport_handler::start_capture(std::string& out, std::string_view name,
                                     const xml::attributes& attrs, std::int64_t line,
                                     bool is_extra) {
    capture_out_ = &out;
    capture_depth_ = 1;
    capture_is_extra_ = is_extra;
    if (is_extra) {
        out.clear();
        capture_line_ = line;
        capture_path_ = current_path();
    }
    xml::append_start_tag(out, name, attrs);
    stack_.push_back({frame_kind::capture});
}

void csexport_handler::read_error_attributes(const xml::attributes& attrs) {
    error_rec& e = rec().errors.back();
    for (int i = 0; i < attrs.size(); ++i) {
        auto n = attrs.name(i);
        text_ref* target = nullptr;
        if (n == "first-occurred")
            target = &e.first_occurred;
        else if (n == "date-occurred")
            target = &e.date_occurred;
        else if (n == "retry-count")
            target = &e.retry_count;
        else if (n == "error-type")
            target = &e.error_type;
        if (target && target->empty()) *target = rec().text.add(attrs.value(i));
    }
}

void csexport_handler::start_object(const xml::attributes& attrs, std::int64_t line) {
    rec_ = &sink_.next_record();
    in_object_ = true;
    object_head& h = rec().head;
    h.line = line;
    for (int i = 0; i < attrs.size(); ++i) {
        auto n = attrs.name(i);
        auto v = attrs.value(i);
        if (n == "cs-dn")
            h.cs_dn = rec().text.add(v);
        else if (n == "id")
            h.id = rec().text.add(v);
        else if (n == "object-type")
            h.object_type = rec().text.add(v);
        else if (n == "transient")
            h.transient = rec().text.add(v);
        else if (n == "status")
            h.status = rec().text.add(v);
        else {
            std::string key = fmt::format("@{}", n);
            rec().state.push_back({rec().text.add(key), rec().text.add(v)});
        }
    }
    stack_.push_back({frame_kind::object});
}

void csexport_handler::start_section(section_id s, const xml::attributes& attrs, std::int64_t line,
                                     bool) {
    section_rec sec;
    sec.id = s;
    sec.line = line;
    for (int i = 0; i < attrs.size(); ++i) {
        auto n = attrs.name(i);
        if (n == "operation")
            sec.operation = rec().text.add(attrs.value(i));
        else if (n == "dn")
            sec.dn = rec().text.add(attrs.value(i));
        else if (n == "newdn")
            sec.newdn = rec().text.add(attrs.value(i));
    }
    sec.first_oc = static_cast<std::uint32_t>(rec().objectclasses.size());
    sec.first_attr = static_cast<std::uint32_t>(rec().attrs.size());
    rec().sections.push_back(sec);
    stack_.push_back({frame_kind::section, s});
}

void csexport_handler::start_object_child(el id, std::string_view name,
                                          const xml::attributes& attrs, std::int64_t line) {
    object_head& h = rec().head;
    switch (id) {
        case el::unapplied_export:
        case el::escrowed_export:
        case el::unconfirmed_export:
        case el::pending_import:
            stack_.push_back({frame_kind::delta_holder, holder_section(id)});
            return;
        case el::synchronized_hologram:
        case el::unapplied_export_hologram:
        case el::escrowed_export_hologram:
        case el::unconfirmed_export_hologram:
        case el::pending_import_hologram:
            stack_.push_back({frame_kind::entry_holder, holder_section(id)});
            return;
        case el::export_errordetail:
        case el::import_errordetail: {
            error_rec e;
            e.direction = id == el::export_errordetail ? error_direction::export_error
                                                       : error_direction::import_error;
            e.line = line;
            rec().errors.push_back(e);
            hold_source_from(line);
            read_error_attributes(attrs);
            detail_buf_.clear();
            stack_.push_back({frame_kind::error});
            return;
        }
        case el::cs_mv_links:
            stack_.push_back({frame_kind::links});
            return;
        case el::mv_link: {
            link_rec l;
            l.line = line;
            l.lineage_id = rec().text.add(attrs.get("lineage-id"));
            l.lineage_type = rec().text.add(attrs.get("lineage-type"));
            l.lineage_time = rec().text.add(attrs.get("lineage-time"));
            rec().links.push_back(l);
            start_leaf(&rec().links.back().mv_guid);
            return;
        }
        case el::connector:
            start_leaf(&h.connector);
            return;
        case el::connector_state:
            start_leaf(&h.connector_state);
            return;
        case el::ma_id:
            start_leaf(&h.ma_id);
            return;
        case el::ma_name:
            start_leaf(&h.ma_name);
            return;
        case el::partition_name:
            start_leaf(&h.partition_name);
            return;
        case el::disconnection_time:
            start_leaf(&h.disconnection_time);
            return;
        case el::last_import_delta_time:
            start_leaf(&h.last_import_delta_time);
            return;
        case el::last_export_delta_time:
            start_leaf(&h.last_export_delta_time);
            return;
        case el::state_field: {
            frame f{frame_kind::state};
            f.path_len = 0;
            state_path_.assign(name);
            for (int i = 0; i < attrs.size(); ++i) {
                std::string key = fmt::format("{}/@{}", state_path_, attrs.name(i));
                rec().state.push_back({rec().text.add(key), rec().text.add(attrs.value(i))});
            }
            state_text_ = true;
            state_start_ = rec().text.begin();
            stack_.push_back(f);
            return;
        }
        default:
            start_capture(extra_buf_, name, attrs, line, true);
            return;
    }
}

void csexport_handler::start_error_child(el id, std::string_view name, const xml::attributes& attrs,
                                         std::int64_t line) {
    error_rec& e = rec().errors.back();
    switch (id) {
        case el::export_status:
        case el::import_status:
            stack_.push_back({frame_kind::error_part});
            return;
        case el::export_error:
            read_error_attributes(attrs);
            stack_.push_back({frame_kind::error_part});
            return;
        case el::cd_error:
            stack_.push_back({frame_kind::cd_error});
            return;
        case el::algorithm_step:
            start_leaf(&e.algorithm_step);
            return;
        case el::date_occurred:
            start_leaf(&e.date_occurred);
            return;
        case el::first_occurred:
            start_leaf(&e.first_occurred);
            return;
        case el::retry_count:
            start_leaf(&e.retry_count);
            return;
        case el::error_type:
            start_leaf(&e.error_type);
            return;
        default:
            start_capture(detail_buf_, name, attrs, line, false);
            return;
    }
}

// A child of a <delta> or <entry>: anchors, object classes, attributes.
void csexport_handler::start_section_child(el id, std::string_view name,
                                           const xml::attributes& attrs, std::int64_t line) {
    section_rec& sec = rec().sections.back();
    switch (id) {
        case el::anchor:
            start_leaf(&sec.anchor);
            return;
        case el::parent_anchor:
            start_leaf(&sec.parent_anchor);
            return;
        case el::primary_objectclass:
            start_leaf(&sec.primary_objectclass);
            return;
        case el::objectclass:
            stack_.push_back({frame_kind::objectclass});
            return;
        case el::attr:
        case el::dn_attr: {
            attr_rec a;
            a.is_dn = id == el::dn_attr;
            for (int i = 0; i < attrs.size(); ++i) {
                auto n = attrs.name(i);
                if (n == "name")
                    a.name = rec().text.add(attrs.value(i));
                else if (n == "type")
                    a.type = rec().text.add(attrs.value(i));
                else if (n == "multivalued")
                    a.multivalued = rec().text.add(attrs.value(i));
                else if (n == "operation")
                    a.op = rec().text.add(attrs.value(i));
            }
            a.first_value = static_cast<std::uint32_t>(rec().values.size());
            rec().attrs.push_back(a);
            ++sec.attr_count;
            stack_.push_back({a.is_dn ? frame_kind::dn_attr : frame_kind::attr});
            return;
        }
        default:
            start_capture(extra_buf_, name, attrs, line, true);
            return;
    }
}

// A <value> of an <attr>, or a <dn-value> of a <dn-attr>.
void csexport_handler::start_value(bool dn_kind, el id, std::string_view name,
                                   const xml::attributes& attrs, std::int64_t line) {
    if ((!dn_kind && id == el::value) || (dn_kind && id == el::dn_value)) {
        value_rec v;
        for (int i = 0; i < attrs.size(); ++i) {
            auto n = attrs.name(i);
            if (n == "operation")
                v.op = rec().text.add(attrs.value(i));
            else if (n == "encoding")
                v.encoding = rec().text.add(attrs.value(i));
        }
        rec().values.push_back(v);
        ++rec().attrs.back().value_count;
        if (dn_kind) {
            stack_.push_back({frame_kind::dn_value});
        } else {
            start_leaf(&rec().values.back().text);
        }
    } else {
        start_capture(extra_buf_, name, attrs, line, true);
    }
}

// A child of <cd-error>: the error's code, texts and details.
void csexport_handler::start_cd_error_child(el id, std::string_view name,
                                            const xml::attributes& attrs, std::int64_t line) {
    error_rec& e = rec().errors.back();
    switch (id) {
        case el::error_code:
            start_leaf(&e.error_code);
            return;
        case el::error_literal:
            start_leaf(&e.error_literal);
            return;
        case el::server_error_detail:
            start_leaf(&e.server_error_detail);
            return;
        case el::error_name:
            start_leaf(&e.error_name);
            return;
        case el::extra_error_details:
            start_leaf(&e.extra_error_details);
            return;
        default:
            start_capture(detail_buf_, name, attrs, line, false);
            return;
    }
}

// A <cs-mv-value> of <cs-mv-links>, or a child of one (the metaverse link's parts).
void csexport_handler::start_link_child(frame_kind parent, el id, std::string_view name,
                                        const xml::attributes& attrs, std::int64_t line) {
    if (parent == frame_kind::links) {
        if (id == el::cs_mv_value) {
            link_rec l;
            l.line = line;
            l.lineage_id = rec().text.add(attrs.get("lineage-id"));
            l.lineage_type = rec().text.add(attrs.get("lineage-type"));
            l.lineage_time = rec().text.add(attrs.get("lineage-time"));
            rec().links.push_back(l);
            stack_.push_back({frame_kind::link_value});
        } else {
            start_capture(extra_buf_, name, attrs, line, true);
        }
        return;
    }
    link_rec& l = rec().links.back();
    switch (id) {
        case el::cs_dn:
            start_leaf(&l.cs_dn);
            return;
        case el::cs_guid:
            start_leaf(&l.cs_guid);
            return;
        case el::ma_name:
            start_leaf(&l.ma_name);
            return;
        case el::ma_guid:
            start_leaf(&l.ma_guid);
            return;
        default:
            start_capture(extra_buf_, name, attrs, line, true);
            return;
    }
}

// An element inside a connector-state child: kept as path = value pairs for the state JSON.
void csexport_handler::start_state_child(std::string_view name, const xml::attributes& attrs) {
    frame f{frame_kind::state};
    f.path_len = static_cast<std::uint32_t>(state_path_.size());
    state_path_ += '/';
    state_path_ += name;
    for (int i = 0; i < attrs.size(); ++i) {
        std::string key = fmt::format("{}/@{}", state_path_, attrs.name(i));
        rec().state.push_back({rec().text.add(key), rec().text.add(attrs.value(i))});
    }
    state_start_ = rec().text.begin();
    stack_.push_back(f);
}

void csexport_handler::on_start(std::string_view name, const xml::attributes& attrs,
                                std::int64_t line) {
    if (capture_out_) {
        ++capture_depth_;
        xml::append_start_tag(*capture_out_, name, attrs);
        return;
    }
    const el id = names_.lookup(name);
    if (stack_.empty()) {
        if (id == el::cs_objects) {
            stack_.push_back({frame_kind::root});
        } else if (id == el::cs_object) {
            start_object(attrs, line);  // a single cs-object as the root
        } else {
            reject(fmt::format(
                "expected <cs-objects> as the root element of a csexport file, found <{}>", name));
        }
        return;
    }
    frame& parent = stack_.back();
    parent.has_children = true;
    switch (parent.kind) {
        case frame_kind::root:
            if (id == el::cs_object) {
                start_object(attrs, line);
            } else {
                start_capture(extra_buf_, name, attrs, line, true);
            }
            return;
        case frame_kind::object:
            start_object_child(id, name, attrs, line);
            return;
        case frame_kind::delta_holder:
        case frame_kind::entry_holder: {
            const bool want =
                parent.kind == frame_kind::delta_holder ? id == el::delta : id == el::entry;
            bool duplicate = false;
            for (const auto& s : rec().sections)
                duplicate = duplicate || s.id == parent.section;
            if (want && !duplicate) {
                start_section(parent.section, attrs, line, id == el::delta);
            } else {
                start_capture(extra_buf_, name, attrs, line,
                              true);  // kept verbatim, not merged
            }
            return;
        }
        case frame_kind::section:
            start_section_child(id, name, attrs, line);
            return;
        case frame_kind::objectclass:
            if (id == el::oc_value) {
                rec().objectclasses.emplace_back();
                ++rec().sections.back().oc_count;
                start_leaf(&rec().objectclasses.back());
            } else {
                start_capture(extra_buf_, name, attrs, line, true);
            }
            return;
        case frame_kind::attr:
        case frame_kind::dn_attr:
            start_value(parent.kind == frame_kind::dn_attr, id, name, attrs, line);
            return;
        case frame_kind::dn_value:
            if (id == el::dn) {
                start_leaf(&rec().values.back().text);
            } else if (id == el::anchor) {
                start_leaf(&rec().values.back().anchor);
            } else {
                start_capture(extra_buf_, name, attrs, line, true);
            }
            return;
        case frame_kind::error:
        case frame_kind::error_part:
            start_error_child(id, name, attrs, line);
            return;
        case frame_kind::cd_error:
            start_cd_error_child(id, name, attrs, line);
            return;
        case frame_kind::links:
        case frame_kind::link_value:
            start_link_child(parent.kind, id, name, attrs, line);
            return;
        case frame_kind::state:
            start_state_child(name, attrs);
            return;
        case frame_kind::leaf:
        case frame_kind::value:
        case frame_kind::capture:
        case frame_kind::outside:
            // An element inside a text field: kept verbatim.
            start_capture(extra_buf_, name, attrs, line, true);
            return;
    }
}

void csexport_handler::on_text(std::string_view text) {
    if (capture_out_) {
        xml::append_escaped(*capture_out_, text, false);
    } else if (leaf_target_ || state_text_) {
        rec().text.append(text);
    }
}

void csexport_handler::on_end(std::string_view name) {
    if (capture_out_) {
        xml::append_end_tag(*capture_out_, name);
        if (--capture_depth_ > 0) return;
        if (capture_is_extra_) {
            if (!in_object_) {  // outside any cs-object: a record of its own
                rec_ = &sink_.next_record();
                rec().kind = record_kind::loose_extras;
            }
            rec().extras.push_back(
                {capture_line_, rec().text.add(capture_path_), rec().text.add(extra_buf_)});
            if (!in_object_) {
                sink_.submit();
                rec_ = nullptr;
            }
        }
        capture_out_ = nullptr;
        stack_.pop_back();
        return;
    }
    if (stack_.empty()) return;
    const frame f = stack_.back();
    stack_.pop_back();
    switch (f.kind) {
        case frame_kind::leaf:
            if (leaf_target_) *leaf_target_ = rec().text.end(leaf_start_);
            leaf_target_ = nullptr;
            break;
        case frame_kind::object:
            finish_object();
            break;
        case frame_kind::error: {
            error_rec& e = rec().errors.back();
            if (!detail_buf_.empty()) e.detail_xml = rec().text.add(detail_buf_);
            if (const auto src = source_of(name, e.line)) {
                e.has_source = true;
                e.source_line = src->first_line;
                e.source_cut = static_cast<std::uint32_t>(src->cut);
                e.source = rec().text.add(src->text);
            }
            break;
        }
        case frame_kind::state:
            if (!f.has_children) {
                text_ref value = rec().text.end(state_start_);
                text_ref key = rec().text.add(state_path_);
                rec().state.push_back({key, value});
            }
            state_path_.resize(f.path_len);
            state_text_ = !stack_.empty() && stack_.back().kind == frame_kind::state;
            state_start_ = rec().text.begin();
            break;
        default:
            break;
    }
}

void csexport_handler::finish_object() {
    const auto dn = rec().str(rec().head.cs_dn);
    if (is_guid_cn(dn)) {
        ++aad_votes_;
    } else if (dn::has_dc_rdn(dn)) {
        ++ad_votes_;
        if (tenant_hint_.empty()) tenant_hint_ = dn::dns_name(dn);
    }
    if (upn_domain_.empty() || connector_hint_.empty()) {
        if (connector_hint_.empty()) {
            auto hint = rec().str(rec().head.ma_name);
            if (hint.empty()) hint = rec().str(rec().head.ma_id);
            connector_hint_.assign(hint);
        }
        for (const auto& a : rec().attrs) {
            if (upn_domain_.empty() && rec().str(a.name) == "userPrincipalName" &&
                a.value_count > 0) {
                auto upn = rec().str(rec().values[a.first_value].text);
                auto at = upn.rfind('@');
                if (at != std::string_view::npos) upn_domain_.assign(upn.substr(at + 1));
            }
        }
    }
    sink_.submit();
    rec_ = nullptr;
    ++objects_;
    in_object_ = false;
}

}  // namespace csx::ingest
