// Row order and row counts within each table: sort, limit, tail, top, bottom.
#include <algorithm>
#include <numeric>

#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/table_ops.h"

namespace tidewater::query::flux {

namespace {

// Stable sort of the rows by the listed columns (those the table has); nulls sort first, and
// desc reverses the whole order.
void sort_table(Table& t, const std::vector<std::string>& columns, bool desc) {
  std::vector<const Column*> keys;
  for (const auto& name : columns) {
    if (const Column* c = t.column(name)) keys.push_back(c);
  }
  if (keys.empty() || t.rows() < 2) return;
  std::vector<size_t> order(t.rows());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    for (const Column* c : keys) {
      int r = compare_column_cells(*c, a, *c, b);
      if (r != 0) return desc ? r > 0 : r < 0;
    }
    return false;
  });
  t = take_rows(t, order);
}

void limit_table(Table& t, int64_t n, int64_t offset, bool from_end) {
  size_t rows = t.rows();
  size_t off = static_cast<size_t>(std::max<int64_t>(offset, 0));
  size_t count = static_cast<size_t>(std::max<int64_t>(n, 0));
  std::vector<size_t> keep;
  if (off < rows) {
    size_t avail = rows - off;
    size_t take = std::min(count, avail);
    size_t begin = from_end ? avail - take : off;
    for (size_t i = 0; i < take; ++i) keep.push_back(begin + i);
  }
  if (keep.size() != rows) t = take_rows(t, keep);
}

Result<Value> sort(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "sort", {"columns", "desc"});
  if (!s.ok()) return s;
  static const std::vector<std::string> kValue = {"_value"};
  auto columns = string_list_argument(args, "sort", "columns", &kValue);
  if (!columns.ok()) return columns.status();
  auto desc = bool_argument(args, "sort", "desc", false);
  if (!desc.ok()) return desc.status();
  std::vector<std::string> cols = *columns;
  bool d = *desc;
  return transform_each_table(args, "sort", [cols, d](Interpreter&, Table& t) {
    sort_table(t, cols, d);
    return Status::Ok();
  });
}

Result<Value> limit_like(const Arguments& args, std::string_view fn, bool from_end) {
  Status s = check_known_arguments(args, fn, {"n", "offset"});
  if (!s.ok()) return s;
  auto n = int_argument(args, fn, "n");
  if (!n.ok()) return n.status();
  int64_t zero = 0;
  auto offset = int_argument(args, fn, "offset", &zero);
  if (!offset.ok()) return offset.status();
  int64_t count = *n, off = *offset;
  return transform_each_table(args, fn, [count, off, from_end](Interpreter&, Table& t) {
    limit_table(t, count, off, from_end);
    return Status::Ok();
  });
}

Result<Value> limit(Interpreter&, const Arguments& args) { return limit_like(args, "limit", false); }
Result<Value> tail(Interpreter&, const Arguments& args) { return limit_like(args, "tail", true); }

// top/bottom: sort(columns, desc) |> limit(n), as Flux defines them.
Result<Value> sort_limit(const Arguments& args, std::string_view fn, bool desc) {
  Status s = check_known_arguments(args, fn, {"n", "columns"});
  if (!s.ok()) return s;
  auto n = int_argument(args, fn, "n");
  if (!n.ok()) return n.status();
  static const std::vector<std::string> kValue = {"_value"};
  auto columns = string_list_argument(args, fn, "columns", &kValue);
  if (!columns.ok()) return columns.status();
  int64_t count = *n;
  std::vector<std::string> cols = *columns;
  return transform_each_table(args, fn, [count, cols, desc](Interpreter&, Table& t) {
    sort_table(t, cols, desc);
    limit_table(t, count, 0, false);
    return Status::Ok();
  });
}

Result<Value> top(Interpreter&, const Arguments& args) { return sort_limit(args, "top", true); }
Result<Value> bottom(Interpreter&, const Arguments& args) { return sort_limit(args, "bottom", false); }

}  // namespace

void register_sort_limit_functions(Scope& universe) {
  universe.set("sort", make_builtin("sort", sort));
  universe.set("limit", make_builtin("limit", limit));
  universe.set("tail", make_builtin("tail", tail));
  universe.set("top", make_builtin("top", top));
  universe.set("bottom", make_builtin("bottom", bottom));
}

}  // namespace tidewater::query::flux
