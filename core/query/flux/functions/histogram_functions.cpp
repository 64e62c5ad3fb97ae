// histogram() (cumulative counts per upper bound) and histogramQuantile() (a quantile read
// back from such counts by linear interpolation inside the bucket that holds it).
#include <algorithm>
#include <cmath>

#include "core/query/flux/functions/aggregate.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/table_ops.h"

namespace tidewater::query::flux {

namespace {

// Output rows hold the group key columns plus the two named float columns.
Table key_table(const Table& t, size_t rows) {
  Table out;
  out.key = t.key;
  for (const auto& e : t.key.entries) out.columns.push_back(constant_column(e.name, e.type, e.value, rows));
  return out;
}

Result<Value> histogram(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "histogram", {"column", "upperBoundColumn", "countColumn", "bins", "normalize"});
  if (!s.ok()) return s;
  static const std::string kValue = "_value", kLe = "le";
  auto column = string_argument(args, "histogram", "column", &kValue);
  auto upper = string_argument(args, "histogram", "upperBoundColumn", &kLe);
  auto count = string_argument(args, "histogram", "countColumn", &kValue);
  auto normalize = bool_argument(args, "histogram", "normalize", false);
  auto bins_v = required_argument(args, "histogram", "bins");
  if (!column.ok()) return column.status();
  if (!upper.ok()) return upper.status();
  if (!count.ok()) return count.status();
  if (!normalize.ok()) return normalize.status();
  if (!bins_v.ok()) return bins_v.status();
  if (!bins_v->is(Value::Kind::kArray)) return argument_error(args, "histogram", "bins must be an array of floats");
  std::vector<double> bins;
  for (const auto& b : bins_v->as_array().elements) {
    if (!b.is(Value::Kind::kFloat)) return argument_error(args, "histogram", "bins must be an array of floats");
    bins.push_back(b.as_float());
  }
  std::sort(bins.begin(), bins.end());
  std::string col = *column, ub = *upper, cc = *count;
  bool norm = *normalize;
  Span span = args.span;
  return transform_stream(args, "histogram", [=](Interpreter&, std::vector<Table> tables) -> Result<std::vector<Table>> {
    std::vector<Table> out;
    for (const auto& t : tables) {
      const Column* c = t.column(col);
      if (c == nullptr) return column_missing(span, "histogram", col);
      std::vector<double> v;
      if (!numeric_values(*c, &v)) return Interpreter::error_at(span, "histogram: column must be numeric");
      Table h = key_table(t, bins.size());
      Column bounds(ub, ColumnType::kFloat), counts(cc, ColumnType::kFloat);
      for (double b : bins) {
        double n = 0;
        for (double x : v) n += x <= b ? 1 : 0;
        bounds.append(Cell{b});
        counts.append(Cell{norm && !v.empty() ? n / static_cast<double>(v.size()) : n});
      }
      h.columns.push_back(std::move(bounds));
      h.columns.push_back(std::move(counts));
      out.push_back(std::move(h));
    }
    return out;
  });
}

Result<Value> histogram_quantile(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "histogramQuantile",
                                   {"quantile", "countColumn", "upperBoundColumn", "valueColumn", "minValue"});
  if (!s.ok()) return s;
  static const std::string kValue = "_value", kLe = "le";
  auto q = float_argument(args, "histogramQuantile", "quantile");
  auto count = string_argument(args, "histogramQuantile", "countColumn", &kValue);
  auto upper = string_argument(args, "histogramQuantile", "upperBoundColumn", &kLe);
  auto value = string_argument(args, "histogramQuantile", "valueColumn", &kValue);
  double zero = 0;
  auto min_value = float_argument(args, "histogramQuantile", "minValue", &zero);
  if (!q.ok()) return q.status();
  if (!count.ok()) return count.status();
  if (!upper.ok()) return upper.status();
  if (!value.ok()) return value.status();
  if (!min_value.ok()) return min_value.status();
  if (*q < 0 || *q > 1) return argument_error(args, "histogramQuantile", "quantile must be between 0 and 1");
  double quantile = *q, minv = *min_value;
  std::string cc = *count, ub = *upper, vc = *value;
  Span span = args.span;
  return transform_stream(args, "histogramQuantile", [=](Interpreter&, std::vector<Table> tables) -> Result<std::vector<Table>> {
    std::vector<Table> out;
    for (const auto& t : tables) {
      const Column* counts = t.column(cc);
      const Column* bounds = t.column(ub);
      if (counts == nullptr) return column_missing(span, "histogramQuantile", cc);
      if (bounds == nullptr) return column_missing(span, "histogramQuantile", ub);
      std::vector<std::pair<double, double>> buckets;  // (upper bound, cumulative count)
      for (size_t r = 0; r < t.rows(); ++r) {
        if (counts->is_null(r) || bounds->is_null(r) || counts->type != ColumnType::kFloat ||
            bounds->type != ColumnType::kFloat) {
          return Interpreter::error_at(span, "histogramQuantile: count and upper bound columns must be non-null floats");
        }
        buckets.emplace_back(bounds->floats[r], counts->floats[r]);
      }
      std::sort(buckets.begin(), buckets.end());
      Cell result;
      if (!buckets.empty()) {
        double rank = quantile * buckets.back().second;
        size_t i = 0;
        while (i + 1 < buckets.size() && buckets[i].second < rank) ++i;
        double lower_bound = i == 0 ? minv : buckets[i - 1].first;
        double lower_count = i == 0 ? 0 : buckets[i - 1].second;
        double upper_bound = buckets[i].first, upper_count = buckets[i].second;
        if (std::isinf(upper_bound)) {
          result = Cell{lower_bound};
        } else if (upper_count == lower_count) {
          result = Cell{upper_bound};
        } else {
          result = Cell{lower_bound + (upper_bound - lower_bound) * (rank - lower_count) / (upper_count - lower_count)};
        }
      }
      Table h = key_table(t, 1);
      Column v(vc, ColumnType::kFloat);
      v.append(result);
      h.columns.push_back(std::move(v));
      out.push_back(std::move(h));
    }
    return out;
  });
}

}  // namespace

void register_histogram_functions(Scope& universe) {
  universe.set("histogram", make_builtin("histogram", histogram));
  universe.set("histogramQuantile", make_builtin("histogramQuantile", histogram_quantile));
}

}  // namespace tidewater::query::flux
