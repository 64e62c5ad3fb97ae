// In-memory sources and small packages: csv.from(csv:), array.from(rows:), internal/debug
// (slurp, pass: identities here, since streams are materialized anyway) and internal/influxql
// (minTime, maxTime).
#include "core/query/csv/annotated_csv_reader.h"
#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/functions/registry.h"

namespace tidewater::query::flux {

namespace {

Result<Value> csv_from(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "csv.from", {"csv", "file", "mode"});
  if (!s.ok()) return s;
  if (args.get("file") != nullptr) return argument_error(args, "csv.from", "reading files is not supported; use csv");
  auto text = string_argument(args, "csv.from", "csv");
  if (!text.ok()) return text.status();
  auto results = read_annotated_csv(*text);
  if (!results.ok()) return argument_error(args, "csv.from", results.status().message());
  std::vector<Table> tables;
  for (auto& r : *results) {
    for (auto& t : r.tables) tables.push_back(std::move(t));
  }
  return stream_value(std::make_shared<TableList>(std::move(tables)));
}

// array.from(rows): one table without a group key; columns in the first record's order.
Result<Value> array_from(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "array.from", {"rows"});
  if (!s.ok()) return s;
  auto rows = required_argument(args, "array.from", "rows");
  if (!rows.ok()) return rows.status();
  if (!rows->is(Value::Kind::kArray)) return argument_error(args, "array.from", "rows must be an array of records");
  Table t;
  const auto& els = rows->as_array().elements;
  for (size_t r = 0; r < els.size(); ++r) {
    if (!els[r].is(Value::Kind::kRecord)) return argument_error(args, "array.from", "rows must be an array of records");
    for (const auto& [name, v] : els[r].as_record().properties) {
      ColumnType type;
      if (t.column(name) != nullptr || !column_type_of(v, &type)) continue;
      Column c(name, type);
      for (size_t i = 0; i < r; ++i) c.append_null();
      t.columns.push_back(std::move(c));
    }
    for (auto& c : t.columns) {
      const Value* v = els[r].as_record().get(c.name);
      ColumnType type;
      if (v == nullptr || !column_type_of(*v, &type) || type != c.type) {
        if (v != nullptr && !v->is_null() && column_type_of(*v, &type) && type != c.type) {
          return argument_error(args, "array.from", "column \"" + c.name + "\" has values of different types");
        }
        c.append_null();
      } else {
        c.append(cell_from_value(*v));
      }
    }
  }
  return stream_value(std::make_shared<TableList>(std::vector<Table>{std::move(t)}));
}

Result<Value> identity(Interpreter&, const Arguments& args) {
  auto input = piped_tables(args, "debug");
  if (!input.ok()) return input.status();
  return stream_value(*input);
}

}  // namespace

void register_source_packages(PackageMap& packages) {
  packages["csv"] = make_package({{"from", make_builtin("from", csv_from)}});
  packages["array"] = make_package({{"from", make_builtin("from", array_from)}});
  packages["internal/debug"] = make_package({{"slurp", make_builtin("slurp", identity)}, {"pass", make_builtin("pass", identity)}});
  // InfluxQL's time bounds: the int64 range minus the values storage reserves.
  packages["internal/influxql"] = make_package({{"minTime", Value(TimeValue{INT64_MIN + 2})},
                                           {"maxTime", Value(TimeValue{INT64_MAX - 1})}});
}

}  // namespace tidewater::query::flux
