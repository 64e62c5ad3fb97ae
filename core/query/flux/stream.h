// Table streams: the lazily evaluated sequences of tables Flux transformations pass along.
//
// Laziness is what lets the planner push work into storage: `from()` returns a StorageRead
// that `range()` and `filter()` refine (time range, series predicates) instead of reading
// everything and filtering afterwards. Any other transformation materializes its input and
// returns a DerivedStream. Results are computed once and cached.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/model/status.h"
#include "core/query/flux/value.h"
#include "core/query/table.h"
#include "core/storage/series.h"

namespace tidewater::query::flux {

class TableStream {
 public:
  virtual ~TableStream() = default;
  // The tables, computed on first use.
  Result<std::vector<Table>> tables(Interpreter& interp) const;
  // The same for a consumer that holds the only reference to this stream: the tables are
  // moved out (or computed without caching) instead of copied.
  Result<std::vector<Table>> consume(Interpreter& interp, bool sole_consumer) const;
  // The time bounds the stream was read with (Flux's stream context: set by range(), kept by
  // transformations). window() clips to them and aggregateWindow() restores them.
  virtual std::optional<storage::TimeRange> bounds() const { return std::nullopt; }

 protected:
  virtual Result<std::vector<Table>> compute(Interpreter& interp) const = 0;

 private:
  Result<std::vector<Table>> compute_charged(Interpreter& interp) const;
  mutable std::optional<Result<std::vector<Table>>> cache_;
};

// A row predicate kept for evaluation after the read (a filter's fn).
struct RowPredicate {
  std::shared_ptr<const Function> fn;
  Span span;
  // The tables are single series and fn reads only series columns: one call per table decides.
  bool per_table = false;
};

// from(bucket:) refined by range() and filter(): one storage scan.
class StorageRead : public TableStream {
 public:
  std::string bucket;
  const storage::BucketReader* reader = nullptr;
  std::optional<storage::TimeRange> range;
  storage::SeriesFilter filter;
  bool impossible = false;  // contradictory pushed predicates: no series can match
  std::vector<RowPredicate> predicates;

  std::optional<storage::TimeRange> bounds() const override { return range; }

 protected:
  Result<std::vector<Table>> compute(Interpreter& interp) const override;
};

// Any transformation of another stream's materialized tables.
class DerivedStream : public TableStream {
 public:
  using Transform = std::function<Result<std::vector<Table>>(Interpreter&, std::vector<Table>)>;
  DerivedStream(std::shared_ptr<const TableStream> input, Transform transform)
      : input_(std::move(input)), transform_(std::move(transform)), bounds_(input_->bounds()) {}
  DerivedStream(std::shared_ptr<const TableStream> input, Transform transform,
                std::optional<storage::TimeRange> bounds)
      : input_(std::move(input)), transform_(std::move(transform)), bounds_(bounds) {}

  std::optional<storage::TimeRange> bounds() const override { return bounds_; }

 protected:
  Result<std::vector<Table>> compute(Interpreter& interp) const override;

 private:
  std::shared_ptr<const TableStream> input_;
  Transform transform_;
  std::optional<storage::TimeRange> bounds_;
};

// Several streams merged into one (union(), join()): the tables of all inputs, in order.
class MergedStream : public TableStream {
 public:
  using Transform = std::function<Result<std::vector<Table>>(Interpreter&, std::vector<std::vector<Table>>)>;
  MergedStream(std::vector<std::shared_ptr<const TableStream>> inputs, Transform transform);

  std::optional<storage::TimeRange> bounds() const override { return bounds_; }

 protected:
  Result<std::vector<Table>> compute(Interpreter& interp) const override;

 private:
  std::vector<std::shared_ptr<const TableStream>> inputs_;
  Transform transform_;
  std::optional<storage::TimeRange> bounds_;
};

// Tables already in memory.
class TableList : public TableStream {
 public:
  explicit TableList(std::vector<Table> t, std::optional<storage::TimeRange> bounds = std::nullopt)
      : tables_(std::move(t)), bounds_(bounds) {}
  std::optional<storage::TimeRange> bounds() const override { return bounds_; }

 protected:
  Result<std::vector<Table>> compute(Interpreter&) const override { return tables_; }

 private:
  std::vector<Table> tables_;
  std::optional<storage::TimeRange> bounds_;
};

// The table storage rows of one series field become: _start, _stop, _time, _value, then _field,
// _measurement and the tags sorted by label; all but _time and _value in the key.
Table table_for_series(const storage::TimeRange& range, const storage::SeriesKey& series, std::string_view field,
                       const storage::FieldColumn& col);

// Keeps the rows for which the predicate returns true; drops tables left empty (Flux's
// filter default onEmpty: "drop").
Result<std::vector<Table>> filter_tables(Interpreter& interp, std::vector<Table> tables,
                                         const RowPredicate& predicate);

}  // namespace tidewater::query::flux
