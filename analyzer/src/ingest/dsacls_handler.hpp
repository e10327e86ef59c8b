// dsacls_handler: a saved `dsacls "<DN>"` output (cmd: OEM/ANSI or UTF-8; PowerShell 5.1
// redirection: UTF-16LE) into acl / acl_entry rows (schema/009_acl.sql).
//
// Each output is written as it is read (an acl row at its start, its ACEs one by one), so a
// file of any size is read in bounded memory. The object's DN comes from the command line in
// the file; an output without one takes `csx ingest --object DN`. An output that stops before
// "The command completed successfully" is kept but marked incomplete (it cannot prove an ACE
// absent) and makes the file partial.
#pragma once

#include <string>

#include "ingest/dsacls_reader.hpp"
#include "ingest/file_handler.hpp"
#include "ingest/input_kind.hpp"
#include "text/text_decoder.hpp"
#include "store/table_writer.hpp"

namespace csx::ingest {

class dsacls_handler final : public file_handler, private dsacls_events {
public:
    dsacls_handler(text_encoding enc, store::table_writer& w, std::int64_t file_id,
                   std::string object_dn);

    bool feed(std::string_view bytes) override;
    bool finish() override;
    const std::optional<damage>& failure() const override { return damage_; }
    std::int64_t records() const override { return reader_.outputs(); }
    file_facts facts() const override;

private:
    void acl_begin(const acl_head& head) override;
    void ace(const acl_ace& a) override;
    void acl_end(const acl_head& head) override;
    const std::string& dn_for(const acl_head& head) const;

    store::table_writer& w_;
    std::int64_t file_id_;
    std::string option_dn_;
    text::text_decoder decoder_;
    dsacls_reader reader_;
    std::string utf8_;
    std::optional<damage> damage_;
    std::int64_t acl_id_ = 0;
    std::int64_t ord_ = 0;
    std::string first_dn_;
};

}  // namespace csx::ingest
