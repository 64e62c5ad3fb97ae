// Executing a planned SELECT on one measurement: grouping series by tags, raw rows joined on
// time, windowed aggregates with fill, transformations over the resulting rows.
#include <algorithm>
#include <map>

#include "core/query/influxql/functions.h"
#include "core/query/influxql/select.h"

namespace tidewater::influxql {
namespace {

struct Group {
  std::vector<std::pair<std::string, std::string>> tags;
  std::vector<const SeriesData*> series;
};

struct RowRef {
  const SeriesData* series;
  int64_t time;
};

Value value_at(const storage::FieldColumn& col, int64_t t) {
  auto it = std::lower_bound(col.times.begin(), col.times.end(), t);
  if (it == col.times.end() || *it != t) return std::monostate{};
  return field_value(col, static_cast<size_t>(it - col.times.begin()));
}

// Name lookup on one series at one time. For conditions a tag the series lacks reads as ""
// (InfluxQL's rule); in output it is null.
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

// Per-row inputs of column evaluation.
struct ColumnCtx {
  const MeasurementData* m;
  std::vector<int64_t> times;
  std::vector<RowRef> rows;                            // raw mode, and aux fields of a selector
  std::map<const Expr*, std::vector<Value>> computed;  // aggregate calls' values per row
  int64_t default_derivative_unit = 1000000000LL;
};

int64_t numeric_arg(const Expr& call, size_t i, int64_t dflt) {
  if (call.args.size() <= i) return dflt;
  const Expr& a = *call.args[i];
  if (a.kind == ExprKind::kDuration || a.kind == ExprKind::kInteger) return a.integer;
  if (a.kind == ExprKind::kNumber) return static_cast<int64_t>(a.number);
  return dflt;
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
        return transform(e.name, ctx.times, arg, numeric_arg(e, 1, dflt));
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

// Rows of a group for a raw query: every time at which one of the selected fields has a
// value, in time order (ties in series order), that passes the condition.
std::vector<RowRef> raw_rows(const SelectRun& run, const MeasurementData& m, const Group& g,
                             const std::vector<std::string>& fields) {
  std::vector<RowRef> rows;
  for (const SeriesData* s : g.series) {
    std::vector<int64_t> times;
    for (const auto& f : fields) {
      auto it = s->fields.find(f);
      if (it != s->fields.end()) times.insert(times.end(), it->second.times.begin(), it->second.times.end());
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    for (int64_t t : times) {
      if (passes(run, m, *s, t)) rows.push_back(RowRef{s, t});
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const RowRef& a, const RowRef& b) { return a.time < b.time; });
  return rows;
}

// mean, sum and integral are computed per series, then merged as InfluxDB's storage-side call iterators
// do (the merge weights each series' mean by its count), which decides the last bits.
Reduced reduce_window(const std::string& name, const std::vector<TimedValue>& pts,
                      const std::vector<const SeriesData*>& owners, double param) {
  if (name != "mean" && name != "sum" && name != "integral") return reduce(name, pts, param);
  std::vector<const SeriesData*> order;
  for (const SeriesData* s : owners) {
    if (std::find(order.begin(), order.end(), s) == order.end()) order.push_back(s);
  }
  if (order.size() <= 1) return reduce(name, pts, param);
  std::sort(order.begin(), order.end());  // series are stored in key order
  Reduced out;
  double weighted = 0;
  int64_t count = 0;
  Value total;
  for (const SeriesData* s : order) {
    std::vector<TimedValue> part;
    for (size_t i = 0; i < pts.size(); ++i) {
      if (owners[i] == s) part.push_back(pts[i]);
    }
    Reduced r = reduce(name, part, param);
    if (name == "sum" || name == "integral") {
      total = total.index() == 0 ? r.value : binary_value(BinOp::kAdd, total, r.value);
    } else {
      double m = 0;
      as_double(r.value, &m);
      weighted += m * static_cast<double>(part.size());
      count += static_cast<int64_t>(part.size());
    }
  }
  out.value = name == "mean" ? Value(weighted / static_cast<double>(count)) : total;
  return out;
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
  std::vector<int64_t> windows;
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
      int64_t w = lo - floor_mod(lo - stmt.group_offset, interval);
      for (; w <= hi; w += interval) {
        windows.push_back(w);
        if (windows.size() > 10000000) return Status(ErrorCode::kInvalid, "max-select-buckets limit exceeded");
      }
    } else {
      windows.push_back(run.cond.has_start ? run.cond.range.start : 0);
    }
  }
  auto window_index = [&](int64_t t) -> long {
    if (interval <= 0) return 0;
    if (windows.empty() || t < windows.front()) return -1;
    long i = static_cast<long>((t - windows.front()) / interval);
    return i < static_cast<long>(windows.size()) ? i : -1;
  };

  std::vector<Series> out;
  std::vector<Group> groups = make_groups(m, plan.group_tags);
  if (stmt.order_desc) std::reverse(groups.begin(), groups.end());
  for (const Group& g : groups) {
    ColumnCtx ctx;
    ctx.m = &m;
    ctx.default_derivative_unit = interval > 0 ? interval : 1000000000LL;
    if (!plan.aggregate) {
      ctx.rows = raw_rows(run, m, g, fields);
      for (const auto& r : ctx.rows) ctx.times.push_back(r.time);
    } else {
      // Points of each aggregate call per window.
      size_t nw = windows.size();
      std::vector<size_t> window_points(nw, 0);
      std::vector<std::vector<std::vector<TimedValue>>> points(agg_calls.size(),
                                                               std::vector<std::vector<TimedValue>>(nw));
      std::vector<std::vector<std::vector<const SeriesData*>>> owners(agg_calls.size(),
                                                                       std::vector<std::vector<const SeriesData*>>(nw));
      for (size_t c = 0; c < agg_calls.size(); ++c) {
        const Expr& call = *agg_calls[c];
        if (call.args.empty() || call.args[0]->kind != ExprKind::kVarRef) {
          return Status(ErrorCode::kInvalid, "expected field argument in " + call.name + "()");
        }
        const std::string& field = call.args[0]->name;
        for (const SeriesData* s : g.series) {
          auto it = s->fields.find(field);
          if (it == s->fields.end()) continue;
          const auto& col = it->second;
          for (size_t i = 0; i < col.size(); ++i) {
            long w = window_index(col.times[i]);
            if (w < 0 || !passes(run, m, *s, col.times[i])) continue;
            points[c][w].push_back(TimedValue{col.times[i], field_value(col, i)});
            owners[c][w].push_back(s);
          }
        }
        for (size_t w = 0; w < nw; ++w) {
          // Points stay series by series (each in time order): InfluxDB's reducers see them
          // in that order, which decides float rounding (stddev) and ties.
          if (stmt.order_desc) {
            // ORDER BY time DESC reads series and points backwards.
            std::reverse(points[c][w].begin(), points[c][w].end());
            std::reverse(owners[c][w].begin(), owners[c][w].end());
          }
          window_points[w] += points[c][w].size();
        }
      }
      size_t total = 0;
      for (size_t n : window_points) total += n;
      if (total == 0) continue;

      bool multi = agg_calls.size() == 1 && function_kind(agg_calls[0]->name) == FunctionKind::kMultiRow;
      bool lone_selector = agg_calls.size() == 1 && function_kind(agg_calls[0]->name) == FunctionKind::kSelector;
      if (multi) {
        const Expr& call = *agg_calls[0];
        int64_t nparam = numeric_arg(call, 1, 1);
        std::vector<Value> vals;
        for (size_t w = 0; w < nw; ++w) {
          for (const auto& tv : reduce_multi(call.name, points[0][w], nparam)) {
            ctx.times.push_back(call.name == "distinct" ? windows[w] : tv.time);
            vals.push_back(tv.value);
            ctx.rows.push_back(RowRef{nullptr, tv.time});
          }
        }
        ctx.computed[&call] = std::move(vals);
      } else {
        std::vector<std::vector<Value>> cols(agg_calls.size(), std::vector<Value>(nw));
        std::vector<std::vector<uint8_t>> present(agg_calls.size(), std::vector<uint8_t>(nw, 0));
        std::vector<int64_t> times(windows);
        std::vector<RowRef> rows(nw, RowRef{nullptr, 0});
        for (size_t c = 0; c < agg_calls.size(); ++c) {
          const Expr& call = *agg_calls[c];
          double param = 0;
          if (call.args.size() > 1) {
            const Expr& a = *call.args[1];
            param = a.kind == ExprKind::kNumber ? a.number : static_cast<double>(a.integer);
          }
          for (size_t w = 0; w < nw; ++w) {
            Reduced r = reduce_window(call.name, points[c][w], owners[c][w], param);
            cols[c][w] = r.value;
            present[c][w] = !points[c][w].empty();
            if (lone_selector && r.has_time) {
              if (interval <= 0) times[w] = r.time;
              // The selected point's series carries the other selected fields along.
              for (size_t i = 0; i < points[c][w].size(); ++i) {
                if (points[c][w][i].time == r.time && points[c][w][i].value == r.value) {
                  rows[w] = RowRef{owners[c][w][i], r.time};
                  break;
                }
              }
            }
          }
        }
        // fill()
        std::vector<uint8_t> keep(nw, 1);
        for (size_t w = 0; w < nw; ++w) keep[w] = !(stmt.fill == FillKind::kNone && window_points[w] == 0);
        if (interval <= 0) keep.assign(nw, 1);
        for (size_t c = 0; c < agg_calls.size() && interval > 0; ++c) {
          auto& col = cols[c];
          for (size_t w = 0; w < nw; ++w) {
            if (present[c][w]) continue;
            // count's 0 for an empty window is fill(null)'s; other fills start from null.
            if (stmt.fill != FillKind::kNull) col[w] = std::monostate{};
            switch (stmt.fill) {
              case FillKind::kValue:
                col[w] = stmt.fill_value_is_int && agg_calls[c]->name == "count"
                             ? Value(static_cast<int64_t>(stmt.fill_value))
                             : Value(stmt.fill_value);
                if (stmt.fill_value_is_int) {
                  bool int_col = false;
                  for (size_t x = 0; x < nw; ++x) int_col = int_col || (present[c][x] && col[x].index() == 2);
                  if (int_col) col[w] = static_cast<int64_t>(stmt.fill_value);
                }
                break;
              case FillKind::kPrevious:
                if (w > 0) col[w] = col[w - 1];
                break;
              case FillKind::kLinear: {
                long prev = static_cast<long>(w) - 1, next = static_cast<long>(w) + 1;
                while (prev >= 0 && !present[c][prev]) --prev;
                while (next < static_cast<long>(nw) && !present[c][next]) ++next;
                double a, b;
                if (prev >= 0 && next < static_cast<long>(nw) && as_double(col[prev], &a) && as_double(col[next], &b)) {
                  double v = a + (b - a) * static_cast<double>(static_cast<long>(w) - prev) / static_cast<double>(next - prev);
                  bool ints = col[prev].index() == 2 && col[next].index() == 2;
                  col[w] = ints ? Value(static_cast<int64_t>(v)) : Value(v);
                } else {
                  col[w] = std::monostate{};
                }
                break;
              }
              default:
                break;
            }
          }
        }
        for (size_t w = 0; w < nw; ++w) {
          if (!keep[w]) continue;
          ctx.times.push_back(times[w]);
          ctx.rows.push_back(rows[w]);
        }
        for (size_t c = 0; c < agg_calls.size(); ++c) {
          std::vector<Value> kept;
          for (size_t w = 0; w < nw; ++w) {
            if (keep[w]) kept.push_back(cols[c][w]);
          }
          ctx.computed[agg_calls[c]] = std::move(kept);
        }
      }
    }

    std::vector<std::vector<Value>> columns;
    for (const auto& c : plan.columns) columns.push_back(eval_column(*c.expr, ctx));
    // Which columns read fields: a raw row needs one of them non-null.
    std::vector<uint8_t> reads_field(plan.columns.size(), 0);
    for (size_t c = 0; c < plan.columns.size(); ++c) {
      std::vector<std::string> f;
      collect_fields(*plan.columns[c].expr, m, &f);
      reads_field[c] = !f.empty();
    }
    Series series;
    series.name = m.name;
    series.tags = g.tags;
    series.columns.push_back("time");
    for (const auto& c : plan.columns) series.columns.push_back(c.name);
    for (size_t r = 0; r < ctx.times.size(); ++r) {
      bool any = false;
      std::vector<Value> row;
      row.push_back(ctx.times[r]);
      for (size_t c = 0; c < columns.size(); ++c) {
        if (columns[c][r].index() != 0 && (reads_field[c] || plan.aggregate)) any = true;
        row.push_back(columns[c][r]);
      }
      if ((!plan.aggregate || transforms) && !any) continue;
      series.values.push_back(std::move(row));
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
