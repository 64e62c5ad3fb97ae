// Aggregates: count, sum, mean, spread, stddev, integral. Each table becomes one row holding its
// group key columns and the aggregated column; _time and other columns are dropped.
#include <cmath>

#include "core/query/flux/functions/aggregate.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/flux/window_pushdown.h"
#include "core/query/table_ops.h"

namespace tidewater::query::flux {

Result<Table> aggregate_table(const Table& t, std::string_view fn, const std::string& column,
                              const ColumnReducer& reduce, const Span& span) {
  const Column* c = t.column(column);
  if (c == nullptr) return column_missing(span, fn, column);
  if (t.key.has(column)) {
    return Interpreter::error_at(span, std::string(fn) + ": cannot aggregate columns that are part of the group key");
  }
  auto r = reduce(*c, span);
  if (!r.ok()) return r.status();
  Table out;
  out.key = t.key;
  for (const auto& e : t.key.entries) out.columns.push_back(constant_column(e.name, e.type, e.value, 1));
  Column v(column, r->type);
  v.append(r->value);
  out.columns.push_back(std::move(v));
  return out;
}

Result<Value> aggregate_column(const Arguments& args, std::string_view fn, const std::string& column,
                               ColumnReducer reduce) {
  Span span = args.span;
  std::string name(fn);
  return transform_stream(args, fn, [=](Interpreter&, std::vector<Table> tables) -> Result<std::vector<Table>> {
    std::vector<Table> out;
    for (const auto& t : tables) {
      auto a = aggregate_table(t, name, column, reduce, span);
      if (!a.ok()) return a.status();
      out.push_back(std::move(a).value());
    }
    return out;
  });
}

Result<Value> select_rows(const Arguments& args, std::string_view fn, const std::string& column, RowChooser choose) {
  Span span = args.span;
  std::string name(fn);
  return transform_each_table(args, fn, [=](Interpreter&, Table& t) -> Status {
    const Column* c = t.column(column);
    if (c == nullptr) {
      if (t.empty()) return Status::Ok();
      return column_missing(span, name, column);
    }
    t = take_rows(t, choose(*c));
    return Status::Ok();
  });
}

bool numeric_values(const Column& c, std::vector<double>* out) {
  out->clear();
  for (size_t i = 0; i < c.size(); ++i) {
    if (c.is_null(i)) continue;
    switch (c.type) {
      case ColumnType::kFloat: out->push_back(c.floats[i]); break;
      case ColumnType::kInt: out->push_back(static_cast<double>(c.ints[i])); break;
      case ColumnType::kUInt: out->push_back(static_cast<double>(c.uints[i])); break;
      default: return false;
    }
  }
  return true;
}

namespace {

Status unsupported(const Span& span, std::string_view fn, const Column& c) {
  return Interpreter::error_at(span, std::string(fn) + ": unsupported type " +
                                         std::string(csv_datatype_name(c.type)) + " for column \"" + c.name + "\"");
}

Result<std::string> column_argument(const Arguments& args, std::string_view fn) {
  static const std::string kValue = "_value";
  return string_argument(args, fn, "column", &kValue);
}

}  // namespace

Result<Reduced> count_reducer(const Column& c, const Span&) {
  return Reduced{ColumnType::kInt, Cell{static_cast<int64_t>(c.size())}};
}

Result<Reduced> sum_reducer(const Column& c, const Span& span) {
  bool any = false;
  int64_t i = 0;
  uint64_t u = 0;
  double f = 0;
  for (size_t r = 0; r < c.size(); ++r) {
    if (c.is_null(r)) continue;
    any = true;
    switch (c.type) {
      case ColumnType::kInt: i += c.ints[r]; break;
      case ColumnType::kUInt: u += c.uints[r]; break;
      case ColumnType::kFloat: f += c.floats[r]; break;
      default: return unsupported(span, "sum", c);
    }
  }
  if (c.type != ColumnType::kInt && c.type != ColumnType::kUInt && c.type != ColumnType::kFloat) {
    return unsupported(span, "sum", c);
  }
  if (!any) return Reduced{c.type, Cell{}};
  if (c.type == ColumnType::kInt) return Reduced{c.type, Cell{i}};
  if (c.type == ColumnType::kUInt) return Reduced{c.type, Cell{u}};
  return Reduced{c.type, Cell{f}};
}

Result<Reduced> mean_reducer(const Column& c, const Span& span) {
  std::vector<double> v;
  if (!numeric_values(c, &v)) return unsupported(span, "mean", c);
  if (v.empty()) return Reduced{ColumnType::kFloat, Cell{}};
  double total = 0;
  for (double x : v) total += x;
  return Reduced{ColumnType::kFloat, Cell{total / static_cast<double>(v.size())}};
}

namespace {

Result<Value> count(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "count", {"column"});
  if (!s.ok()) return s;
  auto column = column_argument(args, "count");
  if (!column.ok()) return column.status();
  return aggregate_column(args, "count", *column, count_reducer);
}

Result<Value> sum(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "sum", {"column"});
  if (!s.ok()) return s;
  auto column = column_argument(args, "sum");
  if (!column.ok()) return column.status();
  return aggregate_column(args, "sum", *column, sum_reducer);
}

Result<Value> mean(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "mean", {"column"});
  if (!s.ok()) return s;
  auto column = column_argument(args, "mean");
  if (!column.ok()) return column.status();
  return aggregate_column(args, "mean", *column, mean_reducer);
}

