#include "core/query/flux/stream.h"

#include <algorithm>

#include "core/query/flux/interpreter.h"

namespace tidewater::query::flux {

Result<std::vector<Table>> TableStream::compute_charged(Interpreter& interp) const {
  auto computed = compute(interp);
  if (computed.ok()) {
    // Materialized tables are held while the query runs: charge them.
    size_t bytes = 0;
    for (const auto& t : *computed) bytes += t.memory_bytes();
    Status s = interp.charge_memory(bytes);
    if (!s.ok()) return s;
  }
  return computed;
}

Result<std::vector<Table>> TableStream::tables(Interpreter& interp) const {
  if (!cache_) cache_.emplace(compute_charged(interp));
  return *cache_;
}

Result<std::vector<Table>> TableStream::consume(Interpreter& interp, bool sole_consumer) const {
  if (!sole_consumer) return tables(interp);
  if (cache_) {
    auto out = std::move(*cache_);
    cache_.reset();
    return out;
  }
  return compute_charged(interp);
}

Result<std::vector<Table>> DerivedStream::compute(Interpreter& interp) const {
  auto in = input_->consume(interp, input_.use_count() == 1);
  if (!in.ok()) return in;
  return transform_(interp, std::move(in).value());
}

MergedStream::MergedStream(std::vector<std::shared_ptr<const TableStream>> inputs, Transform transform)
    : inputs_(std::move(inputs)), transform_(std::move(transform)) {
  // Flux unions the bounds of its inputs.
  for (const auto& in : inputs_) {
    auto b = in->bounds();
    if (!b) continue;
    if (!bounds_) {
      bounds_ = b;
    } else {
      bounds_->start = std::min(bounds_->start, b->start);
      bounds_->stop = std::max(bounds_->stop, b->stop);
    }
  }
}

Result<std::vector<Table>> MergedStream::compute(Interpreter& interp) const {
  std::vector<std::vector<Table>> all;
  for (const auto& in : inputs_) {
    auto t = in->consume(interp, in.use_count() == 1);
    if (!t.ok()) return t;
    all.push_back(std::move(t).value());
  }
  return transform_(interp, std::move(all));
}

// One table per series field, columns in InfluxDB's order: _start, _stop, _time, _value, then
// _field, _measurement and the tags sorted by label; all but _time and _value in the key.
Table table_for_series(const storage::TimeRange& range, const storage::SeriesKey& series,
                       std::string_view field, const storage::FieldColumn& col) {
  const size_t n = col.size();
  Table t;
  Column start("_start", ColumnType::kTime), stop("_stop", ColumnType::kTime);
  start.ints.assign(n, range.start);
  stop.ints.assign(n, range.stop);
  Column time("_time", ColumnType::kTime);
  time.ints = col.times;
  Column value;
  value.name = "_value";
  switch (col.type) {
    case model::FieldType::kFloat: value.type = ColumnType::kFloat; value.floats = col.floats; break;
    case model::FieldType::kInteger: value.type = ColumnType::kInt; value.ints = col.integers; break;
    case model::FieldType::kUnsigned: value.type = ColumnType::kUInt; value.uints = col.unsigneds; break;
    case model::FieldType::kString: value.type = ColumnType::kString; value.strings = col.strings; break;
    case model::FieldType::kBoolean: value.type = ColumnType::kBool; value.bools = col.booleans; break;
  }
  std::vector<std::pair<std::string, std::string>> labels;
  labels.emplace_back("_field", std::string(field));
  labels.emplace_back("_measurement", series.measurement);
  for (const auto& tag : series.tags) labels.emplace_back(tag.key, tag.value);
  std::sort(labels.begin(), labels.end());

  t.key.entries.push_back({"_start", ColumnType::kTime, Cell{range.start}});
  t.key.entries.push_back({"_stop", ColumnType::kTime, Cell{range.stop}});
  t.columns.push_back(std::move(start));
  t.columns.push_back(std::move(stop));
  t.columns.push_back(std::move(time));
  t.columns.push_back(std::move(value));
  for (auto& [label, v] : labels) {
    Column c(label, ColumnType::kString);
    c.strings.assign(n, v);
    t.columns.push_back(std::move(c));
    t.key.entries.push_back({std::move(label), ColumnType::kString, Cell{std::move(v)}});
  }
  return t;
}

Result<std::vector<Table>> StorageRead::compute(Interpreter& interp) const {
  if (!range) {
    return Status(ErrorCode::kInvalid, "cannot submit unbounded read to \"" + bucket +
                                           "\"; try bounding 'from' with a call to 'range'");
  }
  std::vector<Table> out;
  if (impossible || range->start >= range->stop) return out;
  reader->scan(filter, *range, [&](const storage::SeriesKey& series, std::string_view field,
                                   const storage::FieldColumn& col) {
    if (col.size() > 0) out.push_back(table_for_series(*range, series, field, col));
  });
  for (const auto& p : predicates) {
    auto filtered = filter_tables(interp, std::move(out), p);
    if (!filtered.ok()) return filtered;
    out = std::move(filtered).value();
  }
  return out;
}

Result<std::vector<Table>> filter_tables(Interpreter& interp, std::vector<Table> tables,
                                         const RowPredicate& predicate) {
  std::vector<Table> out;
  for (auto& t : tables) {
    const size_t rows = predicate.per_table ? std::min<size_t>(t.rows(), 1) : t.rows();
    std::vector<uint8_t> keep(rows, 0);
    size_t kept = 0;
    for (size_t i = 0; i < rows; ++i) {
      auto rec = std::make_shared<Record>();
      rec->properties.reserve(t.columns.size());
      for (const auto& c : t.columns) rec->properties.emplace_back(c.name, value_from_column(c, i));
      Arguments args;
      args.span = predicate.span;
      args.named.emplace_back("r", Value(std::shared_ptr<const Record>(rec)));
      auto v = interp.call(*predicate.fn, args);
      if (!v.ok()) return v.status();
      if (v->is(Value::Kind::kBool)) {
        keep[i] = v->as_bool();
      } else if (!v->is_null()) {
        return Interpreter::error_at(predicate.span, "filter: fn must return a bool, got " +
                                                         std::string(kind_name(v->kind())));
      }
      kept += keep[i];
    }
    if (kept == 0) continue;
    if (kept != rows && !predicate.per_table) t.filter_rows(keep);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace tidewater::query::flux
