#include "core/query/flux/window_pushdown.h"

#include <map>
#include <optional>

#include "core/query/table_ops.h"
#include "core/storage/window_columns.h"

namespace tidewater::query::flux {

namespace {

// The read, one row per series window holding the statistic (window_pushdown.h).
class WindowStatsRead : public TableStream {
 public:
  WindowStatsRead(std::shared_ptr<const StorageRead> read, StatKind kind, int64_t every, int64_t offset)
      : read_(std::move(read)), kind_(kind), every_(every), offset_(offset) {}
  std::optional<storage::TimeRange> bounds() const override { return read_->bounds(); }

 protected:
  Result<std::vector<Table>> compute(Interpreter& interp) const override;

 private:
  // The statistic of window w as a one-value column; false when the type has none.
  bool reduce(const storage::WindowColumns& w, storage::FieldColumn* out) const;

  std::shared_ptr<const StorageRead> read_;
  StatKind kind_;
  int64_t every_, offset_;
};

template <typename T>
const std::vector<T>& pick(const storage::WindowAggregates<T>& a, StatKind kind) {
  switch (kind) {
    case StatKind::kMin: return a.min;
    case StatKind::kMax: return a.max;
    case StatKind::kFirst: return a.first;
    case StatKind::kLast: return a.last;
    default: return a.sum;
  }
}

bool WindowStatsRead::reduce(const storage::WindowColumns& w, storage::FieldColumn* out) const {
  out->times = kind_ == StatKind::kLast ? w.last_time : w.first_time;
  if (kind_ == StatKind::kCount) {
    out->type = model::FieldType::kInteger;
    out->integers = w.count;
    return true;
  }
  out->type = w.type;
  switch (w.type) {
    case model::FieldType::kFloat:
      if (kind_ == StatKind::kMean) {
        out->floats.resize(w.size());
        for (size_t i = 0; i < w.size(); ++i) out->floats[i] = w.floats.sum[i] / static_cast<double>(w.count[i]);
      } else {
        out->floats = pick(w.floats, kind_);
      }
      return true;
    case model::FieldType::kInteger:
      if (kind_ == StatKind::kMean) return false;  // mean of ints is a float: read raw
      out->integers = pick(w.integers, kind_);
      return true;
    case model::FieldType::kUnsigned:
      if (kind_ == StatKind::kMean) return false;
      out->unsigneds = pick(w.unsigneds, kind_);
      return true;
    default:
      return false;
  }
}

Result<std::vector<Table>> WindowStatsRead::compute(Interpreter& interp) const {
  const StorageRead& r = *read_;
  if (!r.range) {
    return Status(ErrorCode::kInvalid, "cannot submit unbounded read to \"" + r.bucket +
                                           "\"; try bounding 'from' with a call to 'range'");
  }
  std::vector<Table> out;
  if (r.impossible || r.range->start >= r.range->stop) return out;
  // Series without the statistic are read raw afterwards, into their slot.
  std::vector<std::pair<size_t, std::pair<storage::SeriesKey, std::string>>> raw;
  r.reader->scan_windows(r.filter, *r.range, every_, offset_,
                         [&](const storage::SeriesKey& series, std::string_view field, const storage::WindowColumns& w) {
                           if (w.size() == 0) return;
                           storage::FieldColumn col;
                           if (reduce(w, &col)) {
                             out.push_back(table_for_series(*r.range, series, field, col));
                           } else {
                             raw.push_back({out.size(), {series, std::string(field)}});
                             out.emplace_back();
                           }
                         });
  for (const auto& entry : raw) {
    const size_t slot = entry.first;  // not structured bindings: clang 14 cannot capture them
    const auto& which = entry.second;
    storage::SeriesFilter exact;
    exact.measurement = which.first.measurement;
    exact.field = which.second;
    exact.tag_equals = which.first.tags;
    r.reader->scan(exact, *r.range, [&](const storage::SeriesKey& series, std::string_view field, const storage::FieldColumn& col) {
      if (series == which.first && field == which.second) out[slot] = table_for_series(*r.range, series, field, col);
    });
  }
  for (const auto& p : r.predicates) {
    auto filtered = filter_tables(interp, std::move(out), p);
    if (!filtered.ok()) return filtered;
    out = std::move(filtered).value();
  }
  return out;
}

// mean() / aggregateWindow(fn: mean) under a group() over a storage read: a mean of the
// per-series means is not the group's mean, so each series window yields its sum and its count
// (as two tables of the same shape), both are regrouped the same way, and the rows of one
// group and window are combined into one row holding sum / count. The mean then runs over one
// row per window and returns that value. Series of other types than float (the mean of
// integers is a float computed from their values) make the whole read fall back to the
// unpushed path.
class GroupedMeanRead : public TableStream {
 public:
  GroupedMeanRead(std::shared_ptr<const GroupedRead> grouped, int64_t every, int64_t offset)
      : grouped_(std::move(grouped)), every_(every), offset_(offset) {}
  std::optional<storage::TimeRange> bounds() const override { return grouped_->bounds(); }

