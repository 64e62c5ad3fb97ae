// Builds one segment file (format: segment_format.h) from series field columns.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model/status.h"
#include "core/storage/segment/segment_format.h"

namespace tidewater::storage::segment {

class SegmentWriter {
 public:
  SegmentWriter();
  // Appends the column's values (time-sorted, unique times) as blocks of ≤ kPointsPerBlock.
  // Series fields may come in any order; an empty column is ignored.
  void add(const SeriesKey& key, std::string_view field, const FieldColumn& col);
  bool empty() const { return entries_.empty(); }
  size_t value_count() const { return values_; }
  // Writes the index and footer and returns the whole file.
  std::string finish();

 private:
  struct BlockRef {
    uint64_t offset, length;
    int64_t min_time, max_time;
    uint64_t count;
  };
  struct Entry {
    std::string id;
    SeriesKey key;
    std::string field;
    model::FieldType type;
    std::vector<BlockRef> blocks;
  };
  std::string data_;
  std::vector<Entry> entries_;
  size_t values_ = 0;
};

// Writes the file to path.tmp, fsyncs and renames it to path.
Status write_segment_file(const std::string& path, std::string_view bytes);

}  // namespace tidewater::storage::segment
