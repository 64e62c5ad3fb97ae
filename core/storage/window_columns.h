// Per-window aggregates of one series field: what BucketReader::scan_windows hands out.
//
// Windows are aligned as Flux's window()/aggregateWindow() align them: boundaries at
// offset + k * every (k any integer, counted from the Unix epoch), each window [start,
// start + every); the first and last windows are clipped to the query range. `every` is a
// fixed duration in nanoseconds (calendar units such as 1mo are the caller's business).
// every <= 0 means one window covering the whole range (a plain aggregate).
#pragma once

#include <cstdint>
#include <vector>

#include "core/model/point.h"

namespace tidewater::storage {

// sum, min, max, first and last of each window, in the field's own type.
template <typename T>
struct WindowAggregates {
  std::vector<T> sum, min, max, first, last;
};

// One entry per window that holds at least one value, in time order (empty windows, which
// aggregateWindow(createEmpty: true) shows, are not listed: window_bounds() enumerates them).
// Every vector of the field's type has size() entries; the other types' stay empty.
//
// Semantics (the same whether a block's stored statistics or its decoded values were used):
//   count       number of values
//   first_time  time of the window's earliest value, last_time of its latest (every type)
//   sum         integers and unsigneds wrap on overflow (as Go's int64/uint64 do); floats add
//               in time order, but a block wholly inside the window adds as its stored
//               partial sum, so the last bits can differ from a value-by-value sum
//   min, max    floats ignore NaN (NaN only when every value is NaN)
//   first/last  the values at first_time / last_time
// Strings and booleans get count, first_time and last_time only.
struct WindowColumns {
  model::FieldType type = model::FieldType::kFloat;
  std::vector<int64_t> start, stop;  // window bounds, clipped to the query range
  std::vector<int64_t> count;
  std::vector<int64_t> first_time, last_time;
  WindowAggregates<double> floats;       // kFloat
  WindowAggregates<int64_t> integers;    // kInteger
  WindowAggregates<uint64_t> unsigneds;  // kUnsigned
  size_t size() const { return start.size(); }
};

// The unclipped start of the window holding t: the largest offset + k * every <= t
// (saturating at the int64 limits). Requires every > 0.
int64_t window_start(int64_t t, int64_t every, int64_t offset);

// The window holding t, clipped to [range_start, range_stop): {start, stop}. With every <= 0,
// the whole range.
struct WindowBounds {
  int64_t start, stop;
};
WindowBounds window_bounds(int64_t t, int64_t range_start, int64_t range_stop, int64_t every, int64_t offset);

}  // namespace tidewater::storage
