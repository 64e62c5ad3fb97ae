// Time windows: window() splits tables into one table per window (the window bounds become
// _start/_stop and join the group key); aggregateWindow() windows, applies fn to each window,
// sets _time from the window bound (timeSrc) and merges the windows back into one table per
// input table, as Flux's definition does with window(every: inf).
#include <algorithm>
#include <map>

#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/functions/aggregate.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/flux/functions/window_aggregate.h"
#include "core/query/flux/functions/windowing.h"
#include "core/query/flux/window_pushdown.h"
#include "core/query/table_ops.h"

namespace tidewater::query::flux {

namespace {

// Splits one table into windows (ordered by window start). With create_empty, windows
// overlapping the bounds that hold no rows are produced too.
Result<std::vector<Table>> window_table(const Table& t, const WindowSpec& w, const std::optional<storage::TimeRange>& range,
                                        bool create_empty, const std::string& time_col, const std::string& start_col,
                                        const std::string& stop_col, const Span& span) {
  const Column* time = t.column(time_col);
  if (time == nullptr) return column_missing(span, "window", time_col);
  if (time->type != ColumnType::kTime) return Interpreter::error_at(span, "window: time column is not a time value");
  std::vector<Table> out;
  for (const WindowRows& window : window_rows(*time, w, range, create_empty)) {
    Table wt = take_rows(t, window.rows);
    set_key_column(wt, start_col, ColumnType::kTime, Cell{window.bounds.start});
    set_key_column(wt, stop_col, ColumnType::kTime, Cell{window.bounds.stop});
    out.push_back(std::move(wt));
  }
  return out;
}

Result<WindowSpec> window_spec(const Arguments& args, std::string_view fn) {
  WindowSpec w;
  auto every = duration_argument(args, fn, "every");
  if (!every.ok()) return every.status();
  w.every = *every;
  DurationValue zero{};
  auto period = duration_argument(args, fn, "period", &zero);
  if (!period.ok()) return period.status();
  w.period = (period->months == 0 && period->nanos == 0) ? w.every : *period;
  auto offset = duration_argument(args, fn, "offset", &zero);
  if (!offset.ok()) return offset.status();
  w.offset = *offset;
  if (!w.infinite() && (w.every.months < 0 || w.every.nanos < 0 || (w.every.months == 0 && w.every.nanos == 0) ||
                        (w.every.months != 0 && w.every.nanos != 0))) {
    return argument_error(args, fn, "every must be a positive duration of either months or nanoseconds");
  }
  return w;
}

Result<Value> window(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "window", {"every", "period", "offset", "location", "timeColumn", "startColumn",
                                                    "stopColumn", "createEmpty"});
  if (!s.ok()) return s;
  auto w = window_spec(args, "window");
  if (!w.ok()) return w.status();
  static const std::string kTime = "_time", kStart = "_start", kStop = "_stop";
  auto time_col = string_argument(args, "window", "timeColumn", &kTime);
  auto start_col = string_argument(args, "window", "startColumn", &kStart);
  auto stop_col = string_argument(args, "window", "stopColumn", &kStop);
  if (!time_col.ok()) return time_col.status();
  if (!start_col.ok()) return start_col.status();
  if (!stop_col.ok()) return stop_col.status();
  auto create_empty = bool_argument(args, "window", "createEmpty", false);
  if (!create_empty.ok()) return create_empty.status();
  auto input = piped_tables(args, "window");
  if (!input.ok()) return input.status();
  WindowSpec spec = *w;
  std::string tc = *time_col, sc = *start_col, pc = *stop_col;
  bool empty = *create_empty;
  Span span = args.span;
  auto range = (*input)->bounds();
  auto stream = std::make_shared<DerivedStream>(
      *input, [=](Interpreter&, std::vector<Table> tables) -> Result<std::vector<Table>> {
        std::vector<Table> out;
        TableBuilderSet merged;  // window(every: inf) merges tables that end up with one key
        for (const auto& t : tables) {
          auto parts = window_table(t, spec, range, empty, tc, sc, pc, span);
          if (!parts.ok()) return parts.status();
          for (auto& p : *parts) {
            if (!spec.infinite()) {
              out.push_back(std::move(p));
              continue;
            }
            size_t idx = merged.table_for(p.key);
            for (size_t r = 0; r < p.rows(); ++r) merged.append_row(idx, p, r);
          }
        }
        if (spec.infinite()) out = merged.take(false);
        return out;
      });
  return stream_value(stream);
}

std::string key_without_bounds(const GroupKey& key) {
  GroupKey k;
  for (const auto& e : key.entries) {
    if (e.name != "_start" && e.name != "_stop") k.entries.push_back(e);
  }
  return key_signature(k);
}

// Moves _time and _value right after _start/_stop, the order InfluxDB answers aggregateWindow in.
void order_window_columns(Table& t, const std::string& time_dst, const std::string& value) {
  std::vector<std::string> first = {"_start", "_stop", time_dst, value};
  std::vector<Column> ordered;
  std::vector<uint8_t> taken(t.columns.size(), 0);
  for (const auto& name : first) {
    int i = t.column_index(name);
    if (i >= 0 && !taken[i]) {
      taken[i] = 1;
      ordered.push_back(std::move(t.columns[i]));
    }
  }
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (!taken[i]) ordered.push_back(std::move(t.columns[i]));
  }
  t.columns = std::move(ordered);
}