Result<Value> spread(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "spread", {"column"});
  if (!s.ok()) return s;
  auto column = column_argument(args, "spread");
  if (!column.ok()) return column.status();
  return aggregate_column(args, "spread", *column, [](const Column& c, const Span& span) -> Result<Reduced> {
    size_t first = c.size();
    size_t lo = 0, hi = 0;
    for (size_t r = 0; r < c.size(); ++r) {
      if (c.is_null(r)) continue;
      if (first == c.size()) {
        first = lo = hi = r;
        continue;
      }
      if (compare_column_cells(c, r, c, lo) < 0) lo = r;
      if (compare_column_cells(c, r, c, hi) > 0) hi = r;
    }
    switch (c.type) {
      case ColumnType::kInt:
        return Reduced{c.type, first == c.size() ? Cell{} : Cell{c.ints[hi] - c.ints[lo]}};
      case ColumnType::kUInt:
        return Reduced{c.type, first == c.size() ? Cell{} : Cell{c.uints[hi] - c.uints[lo]}};
      case ColumnType::kFloat:
        return Reduced{c.type, first == c.size() ? Cell{} : Cell{c.floats[hi] - c.floats[lo]}};
      default: return unsupported(span, "spread", c);
    }
  });
}

Result<Value> stddev(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "stddev", {"column", "mode"});
  if (!s.ok()) return s;
  auto column = column_argument(args, "stddev");
  if (!column.ok()) return column.status();
  static const std::string kSample = "sample";
  auto mode = string_argument(args, "stddev", "mode", &kSample);
  if (!mode.ok()) return mode.status();
  if (*mode != "sample" && *mode != "population") {
    return argument_error(args, "stddev", "mode must be \"sample\" or \"population\"");
  }
  bool sample = *mode == "sample";
  return aggregate_column(args, "stddev", *column, [sample](const Column& c, const Span& span) -> Result<Reduced> {
    std::vector<double> v;
    if (!numeric_values(c, &v)) return unsupported(span, "stddev", c);
    size_t n = v.size();
    if (n == 0 || (sample && n < 2)) return Reduced{ColumnType::kFloat, Cell{}};
    // Welford's running mean and squared deviations.
    double m = 0, m2 = 0;
    for (size_t i = 0; i < n; ++i) {
      double delta = v[i] - m;
      m += delta / static_cast<double>(i + 1);
      m2 += delta * (v[i] - m);
    }
    double var = m2 / static_cast<double>(sample ? n - 1 : n);
    return Reduced{ColumnType::kFloat, Cell{std::sqrt(var)}};
  });
}

// integral(unit, column, timeColumn, interpolate): the trapezoidal area under the values over
// time, in `unit`s.
Result<Value> integral(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "integral", {"unit", "column", "timeColumn", "interpolate"});
  if (!s.ok()) return s;
  auto column = column_argument(args, "integral");
  if (!column.ok()) return column.status();
  DurationValue one_second{0, 1000000000};
  auto unit = duration_argument(args, "integral", "unit", &one_second);
  if (!unit.ok()) return unit.status();
  static const std::string kTime = "_time";
  auto time_column = string_argument(args, "integral", "timeColumn", &kTime);
  if (!time_column.ok()) return time_column.status();
  double unit_ns = static_cast<double>(unit->nanos);
  std::string time_name = *time_column, value_name = *column;
  Span span = args.span;
  return transform_stream(args, "integral", [=](Interpreter&, std::vector<Table> tables) -> Result<std::vector<Table>> {
    std::vector<Table> out;
    for (const auto& t : tables) {
      const Column* times = t.column(time_name);
      if (times == nullptr) return column_missing(span, "integral", time_name);
      auto reduce = [&](const Column& c, const Span& sp) -> Result<Reduced> {
        std::vector<double> dummy;
        if (!numeric_values(c, &dummy)) return unsupported(sp, "integral", c);
        double area = 0;
        bool have_prev = false;
        double pv = 0;
        int64_t pt = 0;
        for (size_t r = 0; r < c.size(); ++r) {
          if (c.is_null(r) || times->is_null(r)) continue;
          double v = c.type == ColumnType::kFloat ? c.floats[r]
                     : c.type == ColumnType::kInt ? static_cast<double>(c.ints[r])
                                                  : static_cast<double>(c.uints[r]);
          int64_t tm = times->ints[r];
          if (have_prev) area += 0.5 * (v + pv) * static_cast<double>(tm - pt) / unit_ns;
          have_prev = true;
          pv = v;
          pt = tm;
        }
        return Reduced{ColumnType::kFloat, Cell{area}};
      };
      auto a = aggregate_table(t, "integral", value_name, reduce, span);
      if (!a.ok()) return a.status();
      out.push_back(std::move(a).value());
    }
    return out;
  });
}

}  // namespace

Result<Value> sum_aggregate(Interpreter& interp, const Arguments& args) { return sum(interp, args); }

void register_aggregate_functions(Scope& universe) {
  // Over storage reads these answer from block statistics (window_pushdown.h); count's
  // reduced rows hold counts, which sum adds up.
  universe.set("count", make_builtin("count", with_window_stats(count, sum, StatKind::kCount)));
  universe.set("sum", make_builtin("sum", with_window_stats(sum, sum, StatKind::kSum)));
  universe.set("mean", make_builtin("mean", with_window_stats(mean, mean, StatKind::kMean)));
  universe.set("spread", make_builtin("spread", spread));
  universe.set("stddev", make_builtin("stddev", stddev));
  universe.set("integral", make_builtin("integral", integral));
}

}  // namespace tidewater::query::flux
