// BucketReader::scan_keys: which series fields hold values in a range, from the segment
// indexes (block time bounds) and the cache's keys instead of decoded values.
//
// A segment block whose [min time, max time] overlaps the range has a value in it when its
// min or its max lies inside (both are real value times), unless a tombstone newer than its
// segment may have removed that value. Only the other blocks (those spanning the whole range,
// or touched by a tombstone) are decoded, cut and checked as scan() would.
#include "core/storage/bucket_reader.h"

namespace tidewater::storage {
namespace {

// True when the segment part holds a value of the series field in range after tombstones.
bool series_keys_part_has_values(const SeriesFieldSources::Part& part, const SeriesKey& key, const std::string& field,
                                 const std::vector<Engine::Tombstone>& tombstones, const TimeRange& range,
                                 FieldColumn* block) {
  const segment::SegmentEntry& e = part.seg->reader->entries()[part.entry];
  std::vector<const Engine::Tombstone*> applying;
  for (const auto& t : tombstones) {
    if (tombstone_applies(t, part.seg->seq, key, field)) applying.push_back(&t);
  }
  for (size_t bi = 0; bi < e.blocks.size(); ++bi) {
    const segment::BlockRef& blk = e.blocks[bi];
    if (blk.max_time < range.start || blk.min_time >= range.stop) continue;
    bool touched = false;
    for (const auto* t : applying) touched = touched || (t->del.range.start <= blk.max_time && t->del.range.stop > blk.min_time);
    if (!touched && (blk.min_time >= range.start || blk.max_time < range.stop)) return true;
    if (!part.seg->reader->read_block(part.entry, bi, block).ok()) continue;  // as scan(): left out
    for (const auto* t : applying) segment::remove_range(*block, t->del.range);
    for (int64_t t : block->times) {
      if (t >= range.start && t < range.stop) return true;
    }
  }
  return false;
}

}  // namespace

void BucketReader::scan_keys(const SeriesFilter& filter, const TimeRange& range, const SeriesKeyFn& fn) const {
  scan(filter, range, [&](const SeriesKey& key, std::string_view field, const FieldColumn& col) { fn(key, field, col.type); });
}

void keys_scan(const std::vector<const Engine::SegmentFile*>& segments, const std::vector<Engine::Tombstone>& tombstones,
               int64_t retention_cutoff, const BucketCache* cache, const SeriesFilter& filter, const TimeRange& range,
               const SeriesKeyFn& fn) {
  if (range.start >= range.stop) return;
  const TimeRange seg_range = segment_range(range, retention_cutoff);
  SourceMap items = collect_sources(segments, seg_range, nullptr, filter, range);
  if (cache) {
    cache->scan_keys(filter, range, [&](const SeriesKey& key, std::string_view field, model::FieldType type) {
      SeriesFieldSources& item = items[{segment::series_id(key), std::string(field)}];
      if (item.parts.empty()) item.key = key;
      item.has_cache = true;
      item.cache_col.type = type;
    });
  }
  FieldColumn block;
  for (const auto& [id_field, item] : items) {
    if (item.has_cache) {  // the newest source
      fn(item.key, id_field.second, item.cache_col.type);
      continue;
    }
    for (auto part = item.parts.rbegin(); part != item.parts.rend(); ++part) {
      if (series_keys_part_has_values(*part, item.key, id_field.second, tombstones, seg_range, &block)) {
        fn(item.key, id_field.second, part->seg->reader->entries()[part->entry].type);
        break;
      }
    }
  }
}

}  // namespace tidewater::storage
