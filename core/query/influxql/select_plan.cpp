// Output columns of a SELECT: wildcard and regex expansion, naming, shape checks.
#include <algorithm>
#include <map>
#include <regex>

#include "core/query/influxql/functions.h"
#include "core/query/influxql/select.h"
#include "core/query/influxql/eval.h"

namespace tidewater::influxql {
namespace {

ExprPtr varref(const std::string& name, const std::string& cast) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kVarRef;
  e->name = name;
  e->cast = cast;
  return e;
}

// InfluxQL's column name: a call's name, a variable's name, and for binary expressions the
// names of the calls and variables in it joined by '_'.
void collect_names(const Expr& e, std::vector<std::string>* out) {
  switch (e.kind) {
    case ExprKind::kCall: out->push_back(e.name); break;
    case ExprKind::kVarRef: out->push_back(e.name); break;
    case ExprKind::kBinary:
      collect_names(*e.args[0], out);
      collect_names(*e.args[1], out);
      break;
    default: break;
  }
}

std::string column_name(const Expr& e) {
  std::vector<std::string> names;
  collect_names(e, &names);
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += '_';
    out += names[i];
  }
  return out;
}

bool has_call_kind(const Expr& e, bool (*pred)(FunctionKind)) {
  if (e.kind == ExprKind::kCall && pred(function_kind(e.name))) return true;
  for (const auto& a : e.args) {
    if (a && has_call_kind(*a, pred)) return true;
  }
  return false;
}

bool is_agg_kind(FunctionKind k) {
  return k == FunctionKind::kAggregate || k == FunctionKind::kSelector || k == FunctionKind::kMultiRow;
}

// Whether a variable is referenced outside every aggregate call.
bool bare_varref(const Expr& e) {
  if (e.kind == ExprKind::kVarRef) return true;
  if (e.kind == ExprKind::kCall && is_agg_kind(function_kind(e.name))) return false;
  for (const auto& a : e.args) {
    if (a && bare_varref(*a)) return true;
  }
  return false;
}

// The call with its first argument replaced.
ExprPtr with_first_arg(const Expr& call, ExprPtr arg) {
  auto c = std::make_shared<Expr>(call);
  c->args[0] = std::move(arg);
  return c;
}

}  // namespace

std::string validate_select(const SelectStatement& stmt) {
  if (!stmt.invalid.empty()) return stmt.invalid;
  bool agg = false, bare = false;
  for (const auto& f : stmt.fields) {
    if (has_call_kind(*f.expr, is_agg_kind)) agg = true;
    if (bare_varref(*f.expr)) bare = true;
    if (f.expr->kind == ExprKind::kCall) {
      FunctionKind k = function_kind(f.expr->name);
      if (k == FunctionKind::kNone) return "undefined function " + f.expr->name + "()";
      if (f.expr->args.empty()) return "invalid number of arguments for " + f.expr->name + ", expected at least 1, got 0";
      const size_t n = f.expr->args.size();
      if ((f.expr->name == "top" || f.expr->name == "bottom") && n < 2)
        return "invalid number of arguments for " + f.expr->name + ", expected at least 2, got " + std::to_string(n);
      if (f.expr->name == "percentile" && n != 2)
        return "invalid number of arguments for percentile, expected 2, got " + std::to_string(n);
      // A transformation of a raw field cannot be grouped by time.
      if (k == FunctionKind::kTransform && stmt.group_interval > 0 && !has_call_kind(*f.expr, is_agg_kind))
        return "aggregate function required inside the call to " + f.expr->name;
    }
  }
  if (agg && bare) {
    // One selector may carry other fields along (SELECT max(temp), hum).
    int selectors = 0, others = 0;
    for (const auto& f : stmt.fields) {
      bool selector = f.expr->kind == ExprKind::kCall && (function_kind(f.expr->name) == FunctionKind::kSelector ||
                                                           f.expr->name == "top" || f.expr->name == "bottom");
      if (selector) ++selectors;
      else if (has_call_kind(*f.expr, is_agg_kind)) ++others;
    }
    if (selectors != 1 || others != 0) return "mixing aggregate and non-aggregate queries is not supported";
  }
  if (stmt.group_interval > 0 && !agg) return "GROUP BY requires at least one aggregate function";
  return "";
}