 protected:
  Result<std::vector<Table>> compute(Interpreter& interp) const override;

 private:
  // Combines the rows of each window of one regrouped table; false when the shape does not
  // allow it (_value in the key).
  bool combine_windows(const Table& sums, const Table& counts, Table* out) const;

  std::shared_ptr<const GroupedRead> grouped_;
  int64_t every_, offset_;
};

bool GroupedMeanRead::combine_windows(const Table& sums, const Table& counts, Table* out) const {
  const int time_idx = sums.column_index("_time"), value_idx = sums.column_index("_value");
  if (time_idx < 0 || value_idx < 0 || sums.key.has("_value") || sums.rows() != counts.rows() ||
      counts.column_index("_value") != value_idx) {
    return false;
  }
  const std::vector<int64_t>& times = sums.columns[time_idx].ints;
  const std::vector<double>& sum = sums.columns[value_idx].floats;
  const std::vector<double>& count = counts.columns[value_idx].floats;
  // window start → {first row, sum, count}, in window order.
  struct Acc {
    size_t row;
    double sum, count;
  };
  std::map<int64_t, Acc> windows;
  for (size_t i = 0; i < sums.rows(); ++i) {
    int64_t w = every_ > 0 ? storage::window_start(times[i], every_, offset_) : 0;
    auto [it, fresh] = windows.try_emplace(w, Acc{i, 0.0, 0.0});
    if (!fresh && times[i] < times[it->second.row]) it->second.row = i;
    it->second.sum += sum[i];
    it->second.count += count[i];
  }
  std::vector<size_t> rows;
  std::vector<double> means;
  for (const auto& entry : windows) {
    rows.push_back(entry.second.row);
    means.push_back(entry.second.sum / entry.second.count);
  }
  *out = take_rows(sums, rows);
  out->columns[value_idx].floats = std::move(means);
  return true;
}

Result<std::vector<Table>> GroupedMeanRead::compute(Interpreter& interp) const {
  const StorageRead& r = *grouped_->read();
  if (!r.range || r.impossible || r.range->start >= r.range->stop) return grouped_->tables(interp);
  std::vector<Table> sums, counts;
  bool all_float = true;
  r.reader->scan_windows(r.filter, *r.range, every_, offset_,
                         [&](const storage::SeriesKey& series, std::string_view field, const storage::WindowColumns& w) {
                           if (w.size() == 0 || !all_float) return;
                           if (w.type != model::FieldType::kFloat) {
                             all_float = false;
                             return;
                           }
                           storage::FieldColumn col;
                           col.times = w.first_time;
                           col.floats = w.floats.sum;
                           sums.push_back(table_for_series(*r.range, series, field, col));
                           col.floats.assign(w.count.begin(), w.count.end());
                           counts.push_back(table_for_series(*r.range, series, field, col));
                         });
  if (!all_float) return grouped_->tables(interp);
  for (const auto& p : r.predicates) {  // series-level: the same tables go in both lists
    auto kept_sums = filter_tables(interp, std::move(sums), p);
    if (!kept_sums.ok()) return kept_sums;
    auto kept_counts = filter_tables(interp, std::move(counts), p);
    if (!kept_counts.ok()) return kept_counts;
    sums = std::move(kept_sums).value();
    counts = std::move(kept_counts).value();
  }
  auto grouped_sums = grouped_->regroup()(interp, std::move(sums));
  if (!grouped_sums.ok()) return grouped_sums;
  auto grouped_counts = grouped_->regroup()(interp, std::move(counts));
  if (!grouped_counts.ok()) return grouped_counts;
  if (grouped_sums->size() != grouped_counts->size()) return grouped_->tables(interp);
  std::vector<Table> out(grouped_sums->size());
  for (size_t i = 0; i < out.size(); ++i) {
    if (!combine_windows((*grouped_sums)[i], (*grouped_counts)[i], &out[i])) return grouped_->tables(interp);
  }
  return out;
}

// The storage read a pushed aggregate can stand on: every residual predicate decides whole
// series.
bool pushable_read(const StorageRead& read) {
  if (!read.range || read.reader == nullptr) return false;
  for (const auto& p : read.predicates) {
    if (!p.per_table) return false;
  }
  return true;
}

}  // namespace

std::optional<StatKind> stat_kind_of(const Function& fn) {
  if (!fn.builtin || fn.expr != nullptr) return std::nullopt;
  static const std::pair<const char*, StatKind> kNames[] = {
      {"count", StatKind::kCount}, {"sum", StatKind::kSum},     {"mean", StatKind::kMean}, {"min", StatKind::kMin},
      {"max", StatKind::kMax},     {"first", StatKind::kFirst}, {"last", StatKind::kLast}};
  for (const auto& [name, kind] : kNames) {
    if (fn.name == name) return kind;
  }
  return std::nullopt;
}

BuiltinFn with_window_stats(BuiltinFn fn, BuiltinFn on_stats, StatKind kind) {
  return [fn, on_stats, kind](Interpreter& interp, const Arguments& args) -> Result<Value> {
    const Value* col = args.get("column");
    bool plain = args.named.size() == (col ? 1u : 0u) &&
                 (col == nullptr || (col->is(Value::Kind::kString) && col->as_string() == "_value"));
    if (plain && args.pipe && args.pipe->is(Value::Kind::kTables)) {
      if (auto reduced = window_stats_stream(args.pipe->as_tables(), kind, 0, 0)) {
        Arguments a = args;
        a.pipe = Value(reduced);
        return on_stats(interp, a);
      }
    }
    return fn(interp, args);
  };
}

std::shared_ptr<const TableStream> window_stats_stream(const std::shared_ptr<const TableStream>& input, StatKind kind,
                                                       int64_t every, int64_t offset) {
  if (const auto* read = dynamic_cast<const StorageRead*>(input.get())) {
    if (!pushable_read(*read)) return nullptr;
    auto copy = std::make_shared<StorageRead>(*read);
    return std::make_shared<WindowStatsRead>(std::move(copy), kind, every, offset);
  }
  if (const auto* grouped = dynamic_cast<const GroupedRead*>(input.get())) {
    if (!pushable_read(*grouped->read())) return nullptr;
    if (kind == StatKind::kMean) {
      return std::make_shared<GroupedMeanRead>(std::static_pointer_cast<const GroupedRead>(input), every, offset);
    }
    auto stats = std::make_shared<WindowStatsRead>(grouped->read(), kind, every, offset);
    return std::make_shared<DerivedStream>(stats, grouped->regroup());
  }
  return nullptr;
}

}  // namespace tidewater::query::flux
