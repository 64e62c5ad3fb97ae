// Functions that reach outside the query: to() writes rows back as points, buckets() lists
// the buckets the caller can read. Both go through hooks of the FluxContext, so permission
// checks stay with the caller (the API layer), as in InfluxDB.
#include <algorithm>
#include <cmath>

#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/flux/interpreter.h"

namespace tidewater::query::flux {

namespace {

// A cell as a field value; false for nulls and types a field cannot hold.
bool field_value_of(const Column& c, size_t row, model::FieldValue* out) {
  if (c.is_null(row)) return false;
  switch (c.type) {
    case ColumnType::kFloat: *out = c.floats[row]; return true;
    case ColumnType::kInt: *out = c.ints[row]; return true;
    case ColumnType::kUInt: *out = c.uints[row]; return true;
    case ColumnType::kString: *out = c.strings[row]; return true;
    case ColumnType::kBool: *out = c.bools[row] != 0; return true;
    default: return false;
  }
}

bool field_value_of(const Value& v, model::FieldValue* out) {
  switch (v.kind()) {
    case Value::Kind::kFloat: *out = v.as_float(); return true;
    case Value::Kind::kInt: *out = v.as_int(); return true;
    case Value::Kind::kUInt: *out = v.as_uint(); return true;
    case Value::Kind::kString: *out = v.as_string(); return true;
    case Value::Kind::kBool: *out = v.as_bool(); return true;
    default: return false;
  }
}

struct ToOptions {
  std::string bucket;
  std::string measurement_column = "_measurement";
  std::string time_column = "_time";
  std::optional<std::vector<std::string>> tag_columns;
  std::shared_ptr<const Function> field_fn;
  Span span;
};

// The rows of t as points: one per row, tags from tag columns (empty values skipped).
Result<std::vector<model::Point>> points_of(Interpreter& interp, const Table& t, const ToOptions& o) {
  const Column* meas = t.column(o.measurement_column);
  const Column* time = t.column(o.time_column);
  if (meas == nullptr || meas->type != ColumnType::kString) return column_missing(o.span, "to", o.measurement_column);
  if (time == nullptr || time->type != ColumnType::kTime) return column_missing(o.span, "to", o.time_column);
  const Column* field = o.field_fn ? nullptr : t.column("_field");
  const Column* value = o.field_fn ? nullptr : t.column("_value");
  if (!o.field_fn && (field == nullptr || field->type != ColumnType::kString)) return column_missing(o.span, "to", "_field");
  if (!o.field_fn && value == nullptr) return column_missing(o.span, "to", "_value");
  std::vector<const Column*> tags;
  for (const auto& c : t.columns) {
    bool is_tag;
    if (o.tag_columns) {
      is_tag = std::find(o.tag_columns->begin(), o.tag_columns->end(), c.name) != o.tag_columns->end();
    } else {
      is_tag = c.type == ColumnType::kString && c.name != o.measurement_column && c.name != "_field" &&
               c.name != "_value";
    }
    if (is_tag) tags.push_back(&c);
  }
  std::sort(tags.begin(), tags.end(), [](const Column* a, const Column* b) { return a->name < b->name; });
  std::vector<model::Point> out;
  for (size_t r = 0; r < t.rows(); ++r) {
    if (meas->is_null(r) || time->is_null(r)) continue;
    model::Point p;
    p.measurement = meas->strings[r];
    p.time = time->ints[r];
    for (const Column* c : tags) {
      if (c->is_null(r) || c->type != ColumnType::kString || c->strings[r].empty()) continue;
      p.tags.push_back({c->name, c->strings[r]});
    }
    if (o.field_fn) {
      auto v = call_function(interp, *o.field_fn, o.span, {{"r", row_record(t, r)}});
      if (!v.ok()) return v.status();
      if (!v->is(Value::Kind::kRecord)) return Interpreter::error_at(o.span, "to: fieldFn must return a record");
      for (const auto& [name, fv] : v->as_record().properties) {
        model::FieldValue f;
        if (field_value_of(fv, &f)) p.fields.push_back({name, std::move(f)});
      }
    } else {
      model::FieldValue f;
      if (field->is_null(r) || !field_value_of(*value, r, &f)) continue;
      if (const double* d = std::get_if<double>(&f); d && !std::isfinite(*d)) continue;
      p.fields.push_back({field->strings[r], std::move(f)});
    }
    if (!p.fields.empty()) out.push_back(std::move(p));
  }
  return out;
}

Result<Value> to(Interpreter& interp, const Arguments& args) {
  Status s = check_known_arguments(args, "to", {"bucket", "bucketID", "org", "orgID", "host", "token", "timeColumn",
                                                "measurementColumn", "tagColumns", "fieldFn"});
  if (!s.ok()) return s;
  for (const char* unsupported : {"bucketID", "orgID", "host", "token"}) {
    if (args.get(unsupported) != nullptr) {
      return argument_error(args, "to", std::string(unsupported) + " is not supported; use bucket (and org)");
    }
  }
  ToOptions o;
  o.span = args.span;
  auto bucket = string_argument(args, "to", "bucket");
  if (!bucket.ok()) return bucket.status();
  o.bucket = *bucket;
  auto tc = string_argument(args, "to", "timeColumn", &o.time_column);
  if (!tc.ok()) return tc.status();
  o.time_column = *tc;
  auto mc = string_argument(args, "to", "measurementColumn", &o.measurement_column);
  if (!mc.ok()) return mc.status();
  o.measurement_column = *mc;
  if (args.get("tagColumns") != nullptr) {
    auto tags = string_list_argument(args, "to", "tagColumns");
    if (!tags.ok()) return tags.status();
    o.tag_columns = *tags;
  }
  auto ff = function_argument(args, "to", "fieldFn", false);
  if (!ff.ok()) return ff.status();
  o.field_fn = *ff;
  if (!interp.context().write_points) return argument_error(args, "to", "writing is not available here");
  return transform_stream(args, "to", [o](Interpreter& in, std::vector<Table> tables) -> Result<std::vector<Table>> {
    std::vector<model::Point> points;
    for (const auto& t : tables) {
      auto p = points_of(in, t, o);
      if (!p.ok()) return p.status();
      for (auto& pt : *p) points.push_back(std::move(pt));
    }
    if (!points.empty()) {
      Status w = in.context().write_points(o.bucket, points);
      if (!w.ok()) return w;
    }
    return tables;
  });
}

Result<Value> buckets(Interpreter& interp, const Arguments& args) {
  Status s = check_known_arguments(args, "buckets", {"host", "org", "orgID", "token"});
  if (!s.ok()) return s;
  if (!interp.context().list_buckets) return argument_error(args, "buckets", "listing buckets is not available here");
  auto list = interp.context().list_buckets();
  if (!list.ok()) return list.status();
  Table t;
  Column name("name", ColumnType::kString), id("id", ColumnType::kString), org("organizationID", ColumnType::kString),
      rp("retentionPolicy", ColumnType::kString), period("retentionPeriod", ColumnType::kInt);
  for (const auto& b : *list) {
    name.strings.push_back(b.name);
    id.strings.push_back(b.id);
    org.strings.push_back(b.organization_id);
    rp.append_null();
    period.ints.push_back(b.retention_ns);
  }
  t.columns = {std::move(name), std::move(id), std::move(org), std::move(rp), std::move(period)};
  return stream_value(std::make_shared<TableList>(std::vector<Table>{std::move(t)}));
}

}  // namespace

void register_output_functions(Scope& universe) {
  universe.set("to", make_builtin("to", to));
  universe.set("buckets", make_builtin("buckets", buckets));
}

}  // namespace tidewater::query::flux
