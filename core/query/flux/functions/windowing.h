// How window() and aggregateWindow() cut time into windows: the windows' bounds, and which rows
// of a table fall in each, shared by the table-per-window path and aggregateWindow's direct one.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/value.h"
#include "core/query/table.h"
#include "core/storage/series.h"

namespace tidewater::query::flux {

// Windows of `period` starting every `every`, aligned to the Unix epoch plus `offset`.
struct WindowSpec {
  DurationValue every, period, offset;

  bool infinite() const { return is_infinite(every); }
  int64_t stop_of(int64_t start) const { return add_duration(start, period); }
  int64_t next(int64_t start) const { return add_duration(start, every); }
  int64_t prev(int64_t start) const { return add_duration(start, DurationValue{-every.months, -every.nanos}); }
  // The start of the last window that starts at or before t.
  int64_t latest_start(int64_t t) const;
};

struct WindowBounds {
  int64_t start, stop;
};

// One window of a table: its bounds (clipped to the range) and its rows, in row order.
struct WindowRows {
  WindowBounds bounds;
  std::vector<size_t> rows;
};

// The windows of a table whose time column is `time` (type time), ordered by window start:
// those holding rows, and with create_empty also the empty ones overlapping the range. Rows
// with a null time or a time outside the range belong to none.
std::vector<WindowRows> window_rows(const Column& time, const WindowSpec& w, const std::optional<storage::TimeRange>& range,
                                    bool create_empty);

}  // namespace tidewater::query::flux