Result<SelectPlan> plan_select(const SelectStatement& stmt, const MeasurementData& m) {
  SelectPlan plan;
  // Dimensions.
  for (const auto& t : stmt.group_tags) plan.group_tags.push_back(t);
  for (const auto& key : m.tag_keys) {
    bool take = stmt.group_all_tags;
    for (const auto& re : stmt.group_tag_regexes) take = take || std::regex_search(key, cached_regex(re));
    if (take) plan.group_tags.push_back(key);
  }
  std::sort(plan.group_tags.begin(), plan.group_tags.end());
  plan.group_tags.erase(std::unique(plan.group_tags.begin(), plan.group_tags.end()), plan.group_tags.end());
  auto grouped = [&](const std::string& tag) {
    return std::find(plan.group_tags.begin(), plan.group_tags.end(), tag) != plan.group_tags.end();
  };

  for (const auto& f : stmt.fields) {
    const Expr& e = *f.expr;
    if (e.kind == ExprKind::kWildcard || e.kind == ExprKind::kRegex) {
      // Fields and tags, sorted together by name; tags used as dimensions are left out.
      std::vector<std::pair<std::string, std::string>> cols;
      std::regex re(e.kind == ExprKind::kRegex ? e.name : ".*");
      if (e.cast != "tag") {
        for (const auto& kv : m.fields) {
          if (std::regex_search(kv.first, re)) cols.emplace_back(kv.first, "field");
        }
      }
      if (e.cast != "field") {
        for (const auto& key : m.tag_keys) {
          if (!grouped(key) && std::regex_search(key, re)) cols.emplace_back(key, "tag");
        }
      }
      std::sort(cols.begin(), cols.end());
      for (const auto& c : cols) plan.columns.push_back(OutputColumn{c.first, varref(c.first, c.second)});
      continue;
    }
    if (e.kind == ExprKind::kCall && !e.args.empty() &&
        (e.args[0]->kind == ExprKind::kWildcard || e.args[0]->kind == ExprKind::kRegex)) {
      // mean(*) → mean_co, mean_hum, ...: numeric fields only for numeric functions.
      std::regex re(e.args[0]->kind == ExprKind::kRegex ? e.args[0]->name : ".*");
      bool any_type = e.name == "count" || e.name == "first" || e.name == "last" || e.name == "distinct" ||
                      e.name == "mode" || e.name == "sample";
      for (const auto& kv : m.fields) {
        if (!std::regex_search(kv.first, re)) continue;
        bool numeric = kv.second == model::FieldType::kFloat || kv.second == model::FieldType::kInteger ||
                       kv.second == model::FieldType::kUnsigned;
        if (!numeric && !any_type) continue;
        std::string name = f.alias.empty() ? e.name + "_" + kv.first : f.alias + "_" + kv.first;
        plan.columns.push_back(OutputColumn{name, with_first_arg(e, varref(kv.first, "field"))});
      }
      continue;
    }
    // `SELECT time, temp`: time is always the first column already.
    if (e.kind == ExprKind::kVarRef && e.name == "time" && e.cast.empty()) continue;
    plan.columns.push_back(OutputColumn{f.alias.empty() ? column_name(e) : f.alias, f.expr});
    if (e.kind == ExprKind::kCall && (e.name == "top" || e.name == "bottom")) {
      // top(x, tag, N) also shows the tag.
      for (size_t a = 1; a + 1 < e.args.size(); ++a) {
        if (e.args[a]->kind == ExprKind::kVarRef) {
          plan.columns.push_back(OutputColumn{e.args[a]->name, varref(e.args[a]->name, "tag")});
        }
      }
    }
  }
  for (const auto& c : plan.columns) {
    if (has_call_kind(*c.expr, is_agg_kind)) plan.aggregate = true;
  }
  // Duplicate names get _1, _2 ... in order of appearance.
  std::map<std::string, int> seen;
  for (auto& c : plan.columns) seen[c.name] = 0;
  std::map<std::string, int> used;
  for (auto& c : plan.columns) {
    int n = used[c.name]++;
    if (n == 0) continue;
    std::string candidate;
    do {
      candidate = c.name + "_" + std::to_string(n++);
    } while (seen.count(candidate));
    seen[candidate] = 0;
    c.name = candidate;
  }
  return plan;
}

}  // namespace tidewater::influxql
