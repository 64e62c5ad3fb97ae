#include <map>

#include "core/query/flux/functions/registry.h"

namespace tidewater::query::flux {

Value make_builtin(std::string name, BuiltinFn fn) {
  auto f = std::make_shared<Function>();
  f->name = std::move(name);
  f->builtin = std::move(fn);
  return Value(std::shared_ptr<const Function>(f));
}

Status argument_error(const Arguments& args, std::string_view fn, std::string_view message) {
  return Status(ErrorCode::kInvalid,
                located_error(args.span, std::string(fn) + ": " + std::string(message)));
}

Result<Value> required_argument(const Arguments& args, std::string_view fn, std::string_view name) {
  const Value* v = args.get(name);
  if (v == nullptr) return argument_error(args, fn, "missing required argument " + std::string(name));
  return *v;
}

Result<std::string> string_argument(const Arguments& args, std::string_view fn, std::string_view name,
                                    const std::string* default_value) {
  const Value* v = args.get(name);
  if (v == nullptr) {
    if (default_value) return *default_value;
    return argument_error(args, fn, "missing required argument " + std::string(name));
  }
  if (!v->is(Value::Kind::kString)) {
    return argument_error(args, fn, "argument " + std::string(name) + " must be a string, got " +
                                        std::string(kind_name(v->kind())));
  }
  return v->as_string();
}

Result<std::shared_ptr<const TableStream>> piped_tables(const Arguments& args, std::string_view fn) {
  const Value* v = args.pipe ? &*args.pipe : args.get("tables");
  if (v == nullptr) return argument_error(args, fn, "missing required argument tables");
  if (!v->is(Value::Kind::kTables)) {
    return argument_error(args, fn, "tables must be a stream of tables, got " + std::string(kind_name(v->kind())));
  }
  return v->as_tables();
}

Status check_known_arguments(const Arguments& args, std::string_view fn,
                             std::initializer_list<std::string_view> known) {
  for (const auto& [name, v] : args.named) {
    bool ok = name == "tables";
    for (auto k : known) ok = ok || name == k;
    if (!ok) return argument_error(args, fn, "unexpected argument \"" + name + "\"");
  }
  return Status::Ok();
}

std::shared_ptr<const Record> make_package(std::vector<std::pair<std::string, Value>> members) {
  auto r = std::make_shared<Record>();
  r->properties = std::move(members);
  return r;
}

std::shared_ptr<Scope> make_universe() {
  auto u = std::make_shared<Scope>();
  u->set("true", Value(true));
  u->set("false", Value(false));
  register_storage_functions(*u);
  register_filter_function(*u);
  register_result_functions(*u);
  register_conversion_functions(*u);
  register_column_functions(*u);
  register_aggregate_functions(*u);
  register_quantile_functions(*u);
  register_selector_functions(*u);
  register_sort_limit_functions(*u);
  register_group_functions(*u);
  register_map_functions(*u);
  register_window_functions(*u);
  register_difference_functions(*u);
  register_row_state_functions(*u);
  register_histogram_functions(*u);
  register_join_functions(*u);
  register_table_info_functions(*u);
  register_table_find_functions(*u);
  register_output_functions(*u);
  register_scalar_functions(*u);
  return u;
}

const std::shared_ptr<const Record>* find_package(std::string_view path) {
  static const PackageMap kPackages = [] {
    PackageMap m;
    register_source_packages(m);
    register_join_package(m);
    register_strings_package(m);
    register_date_package(m);
    register_math_package(m);
    register_notification_packages(m);
    return m;
  }();
  auto it = kPackages.find(path);
  return it == kPackages.end() ? nullptr : &it->second;
}

}  // namespace tidewater::query::flux
