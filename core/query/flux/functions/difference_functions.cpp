// Functions of consecutive rows: difference, derivative, elapsed, cumulativeSum, increase.
#include <cmath>

#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/table_ops.h"

namespace tidewater::query::flux {

namespace {

const std::vector<std::string> kValueColumn = {"_value"};

bool is_numeric(ColumnType t) { return t == ColumnType::kInt || t == ColumnType::kUInt || t == ColumnType::kFloat; }

double number_at(const Column& c, size_t r) {
  switch (c.type) {
    case ColumnType::kInt: return static_cast<double>(c.ints[r]);
    case ColumnType::kUInt: return static_cast<double>(c.uints[r]);
    default: return c.floats[r];
  }
}

// difference(): v[i] - v[i-1] against the last non-null value. int and uint give int, float
// gives float. The first row is dropped unless keepFirst (then it is null). nonNegative turns
// negative differences into null, or, with initialZero, into the current value (a reset).
Result<Value> difference(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "difference", {"nonNegative", "columns", "keepFirst", "initialZero"});
  if (!s.ok()) return s;
  auto non_negative = bool_argument(args, "difference", "nonNegative", false);
  auto keep_first = bool_argument(args, "difference", "keepFirst", false);
  auto initial_zero = bool_argument(args, "difference", "initialZero", false);
  auto columns = string_list_argument(args, "difference", "columns", &kValueColumn);
  if (!non_negative.ok()) return non_negative.status();
  if (!keep_first.ok()) return keep_first.status();
  if (!initial_zero.ok()) return initial_zero.status();
  if (!columns.ok()) return columns.status();
  bool nn = *non_negative, kf = *keep_first, iz = *initial_zero;
  std::vector<std::string> cols = *columns;
  Span span = args.span;
  return transform_each_table(args, "difference", [=](Interpreter&, Table& t) -> Status {
    size_t n = t.rows();
    for (const auto& name : cols) {
      int idx = t.column_index(name);
      if (idx < 0) return column_missing(span, "difference", name);
      const Column& c = t.columns[idx];
      if (!is_numeric(c.type)) {
        return Interpreter::error_at(span, "difference: unsupported type for column \"" + name + "\"");
      }
      ColumnType out_type = c.type == ColumnType::kFloat ? ColumnType::kFloat : ColumnType::kInt;
      Column out(name, out_type);
      bool have_prev = false;
      size_t prev = 0;
      for (size_t r = 0; r < n; ++r) {
        if (c.is_null(r)) {
          out.append_null();
          continue;
        }
        if (!have_prev) {
          out.append_null();
          have_prev = true;
          prev = r;
          continue;
        }
        Cell d;
        if (c.type == ColumnType::kFloat) {
          double v = c.floats[r] - c.floats[prev];
          if (nn && v < 0) d = iz ? Cell{c.floats[r]} : Cell{};
          else d = Cell{v};
        } else if (c.type == ColumnType::kInt) {
          int64_t v = c.ints[r] - c.ints[prev];
          if (nn && v < 0) d = iz ? Cell{c.ints[r]} : Cell{};
          else d = Cell{v};
        } else {
          int64_t v = static_cast<int64_t>(c.uints[r] - c.uints[prev]);
          if (c.uints[r] < c.uints[prev]) v = -static_cast<int64_t>(c.uints[prev] - c.uints[r]);
          if (nn && v < 0) d = iz ? Cell{static_cast<int64_t>(c.uints[r])} : Cell{};
          else d = Cell{v};
        }
        out.append(d);
        prev = r;
      }
      t.columns[idx] = std::move(out);
    }
    if (!kf && n > 0) {
      std::vector<uint8_t> keep(n, 1);
      keep[0] = 0;
      t.filter_rows(keep);
    }
    return Status::Ok();
  });
}

// derivative(): the rate of change per `unit` between rows with distinct times; rows whose
// time equals the previous row's are dropped. The first row is dropped.
Result<Value> derivative(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "derivative", {"unit", "nonNegative", "columns", "timeColumn", "initialZero"});
  if (!s.ok()) return s;
  DurationValue one_second{0, 1000000000};
  auto unit = duration_argument(args, "derivative", "unit", &one_second);
  auto non_negative = bool_argument(args, "derivative", "nonNegative", false);
  auto initial_zero = bool_argument(args, "derivative", "initialZero", false);
  auto columns = string_list_argument(args, "derivative", "columns", &kValueColumn);
  static const std::string kTime = "_time";
  auto time_column = string_argument(args, "derivative", "timeColumn", &kTime);
  if (!unit.ok()) return unit.status();
  if (!non_negative.ok()) return non_negative.status();
  if (!initial_zero.ok()) return initial_zero.status();
  if (!columns.ok()) return columns.status();
  if (!time_column.ok()) return time_column.status();
  double unit_ns = static_cast<double>(unit->nanos);
  bool nn = *non_negative, iz = *initial_zero;
  std::vector<std::string> cols = *columns;
  std::string tc = *time_column;
  Span span = args.span;
  return transform_each_table(args, "derivative", [=](Interpreter&, Table& t) -> Status {
    const Column* time = t.column(tc);
    if (time == nullptr) return column_missing(span, "derivative", tc);
    size_t n = t.rows();
    // Rows kept: the first of each run of equal times, except the very first row.
    std::vector<uint8_t> keep(n, 0);
    for (size_t r = 1; r < n; ++r) keep[r] = time->ints[r] != time->ints[r - 1];
    std::vector<Column> outs;
    for (const auto& name : cols) {
      const Column* c = t.column(name);
      if (c == nullptr) return column_missing(span, "derivative", name);
      if (!is_numeric(c->type)) return Interpreter::error_at(span, "derivative: unsupported type for column \"" + name + "\"");
      Column out(name, ColumnType::kFloat);
      bool have_prev = false;
      double pv = 0;
      int64_t pt = 0;
      for (size_t r = 0; r < n; ++r) {
        bool valid = !c->is_null(r);
        if (r > 0 && !keep[r]) {
          out.append_null();
          continue;
        }
        if (!have_prev) {
          out.append_null();
          if (valid) {
            have_prev = true;
            pv = number_at(*c, r);
            pt = time->ints[r];
          }
          continue;
        }
        if (!valid) {
          out.append_null();
          continue;
        }
        double v = number_at(*c, r);
        double dt = static_cast<double>(time->ints[r] - pt) / unit_ns;
        double d = (v - pv) / dt;
        if (nn && d < 0) {
          if (iz) out.append(Cell{0.0});
          else out.append_null();
        } else {
          out.append(Cell{d});
        }
        pv = v;
        pt = time->ints[r];
      }
      outs.push_back(std::move(out));
    }
    for (auto& out : outs) t.columns[t.column_index(out.name)] = std::move(out);
    t.filter_rows(keep);
    return Status::Ok();
  });
}

