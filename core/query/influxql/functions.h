// InfluxQL functions: aggregates and selectors over the points of one window, transformations
// over a sequence of rows, and per-value math.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/query/influxql/result.h"

namespace tidewater::influxql {

struct TimedValue {
  int64_t time;
  Value value;
};

enum class FunctionKind { kNone, kAggregate, kSelector, kMultiRow, kTransform, kMath };
FunctionKind function_kind(std::string_view name);

// Reduces the points of one window (in time order). `param` is the numeric second argument
// (percentile N, integral unit in ns). Selectors also report the selected point's time.
// An empty window gives null, except count (0).
struct Reduced {
  Value value;
  int64_t time = 0;
  bool has_time = false;
};
Reduced reduce(std::string_view name, const std::vector<TimedValue>& points, double param);

// distinct, top, bottom, sample: several points per window (time order for top/bottom/sample,
// value order for distinct).
std::vector<TimedValue> reduce_multi(std::string_view name, const std::vector<TimedValue>& points, int64_t n);

// derivative, non_negative_derivative, difference, non_negative_difference, moving_average,
// cumulative_sum, elapsed over a column (nulls skipped); the output is aligned with the input
// rows, null where the function emits nothing. `param` is the unit (ns) or the window size.
// exponential_moving_average(x, period[, hold_period]) takes `hold` (-1: period - 1).
std::vector<Value> transform(std::string_view name, const std::vector<int64_t>& times,
                             const std::vector<Value>& in, int64_t param, int64_t hold = -1);

// abs, ceil, floor, round, sqrt, ln, log, log2, log10, exp, pow, sin, cos, tan, asin, acos,
// atan, atan2 on one value (null in, null out).
Value apply_math(std::string_view name, const Value& v, const Value& arg);

}  // namespace tidewater::influxql
