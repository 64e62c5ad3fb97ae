#include "core/storage/segment/segment_writer.h"

#include <algorithm>

#include "core/storage/encoding/block.h"
#include "core/util/coding.h"
#include "core/util/crc32c.h"
#include "core/util/file.h"

namespace tidewater::storage::segment {

SegmentWriter::SegmentWriter() {
  util::put_fixed32(data_, kSegmentMagic);
  util::put_fixed32(data_, kSegmentVersion);
}

void SegmentWriter::add(const SeriesKey& key, std::string_view field, const FieldColumn& col) {
  if (col.size() == 0) return;
  Entry e{series_id(key), key, std::string(field), col.type, {}};
  for (size_t begin = 0; begin < col.size();) {
    const size_t offset = data_.size();
    const size_t n = encoding::encode_block(col, begin, std::min(col.size(), begin + kPointsPerBlock), &data_);
    if (n == 0) break;  // cannot happen for a non-empty range; never loop forever
    e.blocks.push_back(BlockRef{offset, data_.size() - offset, col.times[begin], col.times[begin + n - 1], n});
    begin += n;
    values_ += n;
  }
  entries_.push_back(std::move(e));
}

std::string SegmentWriter::finish() {
  std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    return a.id != b.id ? a.id < b.id : a.field < b.field;
  });
  std::string index;
  util::put_varint(index, entries_.size());
  for (const auto& e : entries_) {
    util::put_string(index, e.key.measurement);
    util::put_varint(index, e.key.tags.size());
    for (const auto& t : e.key.tags) {
      util::put_string(index, t.key);
      util::put_string(index, t.value);
    }
    util::put_string(index, e.field);
    index.push_back(static_cast<char>(e.type));
    util::put_varint(index, e.blocks.size());
    for (const auto& b : e.blocks) {
      util::put_varint(index, b.offset);
      util::put_varint(index, b.length);
      util::put_varint(index, util::zigzag(b.min_time));
      util::put_varint(index, util::zigzag(b.max_time));
      util::put_varint(index, b.count);
    }
  }
  std::string out = std::move(data_);
  const uint32_t data_crc = util::crc32c(out);
  const uint64_t index_offset = out.size();
  out += index;
  util::put_fixed64(out, index_offset);
  util::put_fixed64(out, index.size());
  util::put_fixed32(out, util::crc32c(index));
  util::put_fixed32(out, data_crc);
  util::put_fixed32(out, kSegmentMagic);
  data_.clear();
  entries_.clear();
  return out;
}

Status write_segment_file(const std::string& path, std::string_view bytes) {
  return util::write_file_atomic(path, bytes);
}

}  // namespace tidewater::storage::segment