Result<Value> aggregate_window(Interpreter& interp, const Arguments& args);

// aggregateWindow over a storage read with a statistic fn: the same call on the reduced read
// (window_pushdown.h), with sum standing in for count and empty windows' null counts as 0.
std::optional<Result<Value>> push_aggregate_window(Interpreter& interp, const Arguments& args, const WindowSpec& spec,
                                                   const Function& fn, const std::string& col, const std::string& src,
                                                   const std::string& dst, bool create_empty,
                                                   const std::shared_ptr<const TableStream>& input) {
  auto kind = stat_kind_of(fn);
  if (!kind || col != "_value" || src != "_stop" || dst != "_time" || spec.infinite() || spec.every.months != 0 ||
      spec.every.nanos <= 0 || !(spec.period == spec.every) || spec.offset.months != 0 || args.get("location") != nullptr) {
    return std::nullopt;
  }
  auto reduced = window_stats_stream(input, *kind, spec.every.nanos, spec.offset.nanos);
  if (!reduced) return std::nullopt;
  Arguments a = args;
  a.pipe = stream_value(reduced);
  for (auto& [name, v] : a.named) {
    if (name == "fn" && *kind == StatKind::kCount) v = make_builtin("sum", sum_aggregate);
  }
  auto result = aggregate_window(interp, a);
  if (!result.ok() || *kind != StatKind::kCount || !create_empty) return result;
  auto filled = std::make_shared<DerivedStream>(result->as_tables(), [](Interpreter&, std::vector<Table> tables) -> Result<std::vector<Table>> {
    for (auto& t : tables) {
      int idx = t.column_index("_value");
      if (idx < 0 || t.columns[idx].valid.empty()) continue;
      Column& c = t.columns[idx];
      for (size_t i = 0; i < c.size(); ++i) {
        if (!c.valid[i]) c.ints[i] = 0;
      }
      c.valid.clear();
    }
    return tables;
  });
  return Result<Value>(stream_value(filled));
}

