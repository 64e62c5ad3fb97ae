// experimental's table functions that the monitor package is built on (Flux's stdlib defines
// monitor.check and monitor.notify with them): set (several static columns), group with
// mode "extend" (adds columns to the group key), objectKeys, and to (group-key columns become
// tags, the other columns fields).
#include <algorithm>
#include <cmath>

#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/table_ops.h"

namespace tidewater::query::flux {

namespace {

Result<const Record*> experimental_record_argument(const Arguments& args, std::string_view fn) {
  const Value* o = args.get("o");
  if (o == nullptr) return argument_error(args, fn, "missing required argument o");
  if (!o->is(Value::Kind::kRecord)) return argument_error(args, fn, "argument o must be a record");
  return &o->as_record();
}

Result<Value> experimental_set(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "experimental.set", {"o"});
  if (!s.ok()) return s;
  auto o = experimental_record_argument(args, "experimental.set");
  if (!o.ok()) return o.status();
  std::vector<std::tuple<std::string, ColumnType, Cell>> columns;
  for (const auto& [name, value] : (*o)->properties) {
    ColumnType type;
    if (!column_type_of(value, &type)) return argument_error(args, "experimental.set", "value of " + name + " must be a basic type");
    columns.emplace_back(name, type, cell_from_value(value));
  }
  return transform_each_table(args, "experimental.set", [columns](Interpreter&, Table& t) -> Status {
    for (const auto& [name, type, cell] : columns) set_column_value(t, name, type, cell);
    return Status::Ok();
  }, true);
}

// group(columns:, mode: "extend"): each table's key plus the named columns, rows split by them.
Result<Value> experimental_group(Interpreter&, const Arguments& args) {
  Status s = check_known_arguments(args, "experimental.group", {"columns", "mode"});
  if (!s.ok()) return s;
  auto columns = string_list_argument(args, "experimental.group", "columns");
  if (!columns.ok()) return columns.status();
  auto mode = string_argument(args, "experimental.group", "mode");
  if (!mode.ok()) return mode.status();
  if (*mode != "extend") return argument_error(args, "experimental.group", "mode must be \"extend\"");
  std::vector<std::string> added = *columns;
  return transform_stream(args, "experimental.group", [added](Interpreter&, std::vector<Table> tables) -> Result<std::vector<Table>> {
    TableBuilderSet builders;
    for (const Table& t : tables) {
      std::vector<std::string> names;
      for (const auto& e : t.key.entries) names.push_back(e.name);
      for (const auto& name : added)
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
      if (t.rows() == 0) {
        builders.table_for(key_for_columns(t, names, 0));
        continue;
      }
      for (size_t r = 0; r < t.rows(); ++r) builders.append_row(builders.table_for(key_for_columns(t, names, r)), t, r);
    }
    std::vector<Table> out = builders.take(false);
    for (auto& t : out)
      if (t.columns.empty())
        for (const auto& e : t.key.entries) t.columns.emplace_back(e.name, e.type);
    return out;
  });
}

Result<Value> experimental_object_keys(Interpreter&, const Arguments& args) {
  auto o = experimental_record_argument(args, "experimental.objectKeys");
  if (!o.ok()) return o.status();
  auto keys = std::make_shared<Array>();
  for (const auto& property : (*o)->properties) keys->elements.emplace_back(property.first);
  return Value(std::shared_ptr<const Array>(keys));
}

bool experimental_field_value(const Column& c, size_t row, model::FieldValue* out) {
  if (c.is_null(row)) return false;
  switch (c.type) {
    case ColumnType::kFloat:
      if (!std::isfinite(c.floats[row])) return false;
      *out = c.floats[row];
      return true;
    case ColumnType::kInt: *out = c.ints[row]; return true;
    case ColumnType::kUInt: *out = c.uints[row]; return true;
    case ColumnType::kString: *out = c.strings[row]; return true;
    case ColumnType::kBool: *out = c.bools[row] != 0; return true;
    default: return false;
  }
}

}  // namespace

Result<std::vector<model::Point>> rows_as_tagged_points(const Table& t, const Span& span) {
  const Column* meas = t.column("_measurement");
  const Column* time = t.column("_time");
  if (meas == nullptr || meas->type != ColumnType::kString) return column_missing(span, "experimental.to", "_measurement");
  if (time == nullptr || time->type != ColumnType::kTime) return column_missing(span, "experimental.to", "_time");
  std::vector<const Column*> tags, fields;
  for (const auto& c : t.columns) {
    // _field names a field, never a tag (rows that were not pivoted keep their _value).
    if (c.name == "_measurement" || c.name == "_time" || c.name == "_start" || c.name == "_stop" || c.name == "_field") continue;
    (t.key.has(c.name) ? tags : fields).push_back(&c);
  }
  std::sort(tags.begin(), tags.end(), [](const Column* a, const Column* b) { return a->name < b->name; });
  std::vector<model::Point> out;
  for (size_t r = 0; r < t.rows(); ++r) {
    if (meas->is_null(r) || time->is_null(r)) continue;
    model::Point p;
    p.measurement = meas->strings[r];
    p.time = time->ints[r];
    for (const Column* c : tags) {
      const Cell cell = c->cell(r);
      if (cell.is_null()) continue;
      std::string text = std::holds_alternative<std::string>(cell.data) ? std::get<std::string>(cell.data)
                                                                        : value_to_display_string(value_from_cell(c->type, cell));
      if (!text.empty()) p.tags.push_back({c->name, std::move(text)});
    }
    for (const Column* c : fields) {
      model::FieldValue f;
      if (experimental_field_value(*c, r, &f)) p.fields.push_back({c->name, std::move(f)});
    }
    if (!p.fields.empty()) out.push_back(std::move(p));
  }
  return out;
}

namespace {

Result<Value> experimental_to(Interpreter& interp, const Arguments& args) {
  Status s = check_known_arguments(args, "experimental.to", {"bucket", "org"});
  if (!s.ok()) return s;
  auto bucket = string_argument(args, "experimental.to", "bucket");
  if (!bucket.ok()) return bucket.status();
  if (!interp.context().write_points) return argument_error(args, "experimental.to", "writing is not available here");
  const std::string name = *bucket;
  const Span span = args.span;
  return transform_stream(args, "experimental.to", [name, span](Interpreter& in, std::vector<Table> tables) -> Result<std::vector<Table>> {
    std::vector<model::Point> points;
    for (const auto& t : tables) {
      auto p = rows_as_tagged_points(t, span);
      if (!p.ok()) return p.status();
      for (auto& pt : *p) points.push_back(std::move(pt));
    }
    if (!points.empty()) {
      Status w = in.context().write_points(name, points);
      if (!w.ok()) return w;
    }
    return tables;
  });
}

}  // namespace

void add_experimental_table_functions(std::vector<std::pair<std::string, Value>>& members) {
  members.emplace_back("set", make_builtin("set", experimental_set));
  members.emplace_back("group", make_builtin("group", experimental_group));
  members.emplace_back("objectKeys", make_builtin("objectKeys", experimental_object_keys));
  members.emplace_back("to", make_builtin("to", experimental_to));
}

}  // namespace tidewater::query::flux
