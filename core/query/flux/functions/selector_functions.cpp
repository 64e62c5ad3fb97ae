// Selectors keep whole rows (every column, _time included): first, last, min, max, unique; and
// distinct, which lists a column's distinct values.
#include <set>

#include "core/query/csv/annotated_csv_writer.h"
#include "core/query/flux/functions/aggregate.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/flux/window_pushdown.h"
#include "core/query/table_ops.h"

namespace tidewater::query::flux {

namespace {

// The first (or last) row whose column is not null.
std::vector<size_t> edge_row(const Column& c, bool last) {
  std::vector<size_t> out;
  const size_t n = c.size();
  for (size_t k = 0; k < n; ++k) {
    size_t i = last ? n - 1 - k : k;
    if (!c.is_null(i)) {
      out.push_back(i);
      break;
    }
  }
  return out;
}

// The first row holding the extreme non-null value.
std::vector<size_t> extreme_row(const Column& c, bool want_max) {
  std::vector<size_t> out;
  for (size_t i = 0; i < c.size(); ++i) {
    if (c.is_null(i)) continue;
    if (out.empty()) {
      out.push_back(i);
      continue;
    }
    int r = compare_column_cells(c, i, c, out[0]);
    if (want_max ? r > 0 : r < 0) out[0] = i;
  }
  return out;
}

}  // namespace

std::vector<size_t> first_row_chooser(const Column& c) { return edge_row(c, false); }
std::vector<size_t> last_row_chooser(const Column& c) { return edge_row(c, true); }
std::vector<size_t> min_row_chooser(const Column& c) { return extreme_row(c, false); }
std::vector<size_t> max_row_chooser(const Column& c) { return extreme_row(c, true); }

namespace {

Result<std::string> column_argument(const Arguments& args, std::string_view fn) {
  static const std::string kValue = "_value";
  return string_argument(args, fn, "column", &kValue);
}

// first/last: the first or last row whose column is not null.
Result<Value> edge(const Arguments& args, std::string_view fn, bool last) {
  Status s = check_known_arguments(args, fn, {"column"});
  if (!s.ok()) return s;
  auto column = column_argument(args, fn);
  if (!column.ok()) return column.status();
  return select_rows(args, fn, *column, last ? last_row_chooser : first_row_chooser);
}

Result<Value> first(Interpreter&, const Arguments& args) { return edge(args, "first", false); }
Result<Value> last(Interpreter&, const Arguments& args) { return edge(args, "last", true); }

// min/max: the first row holding the extreme non-null value.
Result<Value> extreme(const Arguments& args, std::string_view fn, bool want_max) {
  Status s = check_known_arguments(args, fn, {"column"});
  if (!s.ok()) return s;
  auto column = column_argument(args, fn);
  if (!column.ok()) return column.status();
  return select_rows(args, fn, *column, want_max ? max_row_chooser : min_row_chooser);
}

Result<Value> min(Interpreter&, const Arguments& args) { return extreme(args, "min", false); }
Result<Value> max(Interpreter&, const Arguments& args) { return extreme(args, "max", true); }

std::string cell_text(const Column& c, size_t row) {
  std::string s = c.is_null(row) ? "\x01" : "\x02";
  append_csv_cell(s, c, row);
  return s;
}

// unique(column): the first row of each distinct value (nulls count as one value).
Result<Value> unique(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "unique", {"column"});
  if (!s.ok()) return s;
  auto column = column_argument(args, "unique");
  if (!column.ok()) return column.status();
  return select_rows(args, "unique", *column, [](const Column& c) {
    std::vector<size_t> out;
    std::set<std::string> seen;
    for (size_t i = 0; i < c.size(); ++i) {
      if (seen.insert(cell_text(c, i)).second) out.push_back(i);
    }
    return out;
  });
}

// distinct(column): per table, the group key columns plus `_value` holding each distinct value
// of the column once, in order of appearance (null included).
Result<Value> distinct(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "distinct", {"column"});
  if (!s.ok()) return s;
  auto column = column_argument(args, "distinct");
  if (!column.ok()) return column.status();
  std::string name = *column;
  Span span = args.span;
  return transform_stream(args, "distinct", [name, span](Interpreter&, std::vector<Table> tables) -> Result<std::vector<Table>> {
    std::vector<Table> out;
    for (const auto& t : tables) {
      const Column* c = t.column(name);
      if (c == nullptr) return column_missing(span, "distinct", name);
      Column values("_value", c->type);
      if (const auto* e = t.key.find(name)) {
        if (t.rows() > 0) values.append(e->value);
      } else {
        std::set<std::string> seen;
        for (size_t i = 0; i < c->size(); ++i) {
          if (seen.insert(cell_text(*c, i)).second) append_cell(values, *c, i);
        }
      }
      Table d;
      d.key = t.key;
      size_t n = values.size();
      for (const auto& e : t.key.entries) d.columns.push_back(constant_column(e.name, e.type, e.value, n));
      d.columns.push_back(std::move(values));
      out.push_back(std::move(d));
    }
    return out;
  });
}

}  // namespace

void register_selector_functions(Scope& universe) {
  universe.set("first", make_builtin("first", with_window_stats(first, first, StatKind::kFirst)));
  universe.set("last", make_builtin("last", with_window_stats(last, last, StatKind::kLast)));
  universe.set("min", make_builtin("min", min));
  universe.set("max", make_builtin("max", max));
  universe.set("unique", make_builtin("unique", unique));
  universe.set("distinct", make_builtin("distinct", distinct));
}

}  // namespace tidewater::query::flux