Result<Value> aggregate_window(Interpreter& interp, const Arguments& args) {
  Status s = check_known_arguments(args, "aggregateWindow", {"every", "period", "offset", "fn", "location", "column",
                                                             "timeSrc", "timeDst", "createEmpty"});
  if (!s.ok()) return s;
  auto w = window_spec(args, "aggregateWindow");
  if (!w.ok()) return w.status();
  auto fn = function_argument(args, "aggregateWindow", "fn", true);
  if (!fn.ok()) return fn.status();
  static const std::string kValue = "_value", kStop = "_stop", kTime = "_time";
  auto column = string_argument(args, "aggregateWindow", "column", &kValue);
  auto time_src = string_argument(args, "aggregateWindow", "timeSrc", &kStop);
  auto time_dst = string_argument(args, "aggregateWindow", "timeDst", &kTime);
  if (!column.ok()) return column.status();
  if (!time_src.ok()) return time_src.status();
  if (!time_dst.ok()) return time_dst.status();
  auto create_empty = bool_argument(args, "aggregateWindow", "createEmpty", true);
  if (!create_empty.ok()) return create_empty.status();
  auto input = piped_tables(args, "aggregateWindow");
  if (!input.ok()) return input.status();
  WindowSpec spec = *w;
  auto f = *fn;
  std::string col = *column, src = *time_src, dst = *time_dst;
  bool empty = *create_empty;
  Span span = args.span;
  if (auto pushed = push_aggregate_window(interp, args, spec, *f, col, src, dst, empty, *input)) return *pushed;
  auto range = (*input)->bounds();
  auto stream = std::make_shared<DerivedStream>(
      *input, [=](Interpreter& interp, std::vector<Table> tables) -> Result<std::vector<Table>> {
        if (auto kind = stat_kind_of(*f); kind && range && src == "_stop" && dst == "_time") {
          if (auto direct = aggregate_windows_directly(tables, WindowAggregate{*kind, spec, *range, empty, col}, span)) {
            return std::move(*direct);
          }
        }
        std::vector<Table> windows;
        // The bounds of each input table, by its key without _start/_stop, to restore them.
        std::map<std::string, storage::TimeRange> original;
        for (const auto& t : tables) {
          // Without stream bounds, a table's own _start/_stop bound its windows.
          std::optional<storage::TimeRange> bounds = range;
          const auto* ks = t.key.find("_start");
          const auto* kp = t.key.find("_stop");
          if (!bounds && ks && kp && ks->type == ColumnType::kTime && kp->type == ColumnType::kTime) {
            bounds = storage::TimeRange{std::get<int64_t>(ks->value.data), std::get<int64_t>(kp->value.data)};
          }
          if (bounds) original[key_without_bounds(t.key)] = *bounds;
          auto parts = window_table(t, spec, bounds, empty, "_time", "_start", "_stop", span);
          if (!parts.ok()) return parts.status();
          for (auto& p : *parts) windows.push_back(std::move(p));
        }
        Value piped = stream_value(std::make_shared<TableList>(std::move(windows), range));
        auto result = call_function(interp, *f, span, {{"column", Value(col)}}, piped);
        if (!result.ok()) return result.status();
        if (!result->is(Value::Kind::kTables)) {
          return Interpreter::error_at(span, "aggregateWindow: fn must return a stream of tables");
        }
        auto aggregated = result->as_tables()->tables(interp);
        if (!aggregated.ok()) return aggregated.status();
        TableBuilderSet merged;
        for (auto& t : *aggregated) {
          if (empty && t.empty()) {
            // Flux fills an empty window's table with one row of its key values (table.fill()).
            for (auto& c : t.columns) {
              const auto* e = t.key.find(c.name);
              c.append(e ? e->value : Cell{});
            }
          }
          const Column* time = t.column(src);
          if (time == nullptr) {
            if (t.empty()) continue;
            return column_missing(span, "aggregateWindow", src);
          }
          Column copy = *time;
          copy.name = dst;
          int idx = t.column_index(dst);
          if (idx >= 0) {
            t.columns[idx] = std::move(copy);
          } else {
            t.columns.push_back(std::move(copy));
          }
          if (auto it = original.find(key_without_bounds(t.key)); it != original.end()) {
            set_key_column(t, "_start", ColumnType::kTime, Cell{it->second.start});
            set_key_column(t, "_stop", ColumnType::kTime, Cell{it->second.stop});
          }
          order_window_columns(t, dst, col);
          size_t out_idx = merged.table_for(t.key);
          for (size_t r = 0; r < t.rows(); ++r) merged.append_row(out_idx, t, r);
        }
        return merged.take(false);
      });
  return stream_value(stream);
}

}  // namespace

void register_window_functions(Scope& universe) {
  universe.set("window", make_builtin("window", window));
  universe.set("aggregateWindow", make_builtin("aggregateWindow", aggregate_window));
  universe.set("inf", Value(DurationValue{0, kInfiniteNanos}));
}

}  // namespace tidewater::query::flux
