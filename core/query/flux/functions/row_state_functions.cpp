// Row-by-row functions that carry state along a table or rewrite times: fill, movingAverage,
// exponentialMovingAverage, stateCount, stateDuration, timeShift, truncateTimeColumn.
#include <cmath>
#include <deque>

#include "core/query/flux/functions/aggregate.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/table_ops.h"

namespace tidewater::query::flux {

namespace {

Result<Value> fill(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "fill", {"column", "value", "usePrevious"});
  if (!s.ok()) return s;
  static const std::string kValue = "_value";
  auto column = string_argument(args, "fill", "column", &kValue);
  if (!column.ok()) return column.status();
  auto use_previous = bool_argument(args, "fill", "usePrevious", false);
  if (!use_previous.ok()) return use_previous.status();
  const Value* value = args.get("value");
  if ((value == nullptr) == !*use_previous) return argument_error(args, "fill", "must specify exactly one of value or usePrevious");
  ColumnType value_type = ColumnType::kString;
  Cell fill_cell;
  if (value != nullptr) {
    if (!column_type_of(*value, &value_type)) return argument_error(args, "fill", "value must be a basic type");
    fill_cell = cell_from_value(*value);
  }
  std::string name = *column;
  bool previous = *use_previous;
  Span span = args.span;
  return transform_each_table(args, "fill", [=](Interpreter&, Table& t) -> Status {
    int idx = t.column_index(name);
    if (idx < 0) return column_missing(span, "fill", name);
    Column& c = t.columns[idx];
    if (!previous && c.type != value_type) {
      return Interpreter::error_at(span, "fill: value type " + std::string(csv_datatype_name(value_type)) +
                                             " does not match column type " + std::string(csv_datatype_name(c.type)));
    }
    if (c.valid.empty()) return Status::Ok();
    Column out(c.name, c.type);
    out.reserve(c.size());
    Cell last;
    for (size_t r = 0; r < c.size(); ++r) {
      if (!c.is_null(r)) {
        last = c.cell(r);
        append_cell(out, c, r);
      } else {
        out.append(previous ? last : fill_cell);
      }
    }
    c = std::move(out);
    return Status::Ok();
  });
}

// movingAverage(n): the mean of each run of n consecutive rows (nulls skipped; all-null is
// null), as a float, on the run's last row. Tables with fewer than n rows give one average.
Result<Value> moving_average(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "movingAverage", {"n"});
  if (!s.ok()) return s;
  auto n = int_argument(args, "movingAverage", "n");
  if (!n.ok()) return n.status();
  if (*n <= 0) return argument_error(args, "movingAverage", "n must be greater than 0");
  size_t window = static_cast<size_t>(*n);
  Span span = args.span;
  return transform_each_table(args, "movingAverage", [=](Interpreter&, Table& t) -> Status {
    int idx = t.column_index("_value");
    if (idx < 0) return column_missing(span, "movingAverage", "_value");
    const Column c = t.columns[idx];
    if (c.type != ColumnType::kFloat && c.type != ColumnType::kInt && c.type != ColumnType::kUInt) {
      return Interpreter::error_at(span, "movingAverage: unsupported type for column \"_value\"");
    }
    size_t rows = t.rows();
    if (rows == 0) {
      t.columns[idx] = Column("_value", ColumnType::kFloat);
      return Status::Ok();
    }
    size_t first = std::min(window, rows) - 1;
    std::vector<size_t> keep_rows;
    Column out("_value", ColumnType::kFloat);
    for (size_t r = first; r < rows; ++r) {
      size_t begin = r + 1 >= window ? r + 1 - window : 0;
      double total = 0;
      size_t count = 0;
      for (size_t i = begin; i <= r; ++i) {
        if (c.is_null(i)) continue;
        total += c.type == ColumnType::kFloat ? c.floats[i]
                 : c.type == ColumnType::kInt ? static_cast<double>(c.ints[i])
                                              : static_cast<double>(c.uints[i]);
        ++count;
      }
      keep_rows.push_back(r);
      out.append(count ? Cell{total / static_cast<double>(count)} : Cell{});
    }
    t = take_rows(t, keep_rows);
    t.columns[idx] = std::move(out);
    return Status::Ok();
  });
}

