// graph_json_handler: Microsoft Graph JSON holding onPremisesProvisioningErrors: a page
// ({"@odata.context": ..., "value": [objects]}), a bare array of objects, or one object.
// Also the tenant's domains (GET /v1.0/domains, `Get-MgDomain | ConvertTo-Json`): an object
// with isVerified (any case) or on a #domains page becomes a tenant_domain row, not a
// cloud_object (the pre-flight rules read the verified domains).
//
// Every object becomes a cloud_object (id, type, displayName, UPN, mail, immutable id,
// proxyAddresses, every other property as JSON) and each of its provisioning errors a
// provisioning_error row. Objects without errors are kept too: they may hold the other side
// of a conflict. Input of any accepted encoding is decoded to UTF-8 first (text::text_decoder).
//
// Each error item is also kept as the file writes it (provisioning_error.source_text, at most
// kSourceTextCap bytes): the report shows that, not a re-serialisation, as its evidence, so
// what an engineer reads there is what the export says (offset, seven-digit fractions,
// @odata.type and all) and still readable where the file is not.
#pragma once

#include <string>
#include <vector>

#include "ingest/file_handler.hpp"
#include "ingest/input_kind.hpp"
#include "text/json_reader.hpp"
#include "text/text_decoder.hpp"
#include "store/table_writer.hpp"

namespace csx::ingest {

class graph_json_handler final : public file_handler, private text::json_events {
public:
    // Bytes of one error item's source text kept; a real item is about 250 bytes.
    static constexpr std::size_t kSourceTextCap = 8 * 1024;

    graph_json_handler(text_encoding enc, store::table_writer& w, std::int64_t file_id);

    bool feed(std::string_view bytes) override;
    bool finish() override;
    const std::optional<damage>& failure() const override;
    std::int64_t records() const override { return objects_; }
    file_facts facts() const override;

private:
    struct error_fields {
        std::int64_t line = 0;
        std::string category, occurred, property, value;
        text::json_reader::capture source;  // the item as the file writes it
    };

    void start_object(std::int64_t line) override;
    void end_object() override;
    void start_array(std::int64_t line) override;
    void end_array() override;
    void key(std::string_view k) override;
    void scalar(text::json_scalar kind, std::string_view value, std::int64_t line) override;

    void begin_record(std::int64_t line);
    void finish_record();
    void props_separator();
    void props_scalar(text::json_scalar kind, std::string_view value);

    // What the events at the current position belong to.
    enum class sub : std::uint8_t { none, proxies, errors, error_item, props };

    store::table_writer& w_;
    std::int64_t file_id_;
    text::text_decoder decoder_;
    text::json_reader reader_;
    std::string utf8_;
    std::optional<damage> decode_damage_;
    std::optional<damage> time_damage_;  // an occurredDateTime that names no existing date

    std::vector<char> stack_;   // open containers: '{' or '['
    std::string key_;           // the last key read
    bool page_ = false;         // root is {"value": [...]}
    std::string context_type_;  // object type from @odata.context

    // The directory object being read (at depth record_depth_).
    bool in_record_ = false;
    std::size_t record_depth_ = 0;
    std::int64_t record_line_ = 0;
    std::string id_, type_, display_name_, upn_, mail_, immutable_id_;
    // A domain object (GET /domains, Get-MgDomain): isVerified / isDefault / isInitial, "" when
    // absent; is_domain_: the record named one of them (or the page is #domains).
    std::string is_verified_, is_default_, is_initial_;
    bool is_domain_ = false;
    std::vector<std::string> proxies_;
    std::vector<error_fields> errors_;
    std::string props_;
    std::vector<bool> props_first_;  // per open container in props_: no element written yet
    sub sub_ = sub::none;
    std::size_t sub_depth_ = 0;  // stack depth at which the current sub-structure opened

    std::int64_t objects_ = 0;
    std::string upn_domain_;
};

}  // namespace csx::ingest
