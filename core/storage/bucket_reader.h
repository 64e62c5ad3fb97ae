// Reading one bucket: the cache and the segment files merged, tombstones and the retention
// cutoff applied (the rules are in engine.h). Shared by the engine's reader, compaction and
// the window statistics (window_stats.h).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/storage/engine.h"

namespace tidewater::storage {

using ScanFn = std::function<void(const SeriesKey&, std::string_view, const FieldColumn&)>;

// Where one series field's data lives: index entries of segments (oldest seq first) and its
// cache column (already cut to the range).
struct SeriesFieldSources {
  struct Part {
    const Engine::SegmentFile* seg;
    size_t entry;
  };
  SeriesKey key;
  std::vector<Part> parts;
  bool has_cache = false;
  FieldColumn cache_col;
};
using SourceMap = std::map<std::pair<std::string, std::string>, SeriesFieldSources>;  // (series id, field)

// Every series field matching filter with segment entries overlapping seg_range or cache
// values in range (cache may be null).
SourceMap collect_sources(const std::vector<const Engine::SegmentFile*>& segments, const TimeRange& seg_range,
                          const BucketCache* cache, const SeriesFilter& filter, const TimeRange& range);

// The range segment data is read over: range with the retention cutoff applied.
inline TimeRange segment_range(const TimeRange& range, int64_t retention_cutoff) {
  return TimeRange{std::max(range.start, retention_cutoff), range.stop};
}

// True when tombstone t hides the series field's values in the segment with this seq.
bool tombstone_applies(const Engine::Tombstone& t, uint64_t segment_seq, const SeriesKey& key, std::string_view field);

// Merges segments (in the given order, oldest first) and optionally a cache into one ordered
// stream of series field columns, applying tombstones and the retention cutoff to segment
// data. Blocks that fail to decode are skipped and named in errors (when given).
void merged_scan(const std::vector<const Engine::SegmentFile*>& segments, const std::vector<Engine::Tombstone>& tombstones,
                 int64_t retention_cutoff, const BucketCache* cache, const SeriesFilter& filter, const TimeRange& range,
                 const ScanFn& fn, std::vector<std::string>* errors);

// The engine reader's scan_keys over the same sources as merged_scan (series_keys.cpp).
void keys_scan(const std::vector<const Engine::SegmentFile*>& segments, const std::vector<Engine::Tombstone>& tombstones,
               int64_t retention_cutoff, const BucketCache* cache, const SeriesFilter& filter, const TimeRange& range,
               const SeriesKeyFn& fn);

// A reader over the bucket as it is when each call runs; null reads as empty.
std::unique_ptr<BucketReader> make_bucket_reader(const Engine::Bucket* bucket);

}  // namespace tidewater::storage
