// Extracting scalars from streams: tableFind, getColumn, getRecord, findColumn, findRecord.
//
// A single table is represented as a stream holding just that table; getColumn and getRecord
// take it piped in.
#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/functions/registry.h"

namespace tidewater::query::flux {

namespace {

Value key_record(const GroupKey& key) {
  auto rec = std::make_shared<Record>();
  for (const auto& e : key.entries) rec->properties.emplace_back(e.name, value_from_cell(e.type, e.value));
  return Value(std::shared_ptr<const Record>(rec));
}

// The first table of the piped stream whose key satisfies fn(key), or null.
Result<std::optional<Table>> find_table(Interpreter& interp, const Arguments& args, std::string_view fn_name) {
  auto input = piped_tables(args, fn_name);
  if (!input.ok()) return input.status();
  auto fn = function_argument(args, fn_name, "fn", true);
  if (!fn.ok()) return fn.status();
  auto tables = (*input)->tables(interp);
  if (!tables.ok()) return tables.status();
  for (auto& t : *tables) {
    auto v = call_function(interp, **fn, args.span, {{"key", key_record(t.key)}});
    if (!v.ok()) return v.status();
    if (!v->is(Value::Kind::kBool)) return Interpreter::error_at(args.span, std::string(fn_name) + ": fn must return a bool");
    if (v->as_bool()) return std::optional<Table>(std::move(t));
  }
  return std::optional<Table>();
}

Result<Value> column_values(const Table& t, const std::string& column, const Span& span, std::string_view fn) {
  const Column* c = t.column(column);
  if (c == nullptr) return column_missing(span, fn, column);
  auto arr = std::make_shared<Array>();
  arr->elements.reserve(c->size());
  for (size_t i = 0; i < c->size(); ++i) arr->elements.push_back(value_from_column(*c, i));
  return Value(std::shared_ptr<const Array>(arr));
}

Result<Value> record_at(const Table& t, int64_t idx, const Span& span, std::string_view fn) {
  if (idx < 0 || static_cast<size_t>(idx) >= t.rows()) {
    return Interpreter::error_at(span, std::string(fn) + ": index out of bounds: " + std::to_string(idx));
  }
  return row_record(t, static_cast<size_t>(idx));
}

Result<Value> table_find(Interpreter& interp, const Arguments& args) {
  Status s = check_known_arguments(args, "tableFind", {"fn"});
  if (!s.ok()) return s;
  auto t = find_table(interp, args, "tableFind");
  if (!t.ok()) return t.status();
  if (!*t) return Interpreter::error_at(args.span, "tableFind: no table found");
  return stream_value(std::make_shared<TableList>(std::vector<Table>{std::move(**t)}));
}

// The single table piped into getColumn/getRecord.
Result<Table> piped_table(Interpreter& interp, const Arguments& args, std::string_view fn) {
  auto input = piped_tables(args, fn);
  if (!input.ok()) return input.status();
  auto tables = (*input)->tables(interp);
  if (!tables.ok()) return tables.status();
  if (tables->empty()) return Interpreter::error_at(args.span, std::string(fn) + ": no table");
  return std::move((*tables)[0]);
}

Result<Value> get_column(Interpreter& interp, const Arguments& args) {
  Status s = check_known_arguments(args, "getColumn", {"column"});
  if (!s.ok()) return s;
  auto column = string_argument(args, "getColumn", "column");
  if (!column.ok()) return column.status();
  auto t = piped_table(interp, args, "getColumn");
  if (!t.ok()) return t.status();
  return column_values(*t, *column, args.span, "getColumn");
}

Result<Value> get_record(Interpreter& interp, const Arguments& args) {
  Status s = check_known_arguments(args, "getRecord", {"idx"});
  if (!s.ok()) return s;
  auto idx = int_argument(args, "getRecord", "idx");
  if (!idx.ok()) return idx.status();
  auto t = piped_table(interp, args, "getRecord");
  if (!t.ok()) return t.status();
  return record_at(*t, *idx, args.span, "getRecord");
}

// findColumn: the column of the first matching table, or an empty array.
Result<Value> find_column(Interpreter& interp, const Arguments& args) {
  Status s = check_known_arguments(args, "findColumn", {"fn", "column"});
  if (!s.ok()) return s;
  auto column = string_argument(args, "findColumn", "column");
  if (!column.ok()) return column.status();
  auto t = find_table(interp, args, "findColumn");
  if (!t.ok()) return t.status();
  if (!*t || (*t)->column(*column) == nullptr) return Value(std::shared_ptr<const Array>(std::make_shared<Array>()));
  return column_values(**t, *column, args.span, "findColumn");
}

// findRecord: row idx of the first matching table, or an empty record.
Result<Value> find_record(Interpreter& interp, const Arguments& args) {
  Status s = check_known_arguments(args, "findRecord", {"fn", "idx"});
  if (!s.ok()) return s;
  auto idx = int_argument(args, "findRecord", "idx");
  if (!idx.ok()) return idx.status();
  auto t = find_table(interp, args, "findRecord");
  if (!t.ok()) return t.status();
  if (!*t || *idx < 0 || static_cast<size_t>(*idx) >= (*t)->rows()) {
    return Value(std::shared_ptr<const Record>(std::make_shared<Record>()));
  }
  return record_at(**t, *idx, args.span, "findRecord");
}

}  // namespace

void register_table_find_functions(Scope& universe) {
  universe.set("tableFind", make_builtin("tableFind", table_find));
  universe.set("getColumn", make_builtin("getColumn", get_column));
  universe.set("getRecord", make_builtin("getRecord", get_record));
  universe.set("findColumn", make_builtin("findColumn", find_column));
  universe.set("findRecord", make_builtin("findRecord", find_record));
}

}  // namespace tidewater::query::flux
