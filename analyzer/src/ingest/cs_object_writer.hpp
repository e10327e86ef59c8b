// cs_object_writer: writes cs_object_records into the csexport tables (cs_object, delta,
// delta_value, hologram, attr_value, sync_error, mv_link, extra_element).
//
// The hot path of a large ingest: prepared statements reused, text bound without copies,
// object ids allocated here (contiguous per file), non-indexed hologram values packed into one
// JSON text per hologram, indexed values one row each.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ingest/attr_names.hpp"
#include "ingest/directory_writer.hpp"
#include "ingest/file_handler.hpp"
#include "ingest/cs_object_sink.hpp"
#include "ingest/object_value_writer.hpp"
#include "store/statement.hpp"

namespace csx::store {
class db;
}

namespace csx::ingest {

class cs_object_writer final : public cs_object_sink {
public:
    cs_object_writer(store::db& d, attr_names& names);

    // Must be called inside the file's transaction, before the first record.
    void begin_file(std::int64_t file_id);

    // Writes one record (an object, or loose extras) now.
    void write(const cs_object_record& rec);

    // After the file's last record: writes the per-file summaries (file_attr).
    void end_file();
    // The newest import/export delta time or error date of the file's objects ("" when none).
    const std::string& newest_time() const { return newest_; }
    // The file's first time that names no existing date (kept as written): the file is partial.
    // Read after the pipeline finished (the writer thread sets it).
    const std::optional<damage>& time_damage() const { return time_damage_; }

    // cs_object_sink, for single-threaded use: each submitted record is written at once.
    cs_object_record& next_record() override;
    void submit() override;

private:
    void write_extras(const cs_object_record& rec, std::int64_t object_id);
    void write_section(const cs_object_record& rec, const section_rec& s, std::int64_t object_id);
    void write_error(const cs_object_record& rec, const error_rec& e, std::int64_t object_id);
    // An AD object's synchronized hologram: its SID, group links, adminCount ... (ad_principal).
    void write_directory(const cs_object_record& rec, const section_rec& s);

    store::db& db_;
    attr_names& names_;
    std::int64_t file_id_ = 0;
    std::int64_t next_object_id_ = 1;
    cs_object_record own_;

    store::statement object_, delta_, delta_value_, hologram_, attr_value_, error_, link_, extra_;
    std::string json_, state_json_, oc_json_, address_, held_;
    std::optional<directory_writer> directory_;
    object_value_writer values_;
    directory_entry entry_;
    void note_time(const std::string& t);
    void bind_time(store::statement& st, int i, std::string_view s, std::string& buf,
                   std::int64_t line, std::string_view what);
    std::optional<damage> time_damage_;
    std::string newest_;
    std::string time_[3];  // normalised times bound without a copy (up to three per statement)
    std::vector<std::pair<std::int64_t, std::int64_t>> ord_;  // per section: (name_id, next ord)
    std::unordered_map<std::int64_t, std::int64_t>
        holders_;  // name_id -> objects holding it (file_attr)
};

}  // namespace csx::ingest
