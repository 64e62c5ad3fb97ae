// Functions that describe tables rather than transform values: columns, keys, keyValues,
// plus mode and sample, which pick rows by value frequency or position.
#include <algorithm>
#include <map>
#include <random>

#include "core/query/flux/functions/aggregate.h"
#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/table_ops.h"

namespace tidewater::query::flux {

namespace {

// A table with t's key columns (one row per label) followed by a string column of labels.
Table label_table(const Table& t, const std::string& column, const std::vector<std::string>& labels) {
  Table out;
  out.key = t.key;
  for (const auto& e : t.key.entries) out.columns.push_back(constant_column(e.name, e.type, e.value, labels.size()));
  Column c(column, ColumnType::kString);
  c.strings = labels;
  int idx = out.column_index(column);
  if (idx >= 0) {
    out.columns[idx] = std::move(c);
  } else {
    out.columns.push_back(std::move(c));
  }
  return out;
}

// columns()/keys(): one row per label that `labels` lists for each table.
Result<Value> label_rows(const Arguments& args, std::string_view fn, std::vector<std::string> (*labels)(const Table&)) {
  Status s = check_known_arguments(args, fn, {"column"});
  if (!s.ok()) return s;
  std::string def = "_value";
  auto column = string_argument(args, fn, "column", &def);
  if (!column.ok()) return column.status();
  std::string col = *column;
  return transform_stream(args, fn, [col, labels](Interpreter&, std::vector<Table> tables) -> Result<std::vector<Table>> {
    std::vector<Table> out;
    for (const auto& t : tables) out.push_back(label_table(t, col, labels(t)));
    return out;
  });
}

// columns(column: "_value"): the labels of every column of each table.
Result<Value> columns(Interpreter&, const Arguments& args) {
  return label_rows(args, "columns", [](const Table& t) {
    std::vector<std::string> labels;
    for (const auto& c : t.columns) labels.push_back(c.name);
    return labels;
  });
}

// keys(column: "_value"): the labels of each table's group key columns.
Result<Value> keys(Interpreter&, const Arguments& args) {
  return label_rows(args, "keys", [](const Table& t) {
    std::vector<std::string> labels;
    for (const auto& e : t.key.entries) labels.push_back(e.name);
    return labels;
  });
}

// keyValues(keyColumns: [...]): the distinct values of the named columns, as _key/_value rows.
Result<Value> key_values(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "keyValues", {"keyColumns", "fn"});
  if (!s.ok()) return s;
  std::vector<std::string> names;
  if (args.get("keyColumns") != nullptr) {
    auto kc = string_list_argument(args, "keyValues", "keyColumns");
    if (!kc.ok()) return kc.status();
    names = *kc;
  }
  // fn(schema: {columns: [...]}) picks the columns from each table's labels instead.
  auto fn = function_argument(args, "keyValues", "fn", false);
  if (!fn.ok()) return fn.status();
  if (names.empty() && !*fn) return argument_error(args, "keyValues", "must specify keyColumns or fn");
  auto select = *fn;
  Span span = args.span;
  return transform_stream(args, "keyValues", [names, select, span](Interpreter& in, std::vector<Table> tables) -> Result<std::vector<Table>> {
    std::vector<Table> out;
    for (const auto& t : tables) {
      std::vector<std::string> cols = names;
      if (cols.empty() && select) {
        auto labels = std::make_shared<Array>();
        for (const auto& c : t.columns) labels->elements.push_back(Value(c.name));
        auto schema = std::make_shared<Record>();
        schema->properties.emplace_back("columns", Value(std::shared_ptr<const Array>(labels)));
        auto v = call_function(in, *select, span, {{"schema", Value(std::shared_ptr<const Record>(schema))}});
        if (!v.ok()) return v.status();
        if (!v->is(Value::Kind::kArray)) return Interpreter::error_at(span, "keyValues: fn must return an array of strings");
        for (const auto& e : v->as_array().elements) {
          if (e.is(Value::Kind::kString)) cols.push_back(e.as_string());
        }
      }
      std::vector<const Column*> present;
      for (const auto& name : cols) {
        if (const Column* c = t.column(name)) present.push_back(c);
      }
      if (present.empty()) continue;
      for (const Column* c : present) {
        if (c->type != present[0]->type) {
          return Interpreter::error_at(span, "keyValues: columns must all have the same type");
        }
      }
      Table r;
      r.key = t.key;
      for (const auto& e : t.key.entries) r.columns.emplace_back(e.name, e.type);
      Column key_col("_key", ColumnType::kString);
      Column value_col("_value", present[0]->type);
      for (const Column* c : present) {
        std::vector<size_t> seen;
        for (size_t i = 0; i < c->size(); ++i) {
          if (c->is_null(i)) continue;
          bool dup = false;
          for (size_t j : seen) dup = dup || compare_column_cells(*c, i, *c, j) == 0;
          if (dup) continue;
          seen.push_back(i);
          key_col.strings.push_back(c->name);
          append_cell(value_col, *c, i);
        }
      }
      for (size_t k = 0; k < t.key.entries.size(); ++k) {
        r.columns[k].append_repeated(t.key.entries[k].value, key_col.size());
      }
      r.columns.push_back(std::move(key_col));
      r.columns.push_back(std::move(value_col));
      out.push_back(std::move(r));
    }
    return out;
  });
}

// mode(column: "_value"): the most frequent non-null values, sorted; empty tables are dropped.
Result<Value> mode(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "mode", {"column"});
  if (!s.ok()) return s;
  std::string def = "_value";
  auto column = string_argument(args, "mode", "column", &def);
  if (!column.ok()) return column.status();
  std::string col = *column;
  Span span = args.span;
  return transform_stream(args, "mode", [col, span](Interpreter&, std::vector<Table> tables) -> Result<std::vector<Table>> {
    std::vector<Table> out;
    for (const auto& t : tables) {
      if (t.rows() == 0) continue;
      const Column* c = t.column(col);
      if (c == nullptr) return column_missing(span, "mode", col);
      std::vector<size_t> rows;
      for (size_t i = 0; i < c->size(); ++i) {
        if (!c->is_null(i)) rows.push_back(i);
      }
      std::stable_sort(rows.begin(), rows.end(), [&](size_t a, size_t b) { return compare_column_cells(*c, a, *c, b) < 0; });
      // Runs of equal values: keep the first row of each longest run.
      std::vector<size_t> modes;
      size_t best = 0;
      for (size_t i = 0; i < rows.size();) {
        size_t j = i;
        while (j < rows.size() && compare_column_cells(*c, rows[i], *c, rows[j]) == 0) ++j;
        if (j - i > best) {
          best = j - i;
          modes.clear();
        }
        if (j - i == best) modes.push_back(rows[i]);
        i = j;
      }
      Table r;
      r.key = t.key;
      size_t n = std::max<size_t>(modes.size(), 1);
      for (const auto& e : t.key.entries) r.columns.push_back(constant_column(e.name, e.type, e.value, n));
      Column values(col, c->type);
      if (modes.empty()) values.append_null();
      for (size_t row : modes) append_cell(values, *c, row);
      if (int idx = r.column_index(col); idx >= 0) {
        r.columns[idx] = std::move(values);
      } else {
        r.columns.push_back(std::move(values));
      }
      out.push_back(std::move(r));
    }
    return out;
  });
}