// exponentialMovingAverage(n): starts with the mean of the first n values, then
// ema = v * 2/(n+1) + ema * (1 - 2/(n+1)).
Result<Value> exponential_moving_average(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "exponentialMovingAverage", {"n"});
  if (!s.ok()) return s;
  auto n = int_argument(args, "exponentialMovingAverage", "n");
  if (!n.ok()) return n.status();
  if (*n <= 0) return argument_error(args, "exponentialMovingAverage", "n must be greater than 0");
  size_t window = static_cast<size_t>(*n);
  Span span = args.span;
  return transform_each_table(args, "exponentialMovingAverage", [=](Interpreter&, Table& t) -> Status {
    int idx = t.column_index("_value");
    if (idx < 0) return column_missing(span, "exponentialMovingAverage", "_value");
    std::vector<double> v;
    const Column c = t.columns[idx];
    if (!numeric_values(c, &v) || v.size() != c.size()) {
      return Interpreter::error_at(span, "exponentialMovingAverage: _value must be numeric and not null");
    }
    size_t rows = t.rows();
    if (rows < window) {
      t = take_rows(t, {});
      t.columns[idx] = Column("_value", ColumnType::kFloat);
      return Status::Ok();
    }
    double alpha = 2.0 / (static_cast<double>(window) + 1);
    double ema = 0;
    for (size_t i = 0; i < window; ++i) ema += v[i];
    ema /= static_cast<double>(window);
    std::vector<size_t> keep;
    Column out("_value", ColumnType::kFloat);
    for (size_t r = window - 1; r < rows; ++r) {
      if (r >= window) ema = v[r] * alpha + ema * (1 - alpha);
      keep.push_back(r);
      out.append(Cell{ema});
    }
    t = take_rows(t, keep);
    t.columns[idx] = std::move(out);
    return Status::Ok();
  });
}

// stateCount/stateDuration: how long fn has held, as a count of rows or a duration in units
// since the first row of the run; -1 on rows where fn is false.
Result<Value> state_tracking(const Arguments& args, std::string_view fn_name, bool duration) {
  Status s = duration ? check_known_arguments(args, fn_name, {"fn", "column", "timeColumn", "unit"})
                      : check_known_arguments(args, fn_name, {"fn", "column"});
  if (!s.ok()) return s;
  auto fn = function_argument(args, fn_name, "fn", true);
  if (!fn.ok()) return fn.status();
  static const std::string kCount = "stateCount", kDuration = "stateDuration", kTime = "_time";
  auto column = string_argument(args, fn_name, "column", duration ? &kDuration : &kCount);
  auto time_column = string_argument(args, fn_name, "timeColumn", &kTime);
  DurationValue one_second{0, 1000000000};
  auto unit = duration_argument(args, fn_name, "unit", &one_second);
  if (!column.ok()) return column.status();
  if (!time_column.ok()) return time_column.status();
  if (!unit.ok()) return unit.status();
  auto f = *fn;
  std::string col = *column, tc = *time_column, name(fn_name);
  int64_t unit_ns = unit->nanos;
  Span span = args.span;
  return transform_each_table(args, fn_name, [=](Interpreter& interp, Table& t) -> Status {
    const Column* time = duration ? t.column(tc) : nullptr;
    if (duration && time == nullptr) return column_missing(span, name, tc);
    Column out(col, ColumnType::kInt);
    int64_t count = 0;
    bool in_state = false;
    int64_t start = 0;
    for (size_t r = 0; r < t.rows(); ++r) {
      auto v = call_function(interp, *f, span, {{"r", row_record(t, r)}});
      if (!v.ok()) return v.status();
      bool holds = v->is(Value::Kind::kBool) && v->as_bool();
      if (!holds) {
        in_state = false;
        count = 0;
        out.append(Cell{int64_t{-1}});
        continue;
      }
      if (duration) {
        if (!in_state) start = time->ints[r];
        out.append(Cell{(time->ints[r] - start) / unit_ns});
      } else {
        out.append(Cell{++count});
      }
      in_state = true;
    }
    int idx = t.column_index(col);
    if (idx >= 0) {
      t.columns[idx] = std::move(out);
    } else {
      t.columns.push_back(std::move(out));
    }
    return Status::Ok();
  });
}

