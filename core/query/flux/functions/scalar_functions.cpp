// Universe functions on plain values: length, contains, display, die, today.
#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/functions/registry.h"
#include "core/query/flux/interpreter.h"
#include "core/query/flux/operators.h"

namespace tidewater::query::flux {

namespace {

Result<Value> length(Interpreter&, const Arguments& args) {
  auto arr = required_argument(args, "length", "arr");
  if (!arr.ok()) return arr.status();
  if (!arr->is(Value::Kind::kArray)) return argument_error(args, "length", "arr must be an array");
  return Value(static_cast<int64_t>(arr->as_array().elements.size()));
}

// contains(value, set): whether set holds an element equal to value.
Result<Value> contains(Interpreter&, const Arguments& args) {
  auto value = required_argument(args, "contains", "value");
  if (!value.ok()) return value.status();
  auto set = required_argument(args, "contains", "set");
  if (!set.ok()) return set.status();
  if (!set->is(Value::Kind::kArray)) return argument_error(args, "contains", "set must be an array");
  for (const auto& e : set->as_array().elements) {
    if (e.kind() == value->kind() && value_to_display_string(e) == value_to_display_string(*value)) return Value(true);
  }
  return Value(false);
}

Result<Value> display(Interpreter&, const Arguments& args) {
  auto v = required_argument(args, "display", "v");
  if (!v.ok()) return v.status();
  return Value(value_to_display_string(*v));
}

Result<Value> die(Interpreter&, const Arguments& args) {
  auto msg = string_argument(args, "die", "msg");
  if (!msg.ok()) return msg.status();
  return Interpreter::error_at(args.span, *msg);
}

// today(): now() truncated to the UTC day.
Result<Value> today(Interpreter& interp, const Arguments&) {
  auto now = interp.now();
  if (!now.ok()) return now.status();
  constexpr int64_t kDay = 86400LL * 1000000000LL;
  int64_t t = *now / kDay * kDay;
  if (t > *now) t -= kDay;
  return Value(TimeValue{t});
}

}  // namespace

void register_scalar_functions(Scope& universe) {
  universe.set("length", make_builtin("length", length));
  universe.set("contains", make_builtin("contains", contains));
  universe.set("display", make_builtin("display", display));
  universe.set("die", make_builtin("die", die));
  universe.set("today", make_builtin("today", today));
}

}  // namespace tidewater::query::flux
