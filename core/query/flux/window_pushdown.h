// Pushes aggregates into storage's window statistics (BucketReader::scan_windows).
//
// The idea: for an aggregate f among count, sum, mean, min, max, first and last, a window's
// f over all its values equals f over one row that already holds the window's statistic
// (count's rows hold counts, which the caller then sums). So instead of reading every value,
// the read yields, per series and window, one row shaped exactly like a storage row (same
// columns, key and order) carrying the statistic, and the unchanged aggregate (or
// aggregateWindow) runs on those few rows. The output is the same tables by construction.
// Series whose type has no such statistic (strings and booleans, except for count) are read
// raw. A group() between the read and the aggregate is kept when the statistic combines
// across series; for mean, which does not, each series window carries its sum and count and
// the rows of one group and window are combined before the mean runs.
#pragma once

#include <memory>
#include <optional>

#include "core/query/flux/stream.h"

namespace tidewater::query::flux {

enum class StatKind { kCount, kSum, kMean, kMin, kMax, kFirst, kLast };

// The statistic a universe aggregate function stands for, if fn is one.
std::optional<StatKind> stat_kind_of(const Function& fn);

// The reduced stream standing for `input` under `kind` over windows of `every` ns aligned at
// `offset` (every <= 0: the whole range), or null when input is not a storage read (plus an
// optional group()) with only series-level residual predicates.
std::shared_ptr<const TableStream> window_stats_stream(const std::shared_ptr<const TableStream>& input, StatKind kind,
                                                       int64_t every, int64_t offset);

// Wraps a bare aggregate builtin: over a pushable read it calls on_stats with the reduced
// stream instead (the same function, or sum for count); otherwise fn as is.
BuiltinFn with_window_stats(BuiltinFn fn, BuiltinFn on_stats, StatKind kind);

// group() over a storage read: remembers both so an aggregate can push under the grouping.
class GroupedRead : public DerivedStream {
 public:
  GroupedRead(std::shared_ptr<const StorageRead> read, Transform regroup)
      : DerivedStream(read, regroup), read_(std::move(read)), regroup_(std::move(regroup)) {}
  const std::shared_ptr<const StorageRead>& read() const { return read_; }
  const Transform& regroup() const { return regroup_; }

 private:
  std::shared_ptr<const StorageRead> read_;
  Transform regroup_;
};

}  // namespace tidewater::query::flux