Result<Value> state_count(Interpreter&, const Arguments& args) { return state_tracking(args, "stateCount", false); }
Result<Value> state_duration(Interpreter&, const Arguments& args) { return state_tracking(args, "stateDuration", true); }

// timeShift(duration, columns): adds the duration to the time columns, key values included.
Result<Value> time_shift(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "timeShift", {"duration", "columns"});
  if (!s.ok()) return s;
  auto duration = duration_argument(args, "timeShift", "duration");
  if (!duration.ok()) return duration.status();
  static const std::vector<std::string> kTimes = {"_start", "_stop", "_time"};
  auto columns = string_list_argument(args, "timeShift", "columns", &kTimes);
  if (!columns.ok()) return columns.status();
  DurationValue d = *duration;
  std::vector<std::string> cols = *columns;
  Span span = args.span;
  return transform_each_table(args, "timeShift", [=](Interpreter&, Table& t) -> Status {
    for (const auto& name : cols) {
      int idx = t.column_index(name);
      if (idx < 0) continue;
      Column& c = t.columns[idx];
      if (c.type != ColumnType::kTime) return Interpreter::error_at(span, "timeShift: column \"" + name + "\" is not a time");
      for (size_t r = 0; r < c.size(); ++r) {
        if (!c.is_null(r)) c.ints[r] = add_duration(c.ints[r], d);
      }
      for (auto& e : t.key.entries) {
        if (e.name == name && !e.value.is_null()) e.value = Cell{add_duration(std::get<int64_t>(e.value.data), d)};
      }
    }
    return Status::Ok();
  });
}

// truncateTimeColumn(timeColumn, unit): times rounded down to a multiple of unit.
Result<Value> truncate_time_column(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "truncateTimeColumn", {"timeColumn", "unit"});
  if (!s.ok()) return s;
  static const std::string kTime = "_time";
  auto time_column = string_argument(args, "truncateTimeColumn", "timeColumn", &kTime);
  auto unit = duration_argument(args, "truncateTimeColumn", "unit");
  if (!time_column.ok()) return time_column.status();
  if (!unit.ok()) return unit.status();
  if (unit->months != 0 || unit->nanos <= 0) {
    return argument_error(args, "truncateTimeColumn", "unit must be a positive duration without months");
  }
  std::string tc = *time_column;
  int64_t u = unit->nanos;
  Span span = args.span;
  return transform_each_table(args, "truncateTimeColumn", [=](Interpreter&, Table& t) -> Status {
    int idx = t.column_index(tc);
    if (idx < 0) return column_missing(span, "truncateTimeColumn", tc);
    Column& c = t.columns[idx];
    for (size_t r = 0; r < c.size(); ++r) {
      if (c.is_null(r)) continue;
      int64_t rem = c.ints[r] % u;
      if (rem < 0) rem += u;
      c.ints[r] -= rem;
    }
    for (auto& e : t.key.entries) {
      if (e.name == tc && !e.value.is_null()) {
        int64_t v = std::get<int64_t>(e.value.data);
        int64_t rem = v % u;
        if (rem < 0) rem += u;
        e.value = Cell{v - rem};
      }
    }
    return Status::Ok();
  }, true);
}

}  // namespace

void register_row_state_functions(Scope& universe) {
  universe.set("fill", make_builtin("fill", fill));
  universe.set("movingAverage", make_builtin("movingAverage", moving_average));
  universe.set("exponentialMovingAverage", make_builtin("exponentialMovingAverage", exponential_moving_average));
  universe.set("stateCount", make_builtin("stateCount", state_count));
  universe.set("stateDuration", make_builtin("stateDuration", state_duration));
  universe.set("timeShift", make_builtin("timeShift", time_shift));
  universe.set("truncateTimeColumn", make_builtin("truncateTimeColumn", truncate_time_column));
}

}  // namespace tidewater::query::flux
