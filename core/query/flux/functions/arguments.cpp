#include "core/query/flux/functions/arguments.h"

#include "core/query/flux/functions/registry.h"
#include "core/query/table_ops.h"

namespace tidewater::query::flux {

namespace {
Status wrong_type(const Arguments& args, std::string_view fn, std::string_view name, std::string_view want,
                  const Value& got) {
  return argument_error(args, fn, "argument " + std::string(name) + " must be " + std::string(want) + ", got " +
                                      std::string(kind_name(got.kind())));
}
Status missing(const Arguments& args, std::string_view fn, std::string_view name) {
  return argument_error(args, fn, "missing required argument " + std::string(name));
}
}  // namespace

Result<std::vector<std::string>> string_list_argument(const Arguments& args, std::string_view fn,
                                                      std::string_view name,
                                                      const std::vector<std::string>* default_value) {
  const Value* v = args.get(name);
  if (v == nullptr) {
    if (default_value) return *default_value;
    return missing(args, fn, name);
  }
  if (!v->is(Value::Kind::kArray)) return wrong_type(args, fn, name, "an array of strings", *v);
  std::vector<std::string> out;
  for (const auto& el : v->as_array().elements) {
    if (!el.is(Value::Kind::kString)) return wrong_type(args, fn, name, "an array of strings", el);
    out.push_back(el.as_string());
  }
  return out;
}

Result<bool> bool_argument(const Arguments& args, std::string_view fn, std::string_view name, bool default_value) {
  const Value* v = args.get(name);
  if (v == nullptr) return default_value;
  if (!v->is(Value::Kind::kBool)) return wrong_type(args, fn, name, "a bool", *v);
  return v->as_bool();
}

Result<int64_t> int_argument(const Arguments& args, std::string_view fn, std::string_view name,
                             const int64_t* default_value) {
  const Value* v = args.get(name);
  if (v == nullptr) {
    if (default_value) return *default_value;
    return missing(args, fn, name);
  }
  if (!v->is(Value::Kind::kInt)) return wrong_type(args, fn, name, "an int", *v);
  return v->as_int();
}

Result<double> float_argument(const Arguments& args, std::string_view fn, std::string_view name,
                              const double* default_value) {
  const Value* v = args.get(name);
  if (v == nullptr) {
    if (default_value) return *default_value;
    return missing(args, fn, name);
  }
  if (v->is(Value::Kind::kFloat)) return v->as_float();
  if (v->is(Value::Kind::kInt)) return static_cast<double>(v->as_int());
  return wrong_type(args, fn, name, "a float", *v);
}

Result<DurationValue> duration_argument(const Arguments& args, std::string_view fn, std::string_view name,
                                        const DurationValue* default_value) {
  const Value* v = args.get(name);
  if (v == nullptr) {
    if (default_value) return *default_value;
    return missing(args, fn, name);
  }
  if (!v->is(Value::Kind::kDuration)) return wrong_type(args, fn, name, "a duration", *v);
  return v->as_duration();
}

Result<std::shared_ptr<const Function>> function_argument(const Arguments& args, std::string_view fn,
                                                          std::string_view name, bool required) {
  const Value* v = args.get(name);
  if (v == nullptr) {
    if (required) return missing(args, fn, name);
    return std::shared_ptr<const Function>();
  }
  if (!v->is(Value::Kind::kFunction)) return wrong_type(args, fn, name, "a function", *v);
  return v->as_function();
}

Value stream_value(std::shared_ptr<const TableStream> stream) { return Value(std::move(stream)); }

Result<Value> transform_stream(const Arguments& args, std::string_view fn, StreamTransform transform) {
  auto input = piped_tables(args, fn);
  if (!input.ok()) return input.status();
  return stream_value(std::make_shared<DerivedStream>(*input, std::move(transform)));
}

Result<Value> transform_each_table(const Arguments& args, std::string_view fn, TableTransform transform,
                                   bool merge_keys) {
  return transform_stream(
      args, fn, [transform, merge_keys](Interpreter& interp, std::vector<Table> tables) -> Result<std::vector<Table>> {
        for (auto& t : tables) {
          Status s = transform(interp, t);
          if (!s.ok()) return s;
        }
        if (merge_keys) return merge_equal_keys(std::move(tables));
        return tables;
      });
}

Value row_record(const Table& t, size_t row) {
  auto rec = std::make_shared<Record>();
  rec->properties.reserve(t.columns.size());
  for (const auto& c : t.columns) rec->properties.emplace_back(c.name, value_from_column(c, row));
  return Value(std::shared_ptr<const Record>(rec));
}

Result<Value> call_function(Interpreter& interp, const Function& fn, const Span& span,
                            std::vector<std::pair<std::string, Value>> named, std::optional<Value> pipe) {
  Arguments a;
  a.span = span;
  a.named = std::move(named);
  a.pipe = std::move(pipe);
  return interp.call(fn, a);
}

Status column_missing(const Span& span, std::string_view fn, std::string_view column) {
  return Interpreter::error_at(span, std::string(fn) + ": column \"" + std::string(column) + "\" does not exist");
}

}  // namespace tidewater::query::flux
