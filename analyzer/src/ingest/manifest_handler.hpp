// manifest_handler: the manifest.json of a `csx collect` bundle (analyzer/collect/collect.ps1;
// README "The collection manifest").
//
// One small JSON object ({"csx_collect": 1, ...}, at most a few hundred KiB), read whole and
// taken apart with SQLite's JSON functions: collect_run (versions, server, time, options, the
// install folder), collect_item (every step of the collection with its command and status:
// what failed is "collection could not read X" in every answer's data read), and a `connector`
// row per connector Get-ADSyncConnector listed (name, id, type, the AD connector's account, its
// domain partitions), so the connector names and the account for the commands are known even
// when the configuration export failed. Each csexport it lists names its connector: a dump of
// the bundle read before the manifest gets that connector as its hint here, one read after it
// from the ingester (an empty errors-only dump names none itself).
#pragma once

#include <string>

#include "ingest/file_handler.hpp"
#include "ingest/input_kind.hpp"
#include "store/table_writer.hpp"
#include "text/text_decoder.hpp"

namespace csx::ingest {

class manifest_handler final : public file_handler {
public:
    // `path`: the manifest's own provenance (bundle.zip!/manifest.json): the files it lists are
    // its siblings, named the same way.
    manifest_handler(text_encoding enc, store::table_writer& w, std::int64_t file_id,
                     std::string path);

    bool feed(std::string_view bytes) override;
    bool finish() override;
    const std::optional<damage>& failure() const override { return damage_; }
    std::int64_t records() const override { return records_; }
    file_facts facts() const override { return facts_; }

    // A manifest is small; anything past this is no manifest csx collect wrote.
    static constexpr std::size_t kMaxBytes = 16u << 20;

private:
    bool fail(std::string message);

    store::table_writer& w_;
    std::int64_t file_id_;
    std::string dir_;  // the manifest's path up to and including its last '/'
    text::text_decoder decoder_;
    std::string text_;
    std::optional<damage> damage_;
    std::int64_t records_ = 0;
    file_facts facts_;
};

}  // namespace csx::ingest
