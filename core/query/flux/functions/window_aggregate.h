// aggregateWindow(fn: count | sum | mean | first | last | min | max) computed per window right
// on the columns, into one output table per input table.
//
// The general path builds a table per window, lets fn reduce it, then merges the windows back:
// tens of microseconds a window, so a dashboard Graph cell of 50,000 windows (one per pixel per
// series) took seconds. Here each window runs the very reducer or row chooser those functions
// use (aggregate.h) over its rows, and the output is laid out as the general path leaves it:
// the same key, columns, column order and rows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/query/flux/functions/windowing.h"
#include "core/query/flux/window_pushdown.h"

namespace tidewater::query::flux {

struct WindowAggregate {
  StatKind kind;
  WindowSpec spec;
  storage::TimeRange range;  // the stream's bounds: windows are clipped to them
  bool create_empty = true;
  std::string column;        // the aggregated column; timeSrc is _stop and timeDst _time
};

// aggregateWindow's tables, or nullopt when a table has a shape this path does not cover
// (columns besides the group key, _time and `column`; `column` in the key; _time not a time)
// or two tables would merge into one.
std::optional<Result<std::vector<Table>>> aggregate_windows_directly(const std::vector<Table>& tables,
                                                                     const WindowAggregate& agg, const Span& span);

}  // namespace tidewater::query::flux
