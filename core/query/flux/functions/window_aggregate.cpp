#include "core/query/flux/functions/window_aggregate.h"

#include <set>

#include "core/query/flux/functions/aggregate.h"
#include "core/query/table_ops.h"

namespace tidewater::query::flux {

namespace {

bool direct_shape(const Table& t, const std::string& column) {
  const Column* time = t.column("_time");
  if (time == nullptr || time->type != ColumnType::kTime || column == "_time") return false;
  if (t.column(column) == nullptr || t.key.has(column)) return false;
  for (const auto& c : t.columns) {
    if (c.name != "_time" && c.name != column && !t.key.has(c.name)) return false;
  }
  return true;
}

bool is_selector(StatKind kind) {
  return kind == StatKind::kFirst || kind == StatKind::kLast || kind == StatKind::kMin || kind == StatKind::kMax;
}

std::vector<size_t> choose_rows(StatKind kind, const Column& c) {
  switch (kind) {
    case StatKind::kFirst: return first_row_chooser(c);
    case StatKind::kLast: return last_row_chooser(c);
    case StatKind::kMin: return min_row_chooser(c);
    default: return max_row_chooser(c);
  }
}

Result<Reduced> reduce_rows(StatKind kind, const Column& c, const Span& span) {
  switch (kind) {
    case StatKind::kCount: return count_reducer(c, span);
    case StatKind::kSum: return sum_reducer(c, span);
    default: return mean_reducer(c, span);
  }
}

// One input table's windows, aggregated. `proto` is the table without rows and with _start and
// _stop set to the range: the key and column layout the general path ends with.
Result<std::optional<Table>> aggregate_table_windows(const Table& t, const Table& proto, const WindowAggregate& agg,
                                                     const Span& span) {
  const Column& value = *t.column(agg.column);
  std::vector<WindowRows> windows = window_rows(*t.column("_time"), agg.spec, agg.range, agg.create_empty);
  if (windows.empty()) return std::optional<Table>();  // no window, no table (as the general path)
  const bool selector = is_selector(agg.kind);
  Column times("_time", ColumnType::kTime);
  Column values(agg.column, value.type);
  times.reserve(windows.size());
  values.reserve(windows.size());
  Column slice(value.name, value.type);
  for (const WindowRows& w : windows) {
    slice.bools.clear(), slice.ints.clear(), slice.uints.clear(), slice.floats.clear(), slice.strings.clear(), slice.valid.clear();
    for (size_t r : w.rows) append_cell(slice, value, r);
    if (selector) {
      std::vector<size_t> chosen = choose_rows(agg.kind, slice);
      // An empty window keeps one row only when empty windows are asked for: key values, null.
      if (chosen.empty() && !agg.create_empty) continue;
      if (chosen.empty()) values.append_null();
      else append_cell(values, slice, chosen[0]);
    } else {
      Result<Reduced> reduced = reduce_rows(agg.kind, slice, span);
      if (!reduced.ok()) return reduced.status();
      values.type = reduced->type;
      values.append(reduced->value);
    }
    times.append(Cell{w.bounds.stop});
  }
  if (times.size() == 0) return std::optional<Table>();
  const size_t n = times.size();
  Table out;
  out.key = proto.key;
  out.columns.push_back(constant_column("_start", ColumnType::kTime, Cell{agg.range.start}, n));
  out.columns.push_back(constant_column("_stop", ColumnType::kTime, Cell{agg.range.stop}, n));
  out.columns.push_back(std::move(times));
  out.columns.push_back(std::move(values));
  auto rest = [&](const std::string& name) { return name != "_start" && name != "_stop" && name != "_time" && name != agg.column; };
  // Selectors keep the window table's columns in its order; aggregates make one column per key
  // entry, in key order. Either way the rest are key columns here, constant in every row.
  if (selector) {
    for (const auto& c : proto.columns) {
      const auto* e = proto.key.find(c.name);
      if (rest(c.name) && e != nullptr) out.columns.push_back(constant_column(e->name, e->type, e->value, n));
    }
  } else {
    for (const auto& e : proto.key.entries) {
      if (rest(e.name)) out.columns.push_back(constant_column(e.name, e.type, e.value, n));
    }
  }
  return std::optional<Table>(std::move(out));
}

}  // namespace

std::optional<Result<std::vector<Table>>> aggregate_windows_directly(const std::vector<Table>& tables,
                                                                     const WindowAggregate& agg, const Span& span) {
  std::vector<Table> protos;
  std::set<std::string> keys;
  protos.reserve(tables.size());
  for (const auto& t : tables) {
    if (!direct_shape(t, agg.column)) return std::nullopt;
    Table proto = empty_copy(t);
    set_key_column(proto, "_start", ColumnType::kTime, Cell{agg.range.start});
    set_key_column(proto, "_stop", ColumnType::kTime, Cell{agg.range.stop});
    if (!keys.insert(key_signature(proto.key)).second) return std::nullopt;  // these would merge
    protos.push_back(std::move(proto));
  }
  std::vector<Table> out;
  for (size_t i = 0; i < tables.size(); ++i) {
    Result<std::optional<Table>> one = aggregate_table_windows(tables[i], protos[i], agg, span);
    if (!one.ok()) return Result<std::vector<Table>>(one.status());
    if (*one) out.push_back(std::move(**one));
  }
  return Result<std::vector<Table>>(std::move(out));
}

}  // namespace tidewater::query::flux
