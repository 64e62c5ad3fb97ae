// now() and the type conversions time(), int(), float(), string(), bool().
#include <charconv>
#include <fast_float/fast_float.h>

#include "core/model/format.h"
#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/flux/interpreter.h"

namespace tidewater::query::flux {

namespace {

Result<Value> now(Interpreter& interp, const Arguments& args) {
  // The context's time, unless the script set `option now`: options are global, so package
  // functions (monitor.check's _time) that call the universe's now() see it too.
  auto t = interp.now();
  if (!t.ok()) return t.status();
  return Value(TimeValue{*t});
}

Result<Value> to_time(Interpreter&, const Arguments& args) {
  auto v = required_argument(args, "time", "v");
  if (!v.ok()) return v;
  switch (v->kind()) {
    case Value::Kind::kNull:
    case Value::Kind::kTime: return v;
    case Value::Kind::kInt: return Value(TimeValue{v->as_int()});
    case Value::Kind::kUInt: return Value(TimeValue{static_cast<int64_t>(v->as_uint())});
    case Value::Kind::kString: {
      int64_t ns;
      if (!model::parse_rfc3339(v->as_string(), &ns)) {
        return argument_error(args, "time", "cannot convert string \"" + v->as_string() + "\" to time");
      }
      return Value(TimeValue{ns});
    }
    default:
      return argument_error(args, "time", "cannot convert " + std::string(kind_name(v->kind())) + " to time");
  }
}

Result<Value> to_int(Interpreter&, const Arguments& args) {
  auto v = required_argument(args, "int", "v");
  if (!v.ok()) return v;
  switch (v->kind()) {
    case Value::Kind::kNull:
    case Value::Kind::kInt: return v;
    case Value::Kind::kUInt: return Value(static_cast<int64_t>(v->as_uint()));
    case Value::Kind::kFloat: return Value(static_cast<int64_t>(v->as_float()));
    case Value::Kind::kBool: return Value(int64_t{v->as_bool() ? 1 : 0});
    case Value::Kind::kTime: return Value(v->as_time().unix_nanos);
    case Value::Kind::kDuration: return Value(v->as_duration().nanos);
    case Value::Kind::kString: {
      const std::string& s = v->as_string();
      int64_t out;
      auto r = std::from_chars(s.data(), s.data() + s.size(), out);
      if (r.ec != std::errc() || r.ptr != s.data() + s.size()) {
        return argument_error(args, "int", "cannot convert string \"" + s + "\" to int");
      }
      return Value(out);
    }
    default:
      return argument_error(args, "int", "cannot convert " + std::string(kind_name(v->kind())) + " to int");
  }
}

Result<Value> to_float(Interpreter&, const Arguments& args) {
  auto v = required_argument(args, "float", "v");
  if (!v.ok()) return v;
  switch (v->kind()) {
    case Value::Kind::kNull:
    case Value::Kind::kFloat: return v;
    case Value::Kind::kInt: return Value(static_cast<double>(v->as_int()));
    case Value::Kind::kUInt: return Value(static_cast<double>(v->as_uint()));
    case Value::Kind::kBool: return Value(v->as_bool() ? 1.0 : 0.0);
    case Value::Kind::kString: {
      const std::string& s = v->as_string();
      double out;
      auto r = fast_float::from_chars(s.data(), s.data() + s.size(), out);
      if (r.ec != std::errc() || r.ptr != s.data() + s.size()) {
        return argument_error(args, "float", "cannot convert string \"" + s + "\" to float");
      }
      return Value(out);
    }
    default:
      return argument_error(args, "float", "cannot convert " + std::string(kind_name(v->kind())) + " to float");
  }
}

Result<Value> to_string(Interpreter&, const Arguments& args) {
  auto v = required_argument(args, "string", "v");
  if (!v.ok()) return v;
  switch (v->kind()) {
    case Value::Kind::kNull:
    case Value::Kind::kString: return v;
    case Value::Kind::kInt:
    case Value::Kind::kUInt:
    case Value::Kind::kFloat:
    case Value::Kind::kBool:
    case Value::Kind::kTime:
    case Value::Kind::kDuration: return Value(value_to_display_string(*v));
    default:
      return argument_error(args, "string", "cannot convert " + std::string(kind_name(v->kind())) + " to string");
  }
}

Result<Value> to_bool(Interpreter&, const Arguments& args) {
  auto v = required_argument(args, "bool", "v");
  if (!v.ok()) return v;
  switch (v->kind()) {
    case Value::Kind::kNull:
    case Value::Kind::kBool: return v;
    case Value::Kind::kInt: return Value(v->as_int() != 0);
    case Value::Kind::kUInt: return Value(v->as_uint() != 0);
    case Value::Kind::kFloat: return Value(v->as_float() != 0);
    case Value::Kind::kString:
      if (v->as_string() == "true") return Value(true);
      if (v->as_string() == "false") return Value(false);
      return argument_error(args, "bool", "cannot convert string \"" + v->as_string() + "\" to bool");
    default:
      return argument_error(args, "bool", "cannot convert " + std::string(kind_name(v->kind())) + " to bool");
  }
}

Result<Value> to_uint(Interpreter&, const Arguments& args) {
  auto v = required_argument(args, "uint", "v");
  if (!v.ok()) return v;
  switch (v->kind()) {
    case Value::Kind::kNull:
    case Value::Kind::kUInt: return v;
    case Value::Kind::kInt: return Value(static_cast<uint64_t>(v->as_int()));
    case Value::Kind::kFloat: return Value(static_cast<uint64_t>(v->as_float()));
    case Value::Kind::kBool: return Value(uint64_t{v->as_bool() ? 1u : 0u});
    case Value::Kind::kTime: return Value(static_cast<uint64_t>(v->as_time().unix_nanos));
    case Value::Kind::kDuration: return Value(static_cast<uint64_t>(v->as_duration().nanos));
    case Value::Kind::kString: {
      const std::string& s = v->as_string();
      uint64_t out;
      auto r = std::from_chars(s.data(), s.data() + s.size(), out);
      if (r.ec != std::errc() || r.ptr != s.data() + s.size()) {
        return argument_error(args, "uint", "cannot convert string \"" + s + "\" to uint");
      }
      return Value(out);
    }
    default:
      return argument_error(args, "uint", "cannot convert " + std::string(kind_name(v->kind())) + " to uint");
  }
}

// toFloat(), toInt(), ...: the scalar conversion applied to every _value of the stream.
Value column_conversion(std::string name, BuiltinFn convert, ColumnType type) {
  return make_builtin(name, [name, convert, type](Interpreter& interp, const Arguments& args) -> Result<Value> {
    Status s = check_known_arguments(args, name, {});
    if (!s.ok()) return s;
    Span span = args.span;
    return transform_each_table(args, name, [name, convert, type, span](Interpreter& in, Table& t) -> Status {
      int idx = t.column_index("_value");
      if (idx < 0) return column_missing(span, name, "_value");
      const Column& c = t.columns[idx];
      Column out("_value", type);
      out.reserve(c.size());
      for (size_t r = 0; r < c.size(); ++r) {
        Arguments a;
        a.span = span;
        a.named.emplace_back("v", value_from_column(c, r));
        auto v = convert(in, a);
        if (!v.ok()) return v.status();
        out.append(cell_from_value(*v));
      }
      t.columns[idx] = std::move(out);
      return Status::Ok();
    });
  });
}

}  // namespace

void register_conversion_functions(Scope& universe) {
  universe.set("uint", make_builtin("uint", to_uint));
  universe.set("toBool", column_conversion("toBool", to_bool, ColumnType::kBool));
  universe.set("toInt", column_conversion("toInt", to_int, ColumnType::kInt));
  universe.set("toUInt", column_conversion("toUInt", to_uint, ColumnType::kUInt));
  universe.set("toFloat", column_conversion("toFloat", to_float, ColumnType::kFloat));
  universe.set("toString", column_conversion("toString", to_string, ColumnType::kString));
  universe.set("toTime", column_conversion("toTime", to_time, ColumnType::kTime));
  universe.set("now", make_builtin("now", now));
  universe.set("time", make_builtin("time", to_time));
  universe.set("int", make_builtin("int", to_int));
  universe.set("float", make_builtin("float", to_float));
  universe.set("string", make_builtin("string", to_string));
  universe.set("bool", make_builtin("bool", to_bool));
}

}  // namespace tidewater::query::flux
