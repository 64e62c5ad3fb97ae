// Window aggregates (window_columns.h) computed from block statistics where they suffice.
//
// A segment block's stored statistics (count, sum, min, max, first, last) stand for its values
// when nothing can change what those values contribute:
//   - the block lies inside the range (and the retention cutoff does not cut it) and inside
//     one window;
//   - no tombstone newer than its segment matches its series field and overlaps its times;
//   - no other source of the series field (another segment's block, the cache) has a value
//     within its [min time, max time]: such a value could override one of its values or be
//     overridden by it.
// Every other block is decoded and merged with the cache as scan() merges them. Values of
// clean blocks and of the merged rest never share a time, so they interleave by time into
// the windows.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "core/storage/encoding/block.h"
#include "core/storage/engine.h"

namespace tidewater::storage {

using WindowFn = std::function<void(const SeriesKey&, std::string_view, const WindowColumns&)>;

// Builds one series field's WindowColumns from values and block statistics arriving in time
// order.
class WindowBuilder {
 public:
  WindowBuilder(model::FieldType type, const TimeRange& range, int64_t every, int64_t offset);
  // Values [lo, hi) of col (of the builder's type), all in range and later than anything added.
  void add_values(const FieldColumn& col, size_t lo, size_t hi);
  // A whole block's statistics; the block lies in one window, later than anything added.
  void add_block(const encoding::BlockStats& stats);
  bool same_window(int64_t a, int64_t b) const;
  const WindowColumns& columns() const { return out_; }

 private:
  // Makes the window holding t current; true when it is a new window (t is its first value).
  bool enter(int64_t t);
  template <typename T>
  void add(WindowAggregates<T>& agg, bool fresh, int64_t n, T sum, T min, T max, T first, T last);

  TimeRange range_;
  int64_t every_, offset_;
  int64_t window_stop_ = 0;  // unclipped stop of the current window
  WindowColumns out_;
};

// Computes the windows of one time-ordered column cut to range (the default scan_windows).
WindowColumns compute_windows(const FieldColumn& col, const TimeRange& range, int64_t every, int64_t offset);

// The engine reader's scan_windows over segments (oldest first), tombstones, the retention
// cutoff and the cache (as merged_scan in bucket_reader.h).
void window_scan(const std::vector<const Engine::SegmentFile*>& segments, const std::vector<Engine::Tombstone>& tombstones,
                 int64_t retention_cutoff, const BucketCache* cache, const SeriesFilter& filter, const TimeRange& range,
                 int64_t every, int64_t offset, const WindowFn& fn);

// How many blocks the calling thread's window scans took from statistics or decoded (tests).
struct WindowScanCounters {
  size_t blocks_from_stats = 0;
  size_t blocks_decoded = 0;
};
WindowScanCounters& window_scan_counters();

}  // namespace tidewater::storage