// sample(n:, pos: -1): every n-th row from pos (a random start in [0, n) when pos is -1).
Result<Value> sample(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "sample", {"n", "pos", "column"});
  if (!s.ok()) return s;
  auto n = int_argument(args, "sample", "n");
  if (!n.ok()) return n.status();
  int64_t minus_one = -1;
  auto pos = int_argument(args, "sample", "pos", &minus_one);
  if (!pos.ok()) return pos.status();
  if (*n <= 0) return argument_error(args, "sample", "n must be positive, got " + std::to_string(*n));
  if (*pos >= *n) return argument_error(args, "sample", "pos must be less than n");
  std::string def = "_value";
  auto column = string_argument(args, "sample", "column", &def);
  if (!column.ok()) return column.status();
  int64_t every = *n, start = *pos;
  return select_rows(args, "sample", *column, [every, start](const Column& c) {
    int64_t first = start;
    if (first < 0) {
      static thread_local std::mt19937_64 rng{std::random_device{}()};
      first = static_cast<int64_t>(rng() % static_cast<uint64_t>(every));
    }
    std::vector<size_t> rows;
    for (size_t i = static_cast<size_t>(first); i < c.size(); i += static_cast<size_t>(every)) rows.push_back(i);
    return rows;
  });
}

}  // namespace

void register_table_info_functions(Scope& universe) {
  universe.set("columns", make_builtin("columns", columns));
  universe.set("keys", make_builtin("keys", keys));
  universe.set("keyValues", make_builtin("keyValues", key_values));
  universe.set("mode", make_builtin("mode", mode));
  universe.set("sample", make_builtin("sample", sample));
}

}  // namespace tidewater::query::flux
