// quantile() and median(): "estimate_tdigest" and "exact_mean" aggregate to a float;
// "exact_selector" selects the row at the quantile.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/query/flux/functions/aggregate.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/flux/functions/tdigest.h"
#include "core/query/table_ops.h"

namespace tidewater::query::flux {

namespace {

double exact_mean_quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  double x = q * static_cast<double>(v.size() - 1);
  double x0 = std::floor(x), x1 = std::ceil(x);
  if (x0 == x1) return v[static_cast<size_t>(x0)];
  return v[static_cast<size_t>(x0)] * (x1 - x) + v[static_cast<size_t>(x1)] * (x - x0);
}

// The row at index ceil(q*n)-1 of the non-null rows stably sorted by value; an empty table
// gives one row holding only its key values.
Status select_quantile_row(Table& t, const std::string& column, double q, const Span& span) {
  const Column* c = t.column(column);
  if (c == nullptr) return Interpreter::error_at(span, "quantile: no column \"" + column + "\" exists");
  std::vector<size_t> rows;
  for (size_t i = 0; i < c->size(); ++i) {
    if (!c->is_null(i)) rows.push_back(i);
  }
  if (rows.empty()) {
    Table out = empty_copy(t);
    for (auto& col : out.columns) {
      const auto* e = t.key.find(col.name);
      col.append(e ? e->value : Cell{});
    }
    t = std::move(out);
    return Status::Ok();
  }
  std::stable_sort(rows.begin(), rows.end(), [c](size_t a, size_t b) { return compare_column_cells(*c, a, *c, b) < 0; });
  auto index = static_cast<size_t>(std::ceil(q * static_cast<double>(rows.size())));
  if (index > 0) --index;
  index = std::min(index, rows.size() - 1);
  t = take_rows(t, {rows[index]});
  return Status::Ok();
}

Result<Value> quantile_impl(const Arguments& args, std::string_view fn, double q) {
  static const std::string kValue = "_value", kTDigest = "estimate_tdigest";
  auto column = string_argument(args, fn, "column", &kValue);
  if (!column.ok()) return column.status();
  auto method = string_argument(args, fn, "method", &kTDigest);
  if (!method.ok()) return method.status();
  double default_compression = 0;
  auto compression = float_argument(args, fn, "compression", &default_compression);
  if (!compression.ok()) return compression.status();
  if (q < 0 || q > 1) return argument_error(args, fn, "quantile must be between 0 and 1");
  std::string col = *column;
  Span span = args.span;
  if (*method == "exact_selector") {
    return transform_each_table(args, fn, [col, q, span](Interpreter&, Table& t) {
      return select_quantile_row(t, col, q, span);
    });
  }
  bool exact = *method == "exact_mean";
  if (!exact && *method != "estimate_tdigest") {
    return argument_error(args, fn, "unknown method \"" + *method + "\"");
  }
  double comp = *compression > 0 ? *compression : 1000;
  std::string name(fn);
  return aggregate_column(args, fn, col, [exact, q, comp, name](const Column& c, const Span& sp) -> Result<Reduced> {
    std::vector<double> v;
    if (!numeric_values(c, &v)) {
      return Interpreter::error_at(sp, name + ": unsupported type " + std::string(csv_datatype_name(c.type)));
    }
    if (v.empty()) return Reduced{ColumnType::kFloat, Cell{}};
    if (exact) return Reduced{ColumnType::kFloat, Cell{exact_mean_quantile(std::move(v), q)}};
    TDigest digest(comp);
    for (double x : v) digest.add(x);
    return Reduced{ColumnType::kFloat, Cell{digest.quantile(q)}};
  });
}

Result<Value> quantile(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "quantile", {"q", "method", "compression", "column"});
  if (!s.ok()) return s;
  auto q = float_argument(args, "quantile", "q");
  if (!q.ok()) return q.status();
  return quantile_impl(args, "quantile", *q);
}

Result<Value> median(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "median", {"method", "compression", "column"});
  if (!s.ok()) return s;
  return quantile_impl(args, "median", 0.5);
}

}  // namespace

void register_quantile_functions(Scope& universe) {
  universe.set("quantile", make_builtin("quantile", quantile));
  universe.set("median", make_builtin("median", median));
}

}  // namespace tidewater::query::flux
