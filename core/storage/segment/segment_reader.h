// Reads one segment file (format: segment_format.h) held in memory.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/model/status.h"
#include "core/storage/encoding/block.h"
#include "core/storage/segment/segment_format.h"

namespace tidewater::storage::segment {

struct BlockRef {
  uint64_t offset = 0, length = 0;
  int64_t min_time = 0, max_time = 0;
  uint64_t count = 0;
};

// One series field of a segment: its key, type and blocks in time order.
struct SegmentEntry {
  std::string id;  // series_id(key)
  SeriesKey key;
  std::string field;
  model::FieldType type = model::FieldType::kFloat;
  std::vector<BlockRef> blocks;
  int64_t min_time() const { return blocks.front().min_time; }
  int64_t max_time() const { return blocks.back().max_time; }
};

class SegmentReader {
 public:
  // Verifies header, footer and both checksums and parses the index; any damage is an error
  // naming the file (never a crash, never an out-of-bounds read).
  static Result<std::shared_ptr<SegmentReader>> open(std::string bytes, std::string name = "segment");
  static Result<std::shared_ptr<SegmentReader>> open_file(const std::string& path);

  const std::string& name() const { return name_; }
  // In (series id, field) order.
  const std::vector<SegmentEntry>& entries() const { return entries_; }
  // Indexes of the entries matching filter (measurement, tags, field), in entry order.
  std::vector<size_t> find(const SeriesFilter& filter) const;
  // Appends to out (type set) the entry's values in [range.start, range.stop), decoding only
  // the blocks whose [min, max] time overlaps the range.
  Status read(size_t entry, const TimeRange& range, FieldColumn* out) const;
  // Decodes block `block` of the entry whole into out (replacing its contents).
  Status read_block(size_t entry, size_t block, FieldColumn* out) const;
  // Reads only the block's header statistics (the file's checksum was verified at open).
  Status read_block_stats(size_t entry, size_t block, encoding::BlockStats* out) const;

  int64_t min_time() const { return min_time_; }
  int64_t max_time() const { return max_time_; }
  size_t value_count() const { return values_; }
  size_t size_bytes() const { return bytes_.size(); }
  // How many blocks read() has decoded so far (tests check range reads skip blocks).
  size_t blocks_decoded() const { return blocks_decoded_; }

 private:
  std::string name_;
  std::string bytes_;
  std::vector<SegmentEntry> entries_;
  int64_t min_time_ = model::kMaxTime, max_time_ = model::kMinTime;
  size_t values_ = 0;
  mutable size_t blocks_decoded_ = 0;
};

}  // namespace tidewater::storage::segment
