// Regrouping rows into new tables: group, union, pivot.
#include <algorithm>
#include <map>

#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/flux/window_pushdown.h"
#include "core/query/table_ops.h"

namespace tidewater::query::flux {

namespace {

// Moves every row into the table of its key; keys come from `key_columns(table)`.
std::vector<Table> regroup(const std::vector<Table>& tables,
                           const std::function<std::vector<std::string>(const Table&)>& key_columns,
                           bool sort_by_key) {
  TableBuilderSet builders;
  for (const auto& t : tables) {
    std::vector<std::string> names = key_columns(t);
    // Key columns whose value is constant in the table (already in its key) need no per-row key.
    bool constant = std::all_of(names.begin(), names.end(), [&](const std::string& n) {
      return t.key.has(n) || t.column(n) == nullptr;
    });
    if (constant) {
      size_t idx = builders.table_for(key_for_columns(t, names, 0));
      if (t.rows() == 0) continue;
      for (size_t r = 0; r < t.rows(); ++r) builders.append_row(idx, t, r);
      continue;
    }
    for (size_t r = 0; r < t.rows(); ++r) builders.append_row(builders.table_for(key_for_columns(t, names, r)), t, r);
  }
  std::vector<Table> out = builders.take(sort_by_key);
  // A table created for a key but left without rows still needs its columns.
  for (auto& t : out) {
    if (!t.columns.empty()) continue;
    for (const auto& e : t.key.entries) t.columns.emplace_back(e.name, e.type);
  }
  return out;
}

Result<Value> group(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "group", {"columns", "mode"});
  if (!s.ok()) return s;
  std::vector<std::string> none;
  auto columns = string_list_argument(args, "group", "columns", &none);
  if (!columns.ok()) return columns.status();
  static const std::string kBy = "by";
  auto mode = string_argument(args, "group", "mode", &kBy);
  if (!mode.ok()) return mode.status();
  if (*mode != "by" && *mode != "except") return argument_error(args, "group", "mode must be \"by\" or \"except\"");
  bool except = *mode == "except";
  std::vector<std::string> cols = *columns;
  DerivedStream::Transform transform = [cols, except](Interpreter&, std::vector<Table> tables) -> Result<std::vector<Table>> {
    return regroup(
        tables,
        [&](const Table& t) {
          if (!except) return cols;
          std::vector<std::string> names;
          for (const auto& c : t.columns) {
            if (std::find(cols.begin(), cols.end(), c.name) == cols.end()) names.push_back(c.name);
          }
          return names;
        },
        true);
  };
  // Over a storage read, remember both: an aggregate downstream can push under the grouping.
  auto input = piped_tables(args, "group");
  if (!input.ok()) return input.status();
  if (auto read = std::dynamic_pointer_cast<const StorageRead>(*input)) {
    return stream_value(std::make_shared<GroupedRead>(std::move(read), std::move(transform)));
  }
  return transform_stream(args, "group", std::move(transform));
}

// union(tables: [...]): all tables of all streams; tables with equal keys merge.
Result<Value> union_fn(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "union", {});
  if (!s.ok()) return s;
  auto tables_v = required_argument(args, "union", "tables");
  if (!tables_v.ok()) return tables_v.status();
  if (!tables_v->is(Value::Kind::kArray)) return argument_error(args, "union", "tables must be an array of streams");
  std::vector<std::shared_ptr<const TableStream>> inputs;
  for (const auto& el : tables_v->as_array().elements) {
    if (!el.is(Value::Kind::kTables)) return argument_error(args, "union", "tables must be an array of streams");
    inputs.push_back(el.as_tables());
  }
  if (inputs.size() < 2) return argument_error(args, "union", "tables must contain at least 2 streams");
  auto merged = std::make_shared<MergedStream>(
      std::move(inputs), [](Interpreter&, std::vector<std::vector<Table>> all) -> Result<std::vector<Table>> {
        std::vector<Table> flat;
        for (auto& v : all) {
          for (auto& t : v) flat.push_back(std::move(t));
        }
        return regroup(
            flat,
            [](const Table& t) {
              std::vector<std::string> names;
              for (const auto& e : t.key.entries) names.push_back(e.name);
              return names;
            },
            false);
      });
  return stream_value(merged);
}

