#include "core/query/influxql/selector_pushdown.h"

#include <algorithm>

namespace tidewater::influxql {
namespace {

bool is_pushable_selector(const std::string& name) {
  return name == "first" || name == "last" || name == "min" || name == "max";
}

// Records the selector of each call in e; false when e holds anything else reading data.
bool collect_selectors(const Expr& e, bool windows, ScanRequest::Selectors* out) {
  switch (e.kind) {
    case ExprKind::kVarRef:
    case ExprKind::kRegex:
    case ExprKind::kWildcard:
      return false;  // raw values or auxiliary fields
    case ExprKind::kBinary:
      return collect_selectors(*e.args[0], windows, out) && collect_selectors(*e.args[1], windows, out);
    case ExprKind::kCall: {
      if (!is_pushable_selector(e.name) || e.args.size() != 1) return false;
      // min/max points carry a stand-in time: only GROUP BY time hides it.
      if ((e.name == "min" || e.name == "max") && !windows) return false;
      const Expr& arg = *e.args[0];
      if (arg.kind == ExprKind::kWildcard && arg.cast.empty()) {
        if (!out->other_fields.empty() && out->other_fields != e.name) return false;
        for (const auto& kv : out->by_field)
          if (kv.second != e.name) return false;
        out->other_fields = e.name;
        return true;
      }
      if (arg.kind != ExprKind::kVarRef || arg.cast == "tag" || arg.name == "time") return false;
      if (!out->other_fields.empty() && out->other_fields != e.name) return false;
      auto [it, added] = out->by_field.emplace(arg.name, e.name);
      return added || it->second == e.name;
    }
    default:
      return true;  // literals
  }
}

// Whether every name e reads is one of the tags storage already matched.
bool reads_only(const Expr& e, const std::vector<std::string>& names) {
  if (e.kind == ExprKind::kVarRef && std::find(names.begin(), names.end(), e.name) == names.end()) return false;
  if (e.kind == ExprKind::kRegex || e.kind == ExprKind::kWildcard) return false;
  for (const auto& a : e.args)
    if (a && !reads_only(*a, names)) return false;
  return true;
}

}  // namespace

std::optional<ScanRequest::Selectors> selector_pushdown(const SelectRun& run) {
  const SelectStatement& stmt = *run.stmt;
  if (run.zone_offset_ns || stmt.fields.empty()) return std::nullopt;
  ScanRequest::Selectors sel;
  sel.every = stmt.group_interval;
  sel.offset = stmt.group_offset;
  for (const auto& f : stmt.fields) {
    if (!collect_selectors(*f.expr, stmt.group_interval > 0, &sel)) return std::nullopt;
  }
  if (run.cond.rest) {
    std::vector<std::string> pushed;
    for (const auto& t : run.cond.tag_equals) pushed.push_back(t.key);
    for (const auto& t : run.cond.tag_alternatives) pushed.push_back(t.key);
    if (!reads_only(*run.cond.rest, pushed)) return std::nullopt;
  }
  return sel;
}

bool selector_points(const ScanRequest::Selectors& sel, std::string_view field, const storage::WindowColumns& w,
                     storage::FieldColumn* out) {
  auto it = sel.by_field.find(std::string(field));
  const std::string& kind = it != sel.by_field.end() ? it->second : sel.other_fields;
  out->type = w.type;
  auto take = [&](const auto& aggs, auto& values) {
    const auto& picked = kind == "first" ? aggs.first : kind == "last" ? aggs.last : kind == "min" ? aggs.min : aggs.max;
    if (picked.size() != w.size()) return false;
    for (size_t i = 0; i < w.size(); ++i) {
      out->times.push_back(kind == "last" ? w.last_time[i] : w.first_time[i]);
      values.push_back(picked[i]);
    }
    return true;
  };
  switch (w.type) {
    case model::FieldType::kFloat: return take(w.floats, out->floats);
    case model::FieldType::kInteger: return take(w.integers, out->integers);
    case model::FieldType::kUnsigned: return take(w.unsigneds, out->unsigneds);
    default: return false;
  }
}

}  // namespace tidewater::influxql
