// now() and the type conversions time(), int(), float(), string(), bool().
#include <charconv>
#include <fast_float/fast_float.h>

#include "core/model/format.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/flux/interpreter.h"

namespace tidewater::query::flux {

namespace {

Result<Value> now(Interpreter& interp, const Arguments& args) {
  // The universe's now() answers the context's time; `option now` replaces this function.
  return Value(TimeValue{interp.context().now_ns});
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

}  // namespace

void register_conversion_functions(Scope& universe) {
  universe.set("now", make_builtin("now", now));
  universe.set("time", make_builtin("time", to_time));
  universe.set("int", make_builtin("int", to_int));
  universe.set("float", make_builtin("float", to_float));
  universe.set("string", make_builtin("string", to_string));
  universe.set("bool", make_builtin("bool", to_bool));
}

}  // namespace tidewater::query::flux
