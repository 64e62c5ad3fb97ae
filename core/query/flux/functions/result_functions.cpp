// yield(name:): names a result of the query and passes its input through.
#include "core/query/flux/functions/registry.h"
#include "core/query/flux/interpreter.h"

namespace tidewater::query::flux {

namespace {

Result<Value> yield(Interpreter& interp, const Arguments& args) {
  Status s = check_known_arguments(args, "yield", {"name"});
  if (!s.ok()) return s;
  auto input = piped_tables(args, "yield");
  if (!input.ok()) return input.status();
  std::string default_name = "_result";
  auto name = string_argument(args, "yield", "name", &default_name);
  if (!name.ok()) return name.status();
  s = interp.add_result(*name, *input, args.span);
  if (!s.ok()) return s;
  return Value(*input);
}

}  // namespace

void register_result_functions(Scope& universe) { universe.set("yield", make_builtin("yield", yield)); }

}  // namespace tidewater::query::flux