Result<Value> elapsed(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "elapsed", {"unit", "timeColumn", "columnName"});
  if (!s.ok()) return s;
  DurationValue one_second{0, 1000000000};
  auto unit = duration_argument(args, "elapsed", "unit", &one_second);
  static const std::string kTime = "_time", kElapsed = "elapsed";
  auto time_column = string_argument(args, "elapsed", "timeColumn", &kTime);
  auto column_name = string_argument(args, "elapsed", "columnName", &kElapsed);
  if (!unit.ok()) return unit.status();
  if (!time_column.ok()) return time_column.status();
  if (!column_name.ok()) return column_name.status();
  int64_t unit_ns = unit->nanos;
  std::string tc = *time_column, name = *column_name;
  Span span = args.span;
  return transform_each_table(args, "elapsed", [=](Interpreter&, Table& t) -> Status {
    const Column* time = t.column(tc);
    if (time == nullptr) return column_missing(span, "elapsed", tc);
    size_t n = t.rows();
    Column out(name, ColumnType::kInt);
    out.append_null();
    for (size_t r = 1; r < n; ++r) out.append(Cell{(time->ints[r] - time->ints[r - 1]) / unit_ns});
    if (n == 0) out = Column(name, ColumnType::kInt);
    t.columns.push_back(std::move(out));
    if (n > 0) {
      std::vector<uint8_t> keep(n, 1);
      keep[0] = 0;
      t.filter_rows(keep);
    }
    return Status::Ok();
  });
}

