// Executing a planned SELECT on one measurement: grouping series by tags, raw rows joined on
// time, windowed aggregates with fill, transformations over the resulting rows.
#include <algorithm>
#include <map>

#include "core/query/influxql/functions.h"
#include "core/query/influxql/select.h"
#include "core/query/influxql/select_internal.h"

namespace tidewater::influxql {
namespace {

Value value_at(const storage::FieldColumn& col, int64_t t) {
  auto it = std::lower_bound(col.times.begin(), col.times.end(), t);
  if (it == col.times.end() || *it != t) return std::monostate{};
  return field_value(col, static_cast<size_t>(it - col.times.begin()));
}

}  // namespace

Value lookup_at(const MeasurementData& m, const SeriesData& s, int64_t t, const Expr& v, bool for_condition) {
  if (v.name == "time" && v.cast.empty()) return t;
  if (v.cast != "tag") {
    auto it = s.fields.find(v.name);
    if (it != s.fields.end()) return value_at(it->second, t);
    if (v.cast == "field" || m.fields.count(v.name)) return std::monostate{};
  }
  if (s.has_tag(v.name)) return s.tag(v.name);
  if (for_condition) return std::string();
  return std::monostate{};
}

bool passes(const SelectRun& run, const MeasurementData& m, const SeriesData& s, int64_t t) {
  if (!run.cond.rest) return true;
  return truthy(eval(*run.cond.rest, [&](const Expr& v) { return lookup_at(m, s, t, v, true); }));
}

int64_t numeric_arg(const Expr& call, size_t i, int64_t dflt) {
  if (call.args.size() <= i) return dflt;
  const Expr& a = *call.args[i];
  if (a.kind == ExprKind::kDuration || a.kind == ExprKind::kInteger) return a.integer;
  if (a.kind == ExprKind::kNumber) return static_cast<int64_t>(a.number);
  return dflt;
}

namespace {

void collect_fields(const Expr& e, const MeasurementData& m, std::vector<std::string>* out) {
  if (e.kind == ExprKind::kVarRef && e.cast != "tag" && m.fields.count(e.name)) out->push_back(e.name);
  for (const auto& a : e.args) {
    if (a) collect_fields(*a, m, out);
  }
}

void collect_agg_calls(const Expr& e, std::vector<const Expr*>* out) {
  if (e.kind == ExprKind::kCall) {
    FunctionKind k = function_kind(e.name);
    if (k == FunctionKind::kAggregate || k == FunctionKind::kSelector || k == FunctionKind::kMultiRow) {
      out->push_back(&e);
      return;
    }
  }
  for (const auto& a : e.args) {
    if (a) collect_agg_calls(*a, out);
  }
}

bool has_transform(const Expr& e) {
  if (e.kind == ExprKind::kCall && function_kind(e.name) == FunctionKind::kTransform) return true;
  for (const auto& a : e.args) {
    if (a && has_transform(*a)) return true;
  }
  return false;
}

std::vector<Value> eval_column(const Expr& e, const ColumnCtx& ctx) {
  size_t n = ctx.times.size();
  auto it = ctx.computed.find(&e);
  if (it != ctx.computed.end()) return it->second;
  switch (e.kind) {
    case ExprKind::kVarRef: {
      std::vector<Value> out(n);
      for (size_t i = 0; i < n && i < ctx.rows.size(); ++i) {
        if (ctx.rows[i].series) out[i] = lookup_at(*ctx.m, *ctx.rows[i].series, ctx.rows[i].time, e, false);
      }
      return out;
    }
    case ExprKind::kBinary: {
      std::vector<Value> l = eval_column(*e.args[0], ctx), r = eval_column(*e.args[1], ctx);
      for (size_t i = 0; i < n; ++i) l[i] = binary_value(e.op, l[i], r[i]);
      return l;
    }
    case ExprKind::kCall: {
      FunctionKind k = function_kind(e.name);
      if (e.args.empty()) return std::vector<Value>(n);
      std::vector<Value> arg = eval_column(*e.args[0], ctx);
      if (k == FunctionKind::kMath) {
        std::vector<Value> second = e.args.size() > 1 ? eval_column(*e.args[1], ctx) : std::vector<Value>(n);
        for (size_t i = 0; i < n; ++i) arg[i] = apply_math(e.name, arg[i], second[i]);
        return arg;
      }
      if (k == FunctionKind::kTransform) {
        int64_t dflt = e.name == "elapsed" ? 1 : (e.name == "moving_average" ? 1 : ctx.default_derivative_unit);
        return transform(e.name, ctx.times, arg, numeric_arg(e, 1, dflt), numeric_arg(e, 2, -1));
      }
      return std::vector<Value>(n);
    }
    default: {
      Value lit = eval(e, [](const Expr&) { return Value(); });
      return std::vector<Value>(n, lit);
    }
  }
}

std::vector<Group> make_groups(const MeasurementData& m, const std::vector<std::string>& tags) {
  std::map<std::vector<std::string>, Group> groups;
  for (const auto& s : m.series) {
    std::vector<std::string> key;
    for (const auto& t : tags) key.push_back(s.tag(t));
    Group& g = groups[key];
    if (g.series.empty()) {
      for (size_t i = 0; i < tags.size(); ++i) g.tags.emplace_back(tags[i], key[i]);
    }
    g.series.push_back(&s);
  }
  std::vector<Group> out;
  for (auto& kv : groups) out.push_back(std::move(kv.second));
  return out;
}

// Whether the expression reads a field of the measurement.
bool reads_field(const Expr& e, const MeasurementData& m) {
  if (e.kind == ExprKind::kVarRef && m.fields.count(e.name)) return true;
  for (const auto& a : e.args)
    if (a && reads_field(*a, m)) return true;
  return false;
}

// Whether the expression reads the time column.
bool reads_time(const Expr& e) {
  if (e.kind == ExprKind::kVarRef && e.name == "time") return true;
  for (const auto& a : e.args)
    if (a && reads_time(*a)) return true;
  return false;
}

// Rows of a group for a raw query: every time at which one of the selected fields has a
// value, in time order, that passes the condition. Ties come in series order, or in reverse
// series order when the condition reads a field and no LIMIT applies (InfluxDB 1.6 then
// merges its filtered series iterators the other way round; checked by the differential suite).
std::vector<RowRef> raw_rows(const SelectRun& run, const MeasurementData& m, const Group& g,
                             const std::vector<std::string>& fields) {
  std::vector<RowRef> rows;
  std::vector<const SeriesData*> order = g.series;
  if ((!run.stmt || run.stmt->limit == 0) && run.cond.rest && reads_field(*run.cond.rest, m)) std::reverse(order.begin(), order.end());
  // A condition reading neither fields nor time (tags only, e.g. an OR of hostnames) is the
  // same at every row of a series: one evaluation decides the whole series.
  const bool per_series = run.cond.rest && !reads_field(*run.cond.rest, m) && !reads_time(*run.cond.rest);
  for (const SeriesData* s : order) {
    if (per_series && !passes(run, m, *s, 0)) continue;
    std::vector<int64_t> times;
    for (const auto& f : fields) {
      auto it = s->fields.find(f);
      if (it != s->fields.end()) times.insert(times.end(), it->second.times.begin(), it->second.times.end());
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    for (int64_t t : times) {
      if (per_series || passes(run, m, *s, t)) rows.push_back(RowRef{s, t});
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const RowRef& a, const RowRef& b) { return a.time < b.time; });
  return rows;
}

int64_t floor_mod(int64_t a, int64_t b) {
  int64_t r = a % b;
  return r < 0 ? r + b : r;
}

}  // namespace

Result<std::vector<Series>> execute_select_on(const SelectRun& run, const MeasurementData& m,
                                              const MeasurementData& schema) {
  const SelectStatement& stmt = *run.stmt;
  Result<SelectPlan> planned = plan_select(stmt, schema);
  if (!planned.ok()) return planned.status();
  const SelectPlan& plan = *planned;
  if (plan.columns.empty()) return std::vector<Series>{};

  std::vector<std::string> fields;
  for (const auto& c : plan.columns) collect_fields(*c.expr, m, &fields);
  std::sort(fields.begin(), fields.end());
  fields.erase(std::unique(fields.begin(), fields.end()), fields.end());

  std::vector<const Expr*> agg_calls;
  for (const auto& c : plan.columns) collect_agg_calls(*c.expr, &agg_calls);
  bool transforms = false;
  for (const auto& c : plan.columns) transforms = transforms || has_transform(*c.expr);

  // Windows: [start of the window holding the lower bound, upper bound], or one window.
  int64_t interval = stmt.group_interval;
  Windows windows;
  windows.interval = interval;
  if (plan.aggregate) {
    if (interval > 0) {
      int64_t lo = run.cond.range.start;
      if (!run.cond.has_start) {
        lo = INT64_MAX;
        for (const auto& s : m.series)
          for (const auto& kv : s.fields)
            if (!kv.second.times.empty()) lo = std::min(lo, kv.second.times.front());
        if (lo == INT64_MAX) return std::vector<Series>{};
      }
      int64_t hi = run.cond.has_stop ? run.cond.range.stop - 1 : run.now_ns;
      // Windows align on local time under tz() (the offset at the lower bound).
      int64_t zone = run.zone_offset_ns ? run.zone_offset_ns(lo) : 0;
      int64_t w = lo - floor_mod(lo + zone - stmt.group_offset, interval);
      for (; w <= hi; w += interval) {
        windows.starts.push_back(w);
        if (windows.starts.size() > 10000000) return Status(ErrorCode::kInvalid, "max-select-buckets limit exceeded");
      }
    } else {
      windows.starts.push_back(run.cond.has_start ? run.cond.range.start : 0);
    }
  }

  for (const Expr* call : agg_calls) {
    const Expr* arg = call->args.empty() ? nullptr : call->args[0].get();
    if (arg && arg->kind == ExprKind::kCall && arg->name == "distinct" && !arg->args.empty()) arg = arg->args[0].get();
    if (!arg || arg->kind != ExprKind::kVarRef) {
      return Status(ErrorCode::kInvalid, "expected field argument in " + call->name + "()");
    }
  }

  std::vector<Series> out;
  std::vector<Group> groups = make_groups(m, plan.group_tags);
  if (stmt.order_desc) std::reverse(groups.begin(), groups.end());
  // Which columns read fields: a raw row needs one of them non-null.
  std::vector<uint8_t> reads_field(plan.columns.size(), 0);
  for (size_t c = 0; c < plan.columns.size(); ++c) {
    std::vector<std::string> f;
    collect_fields(*plan.columns[c].expr, m, &f);
    reads_field[c] = !f.empty();
  }
  // Evaluates the columns on ctx's rows and appends the rows to keep.
  auto append_rows = [&](const ColumnCtx& ctx, std::vector<std::vector<Value>>* rows) {
    std::vector<std::vector<Value>> columns;
    for (const auto& c : plan.columns) columns.push_back(eval_column(*c.expr, ctx));
    for (size_t r = 0; r < ctx.times.size(); ++r) {
      if ((r & 4095) == 4095) throw_if_interrupted(run.interrupted);
      bool any = false;
      std::vector<Value> row;
      row.push_back(ctx.times[r]);
      for (size_t c = 0; c < columns.size(); ++c) {
        if (columns[c][r].index() != 0 && (reads_field[c] || plan.aggregate)) any = true;
        row.push_back(columns[c][r]);
      }
      if ((!plan.aggregate || transforms) && !any) continue;
      rows->push_back(std::move(row));
    }
  };

  for (const Group& g : groups) {
    throw_if_interrupted(run.interrupted);
    Series series;
    series.name = m.name;
    series.tags = g.tags;
    series.columns.push_back("time");
    for (const auto& c : plan.columns) series.columns.push_back(c.name);
    ColumnCtx ctx;
    ctx.m = &m;
    ctx.default_derivative_unit = interval > 0 ? interval : 1000000000LL;
    if (!plan.aggregate && transforms && g.series.size() > 1) {
      // Transformations of raw values run per series; the merged rows keep, for each time,
      // only the first series' row (as InfluxDB's merge does).
      std::vector<std::vector<Value>> rows;
      for (const SeriesData* s : g.series) {
        Group one{g.tags, {s}};
        ColumnCtx sub = ctx;
        sub.rows = raw_rows(run, m, one, fields);
        for (const auto& r : sub.rows) sub.times.push_back(r.time);
        append_rows(sub, &rows);
      }
      std::stable_sort(rows.begin(), rows.end(), [](const std::vector<Value>& a, const std::vector<Value>& b) {
        return std::get<int64_t>(a[0]) < std::get<int64_t>(b[0]);
      });
      for (auto& row : rows) {
        if (!series.values.empty() && series.values.back()[0] == row[0]) continue;
        series.values.push_back(std::move(row));
      }
    } else if (!plan.aggregate) {
      ctx.rows = raw_rows(run, m, g, fields);
      if (stmt.limit > 0 && !transforms) {
        // Only the rows LIMIT/OFFSET keep need their columns computed (every candidate row
        // has a selected field, so none is dropped later).
        size_t keep = static_cast<size_t>(stmt.limit + std::max<int64_t>(stmt.offset, 0));
        if (ctx.rows.size() > keep) {
          if (stmt.order_desc) ctx.rows.erase(ctx.rows.begin(), ctx.rows.end() - static_cast<long>(keep));
          else ctx.rows.resize(keep);
        }
      }
      for (const auto& r : ctx.rows) ctx.times.push_back(r.time);
      append_rows(ctx, &series.values);
    } else {
      if (!aggregate_group(run, m, g, agg_calls, windows, &ctx)) continue;  // no points
      append_rows(ctx, &series.values);
    }
    if (stmt.order_desc) std::reverse(series.values.begin(), series.values.end());
    if (stmt.offset > 0) {
      size_t off = std::min(series.values.size(), static_cast<size_t>(stmt.offset));
      series.values.erase(series.values.begin(), series.values.begin() + static_cast<long>(off));
    }
    if (stmt.limit > 0 && series.values.size() > static_cast<size_t>(stmt.limit)) {
      series.values.resize(static_cast<size_t>(stmt.limit));
    }
    if (series.values.empty()) continue;
    out.push_back(std::move(series));
  }
  return out;
}

}  // namespace tidewater::influxql
