// Pieces shared by the SELECT executor's files (select_exec.cpp, select_agg.cpp).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/query/influxql/data.h"
#include "core/query/influxql/functions.h"
#include "core/query/influxql/select.h"

namespace tidewater::influxql {

// Series sharing the values of the GROUP BY tags.
struct Group {
  std::vector<std::pair<std::string, std::string>> tags;
  std::vector<const SeriesData*> series;
};

// One output row's source: the series and time it reads (series null for window rows).
struct RowRef {
  const SeriesData* series;
  int64_t time;
};

// Name lookup on one series at one time. For conditions a tag the series lacks reads as ""
// (InfluxQL's rule); in output it is null.
Value lookup_at(const MeasurementData& m, const SeriesData& s, int64_t t, const Expr& v, bool for_condition);
// Whether the WHERE clause (without its time terms) holds on the series at time t.
bool passes(const SelectRun& run, const MeasurementData& m, const SeriesData& s, int64_t t);
// The integer or duration literal of a call's i-th argument, or dflt.
int64_t numeric_arg(const Expr& call, size_t i, int64_t dflt);

// Per-row inputs of column evaluation.
struct ColumnCtx {
  const MeasurementData* m;
  std::vector<int64_t> times;
  std::vector<RowRef> rows;                            // raw mode, and aux fields of a selector
  std::map<const Expr*, std::vector<Value>> computed;  // aggregate calls' values per row
  int64_t default_derivative_unit = 1000000000LL;
};

// GROUP BY time windows (one window without an interval).
struct Windows {
  std::vector<int64_t> starts;
  int64_t interval = 0;
  // The window holding t, or -1.
  long index(int64_t t) const {
    if (interval <= 0) return 0;
    if (starts.empty() || t < starts.front()) return -1;
    long i = static_cast<long>((t - starts.front()) / interval);
    return i < static_cast<long>(starts.size()) ? i : -1;
  }
};

// Computes the aggregate calls of one group per window, applies fill(), and sets the rows'
// times and the calls' values in ctx. False when the group has no points at all.
bool aggregate_group(const SelectRun& run, const MeasurementData& m, const Group& g,
                     const std::vector<const Expr*>& agg_calls, const Windows& windows, ColumnCtx* ctx);

}  // namespace tidewater::influxql