// cumulativeSum(): running totals of each column; a null cell adds nothing and holds the
// running total so far (0 before any value), which is what increase() relies on.
Result<Value> cumulative_sum(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "cumulativeSum", {"columns"});
  if (!s.ok()) return s;
  auto columns = string_list_argument(args, "cumulativeSum", "columns", &kValueColumn);
  if (!columns.ok()) return columns.status();
  std::vector<std::string> cols = *columns;
  Span span = args.span;
  return transform_each_table(args, "cumulativeSum", [=](Interpreter&, Table& t) -> Status {
    for (const auto& name : cols) {
      int idx = t.column_index(name);
      if (idx < 0) return column_missing(span, "cumulativeSum", name);
      Column& c = t.columns[idx];
      if (!is_numeric(c.type)) return Interpreter::error_at(span, "cumulativeSum: unsupported type for column \"" + name + "\"");
      int64_t si = 0;
      uint64_t su = 0;
      double sf = 0;
      for (size_t r = 0; r < c.size(); ++r) {
        if (c.is_null(r)) {
          c.valid[r] = 1;
          switch (c.type) {
            case ColumnType::kInt: c.ints[r] = si; break;
            case ColumnType::kUInt: c.uints[r] = su; break;
            default: c.floats[r] = sf; break;
          }
          continue;
        }
        switch (c.type) {
          case ColumnType::kInt: c.ints[r] = si += c.ints[r]; break;
          case ColumnType::kUInt: c.uints[r] = su += c.uints[r]; break;
          default: c.floats[r] = sf += c.floats[r]; break;
        }
      }
    }
    return Status::Ok();
  });
}

// increase(): difference(nonNegative: true, keepFirst: true, initialZero: true) followed by
// cumulativeSum(), as Flux defines it.
Result<Value> increase(Interpreter& interp, const Arguments& args) {
  Status s = check_known_arguments(args, "increase", {"columns"});
  if (!s.ok()) return s;
  auto columns = string_list_argument(args, "increase", "columns", &kValueColumn);
  if (!columns.ok()) return columns.status();
  auto array = std::make_shared<Array>();
  for (const auto& c : *columns) array->elements.emplace_back(c);
  Value cols(std::shared_ptr<const Array>(std::move(array)));
  Arguments diff;
  diff.span = args.span;
  diff.pipe = args.pipe;
  if (const Value* t = args.get("tables")) diff.named.emplace_back("tables", *t);
  diff.named.emplace_back("nonNegative", Value(true));
  diff.named.emplace_back("keepFirst", Value(true));
  diff.named.emplace_back("initialZero", Value(true));
  diff.named.emplace_back("columns", cols);
  auto d = difference(interp, diff);
  if (!d.ok()) return d;
  Arguments sum;
  sum.span = args.span;
  sum.pipe = *d;
  sum.named.emplace_back("columns", cols);
  return cumulative_sum(interp, sum);
}

}  // namespace

void register_difference_functions(Scope& universe) {
  universe.set("difference", make_builtin("difference", difference));
  universe.set("derivative", make_builtin("derivative", derivative));
  universe.set("elapsed", make_builtin("elapsed", elapsed));
  universe.set("cumulativeSum", make_builtin("cumulativeSum", cumulative_sum));
  universe.set("increase", make_builtin("increase", increase));
}

}  // namespace tidewater::query::flux
