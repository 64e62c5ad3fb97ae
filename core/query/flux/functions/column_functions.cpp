// Column edits that keep rows as they are: keep, drop, rename, duplicate, set.
//
// Removing or renaming a column also removes or renames it in the group key.
#include <algorithm>

#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/table_ops.h"

namespace tidewater::query::flux {

namespace {

// Which columns a keep()/drop() names: a list, or a predicate on the label.
struct ColumnSelector {
  std::vector<std::string> names;
  std::shared_ptr<const Function> fn;
  Span span;

  Result<bool> matches(Interpreter& interp, const std::string& label) const {
    if (!fn) return std::find(names.begin(), names.end(), label) != names.end();
    auto v = call_function(interp, *fn, span, {{"column", Value(label)}});
    if (!v.ok()) return v.status();
    if (!v->is(Value::Kind::kBool)) return Interpreter::error_at(span, "fn must return a bool");
    return v->as_bool();
  }
};

Result<ColumnSelector> column_selector(const Arguments& args, std::string_view fn) {
  Status s = check_known_arguments(args, fn, {"columns", "fn"});
  if (!s.ok()) return s;
  ColumnSelector sel;
  sel.span = args.span;
  auto f = function_argument(args, fn, "fn", false);
  if (!f.ok()) return f.status();
  sel.fn = *f;
  if (!sel.fn) {
    std::vector<std::string> none;
    auto cols = string_list_argument(args, fn, "columns", args.get("columns") ? nullptr : &none);
    if (!cols.ok()) return cols.status();
    if (args.get("columns") == nullptr) return argument_error(args, fn, "must specify columns or fn");
    sel.names = std::move(cols).value();
  }
  return sel;
}

// Keeps the columns for which keep_column says true (in their order), and their key entries.
Status retain_columns(Interpreter& interp, Table& t, const ColumnSelector& sel, bool keep_matching) {
  std::vector<Column> cols;
  GroupKey key;
  for (auto& c : t.columns) {
    auto m = sel.matches(interp, c.name);
    if (!m.ok()) return m.status();
    if (*m != keep_matching) continue;
    if (const auto* e = t.key.find(c.name)) key.entries.push_back(*e);
    cols.push_back(std::move(c));
  }
  t.columns = std::move(cols);
  t.key = std::move(key);
  return Status::Ok();
}

Result<Value> keep(Interpreter&, const Arguments& args) {
  auto sel = column_selector(args, "keep");
  if (!sel.ok()) return sel.status();
  ColumnSelector s = std::move(sel).value();
  return transform_each_table(args, "keep", [s](Interpreter& in, Table& t) { return retain_columns(in, t, s, true); }, true);
}

Result<Value> drop(Interpreter&, const Arguments& args) {
  auto sel = column_selector(args, "drop");
  if (!sel.ok()) return sel.status();
  ColumnSelector s = std::move(sel).value();
  return transform_each_table(args, "drop", [s](Interpreter& in, Table& t) { return retain_columns(in, t, s, false); }, true);
}

Result<Value> rename(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "rename", {"columns", "fn"});
  if (!s.ok()) return s;
  auto fn = function_argument(args, "rename", "fn", false);
  if (!fn.ok()) return fn.status();
  std::vector<std::pair<std::string, std::string>> mapping;
  if (const Value* cols = args.get("columns")) {
    if (!cols->is(Value::Kind::kRecord)) return argument_error(args, "rename", "columns must be a record");
    for (const auto& [from, to] : cols->as_record().properties) {
      if (!to.is(Value::Kind::kString)) return argument_error(args, "rename", "new column names must be strings");
      mapping.emplace_back(from, to.as_string());
    }
  } else if (!*fn) {
    return argument_error(args, "rename", "must specify columns or fn");
  }
  auto rename_fn = *fn;
  Span span = args.span;
  return transform_each_table(args, "rename", [mapping, rename_fn, span](Interpreter& in, Table& t) -> Status {
    for (auto& c : t.columns) {
      std::string to = c.name;
      if (rename_fn) {
        auto v = call_function(in, *rename_fn, span, {{"column", Value(c.name)}});
        if (!v.ok()) return v.status();
        if (!v->is(Value::Kind::kString)) return Interpreter::error_at(span, "rename: fn must return a string");
        to = v->as_string();
      } else {
        for (const auto& m : mapping) {
          if (m.first == c.name) to = m.second;
        }
      }
      if (to == c.name) continue;
      for (auto& e : t.key.entries) {
        if (e.name == c.name) e.name = to;
      }
      c.name = to;
    }
    return Status::Ok();
  }, true);
}

Result<Value> duplicate(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "duplicate", {"column", "as"});
  if (!s.ok()) return s;
  auto column = string_argument(args, "duplicate", "column");
  if (!column.ok()) return column.status();
  auto as = string_argument(args, "duplicate", "as");
  if (!as.ok()) return as.status();
  std::string from = *column, to = *as;
  Span span = args.span;
  return transform_each_table(args, "duplicate", [from, to, span](Interpreter&, Table& t) -> Status {
    const Column* src = t.column(from);
    if (src == nullptr) return column_missing(span, "duplicate", from);
    Column copy = *src;
    copy.name = to;
    int idx = t.column_index(to);
    if (idx >= 0) {
      // Overwriting a key column changes the key's value to the copied one.
      for (auto& e : t.key.entries) {
        if (e.name == to) {
          e.type = copy.type;
          e.value = copy.size() > 0 ? copy.cell(0) : Cell{};
        }
      }
      t.columns[idx] = std::move(copy);
    } else {
      t.columns.push_back(std::move(copy));
    }
    return Status::Ok();
  }, true);
}

Result<Value> set(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "set", {"key", "value"});
  if (!s.ok()) return s;
  auto key = string_argument(args, "set", "key");
  if (!key.ok()) return key.status();
  auto value = required_argument(args, "set", "value");
  if (!value.ok()) return value.status();
  ColumnType type;
  if (!column_type_of(*value, &type)) return argument_error(args, "set", "value must be a basic type");
  std::string name = *key;
  Cell cell = cell_from_value(*value);
  return transform_each_table(args, "set", [name, type, cell](Interpreter&, Table& t) -> Status {
    set_column_value(t, name, type, cell);
    return Status::Ok();
  }, true);
}

}  // namespace

void set_column_value(Table& t, const std::string& name, ColumnType type, const Cell& cell) {
  if (t.key.has(name)) {
    set_key_column(t, name, type, cell);
    return;
  }
  Column c = constant_column(name, type, cell, t.rows());
  int idx = t.column_index(name);
  if (idx >= 0) {
    t.columns[idx] = std::move(c);
  } else {
    t.columns.push_back(std::move(c));
  }
}

void register_column_functions(Scope& universe) {
  universe.set("keep", make_builtin("keep", keep));
  universe.set("drop", make_builtin("drop", drop));
  universe.set("rename", make_builtin("rename", rename));
  universe.set("duplicate", make_builtin("duplicate", duplicate));
  universe.set("set", make_builtin("set", set));
}

}  // namespace tidewater::query::flux