// pivot(rowKey, columnKey, valueColumn): one row per distinct rowKey, one column per distinct
// columnKey ("a_b" for several), holding valueColumn. The columnKey and value columns leave the
// group key; columns that are neither key nor rowKey are dropped.
Result<Value> pivot(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "pivot", {"rowKey", "columnKey", "valueColumn"});
  if (!s.ok()) return s;
  auto row_key = string_list_argument(args, "pivot", "rowKey");
  if (!row_key.ok()) return row_key.status();
  auto column_key = string_list_argument(args, "pivot", "columnKey");
  if (!column_key.ok()) return column_key.status();
  auto value_column = string_argument(args, "pivot", "valueColumn");
  if (!value_column.ok()) return value_column.status();
  std::vector<std::string> rk = *row_key, ck = *column_key;
  std::string vc = *value_column;
  Span span = args.span;
  return transform_stream(args, "pivot", [=](Interpreter&, std::vector<Table> tables) -> Result<std::vector<Table>> {
    // One output per remaining group key: its rows (the first input row of each row key) and
    // its new columns, filled in as values arrive.
    struct NewColumn {
      std::string name;
      ColumnType type;
      std::vector<Cell> cells;  // per output row
    };
    struct Out {
      GroupKey key;
      Table rows;  // key and rowKey columns
      std::map<std::string, size_t> row_index;
      std::vector<NewColumn> columns;
    };
    std::vector<Out> outs;
    std::map<std::string, size_t> by_key;
    for (const auto& t : tables) {
      const Column* value = t.column(vc);
      if (value == nullptr) return column_missing(span, "pivot", vc);
      std::vector<const Column*> ck_cols;
      for (const auto& n : rk) {
        if (t.column(n) == nullptr) return column_missing(span, "pivot", n);
      }
      for (const auto& n : ck) {
        const Column* c = t.column(n);
        if (c == nullptr) return column_missing(span, "pivot", n);
        if (c->type != ColumnType::kString) {
          return Interpreter::error_at(span, "pivot: column key \"" + n + "\" must be of type string");
        }
        ck_cols.push_back(c);
      }
      GroupKey key;
      for (const auto& e : t.key.entries) {
        if (std::find(ck.begin(), ck.end(), e.name) == ck.end() && e.name != vc) key.entries.push_back(e);
      }
      auto found = by_key.find(key_signature(key));
      size_t oi;
      if (found == by_key.end()) {
        oi = outs.size();
        by_key.emplace(key_signature(key), oi);
        Out o;
        o.key = key;
        o.rows.key = key;
        for (const auto& e : key.entries) o.rows.columns.emplace_back(e.name, e.type);
        for (const auto& n : rk) {
          if (!key.has(n)) o.rows.columns.emplace_back(n, t.column(n)->type);
        }
        outs.push_back(std::move(o));
      } else {
        oi = found->second;
      }
      Out& o = outs[oi];
      std::vector<std::string> rk_copy = rk;
      for (size_t r = 0; r < t.rows(); ++r) {
        std::string rsig = key_signature(key_for_columns(t, rk_copy, r));
        auto [rit, new_row] = o.row_index.emplace(rsig, o.rows.rows());
        if (new_row) {
          for (auto& col : o.rows.columns) {
            if (const auto* e = key.find(col.name)) {
              col.append(e->value);
            } else {
              append_cell(col, *t.column(col.name), r);
            }
          }
        }
        std::string name;
        for (size_t i = 0; i < ck_cols.size(); ++i) {
          if (i) name += "_";
          if (!ck_cols[i]->is_null(r)) name += ck_cols[i]->strings[r];
        }
        auto nc = std::find_if(o.columns.begin(), o.columns.end(), [&](const NewColumn& c) { return c.name == name; });
        if (nc == o.columns.end()) {
          o.columns.push_back(NewColumn{name, value->type, {}});
          nc = o.columns.end() - 1;
        }
        if (nc->cells.size() <= rit->second) nc->cells.resize(rit->second + 1);
        nc->cells[rit->second] = nc->type == value->type ? value->cell(r) : Cell{};
      }
    }
    std::vector<Table> out;
    for (auto& o : outs) {
      Table t = std::move(o.rows);
      size_t n = t.rows();
      for (auto& nc : o.columns) {
        nc.cells.resize(n);
        Column c(nc.name, nc.type);
        for (const auto& cell : nc.cells) c.append(cell);
        t.columns.push_back(std::move(c));
      }
      // Rows in row key order, as Flux's pivot emits them.
      std::vector<size_t> order(n);
      for (size_t i = 0; i < n; ++i) order[i] = i;
      std::vector<const Column*> keys;
      for (const auto& name : rk) keys.push_back(t.column(name));
      std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        for (const Column* c : keys) {
          int r = compare_column_cells(*c, a, *c, b);
          if (r != 0) return r < 0;
        }
        return false;
      });
      out.push_back(take_rows(t, order));
    }
    return out;
  });
}

}  // namespace

void register_group_functions(Scope& universe) {
  universe.set("group", make_builtin("group", group));
  universe.set("union", make_builtin("union", union_fn));
  universe.set("pivot", make_builtin("pivot", pivot));
}

}  // namespace tidewater::query::flux
