#include "ingest/cs_object_pipeline.hpp"

#include <vector>

#include "ingest/cs_object_writer.hpp"

namespace csx::ingest {

cs_object_pipeline::cs_object_pipeline(cs_object_writer& writer, std::size_t pool_size)
    : records_(
          std::vector<cs_object_record>(pool_size),
          [&writer](cs_object_record& r) {
              writer.write(r);
              r.clear();  // keeps its capacity for the next object
          },
          "csx-writer", kBatch) {}

}  // namespace csx::ingest
