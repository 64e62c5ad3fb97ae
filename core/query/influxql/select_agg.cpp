// Windowed aggregates of one group: points per call and window, reducers, fill().
#include <algorithm>
#include <map>

#include "core/query/influxql/select_internal.h"

namespace tidewater::influxql {
namespace {

// mean, sum and integral are computed per series, then merged as InfluxDB's storage-side
// call iterators do (the merge weights each series' mean by its count), which decides the last bits.
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

}  // namespace

bool aggregate_group(const SelectRun& run, const MeasurementData& m, const Group& g,
                     const std::vector<const Expr*>& agg_calls, const Windows& win, ColumnCtx* ctx_ptr) {
  const SelectStatement& stmt = *run.stmt;
  const std::vector<int64_t>& windows = win.starts;
  int64_t interval = win.interval;
  auto window_index = [&](int64_t t) { return win.index(t); };
  ColumnCtx& ctx = *ctx_ptr;
  // Points of each aggregate call per window.
  size_t nw = windows.size();
  std::vector<size_t> window_points(nw, 0);
  std::vector<std::vector<std::vector<TimedValue>>> points(agg_calls.size(),
                                                           std::vector<std::vector<TimedValue>>(nw));
  std::vector<std::vector<std::vector<const SeriesData*>>> owners(agg_calls.size(),
                                                                   std::vector<std::vector<const SeriesData*>>(nw));
  for (size_t c = 0; c < agg_calls.size(); ++c) {
    const Expr& call = *agg_calls[c];
    // count(distinct(x)) and the like reduce the distinct values of x.
    bool nested_distinct = !call.args.empty() && call.args[0]->kind == ExprKind::kCall;
    const Expr& arg = nested_distinct ? *call.args[0]->args[0] : *call.args[0];
    const std::string& field = arg.name;
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
      if (nested_distinct) {
        points[c][w] = reduce_multi("distinct", points[c][w], 0);
        owners[c][w].assign(points[c][w].size(), nullptr);
      }
      if (call.name == "percentile" && !owners[c][w].empty()) {
        // percentile() reads the group's series merged in time order (ties in series order).
        std::vector<size_t> order(points[c][w].size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](size_t a, size_t b) { return points[c][w][a].time < points[c][w][b].time; });
        std::vector<TimedValue> pts;
        std::vector<const SeriesData*> own;
        for (size_t i : order) {
          pts.push_back(points[c][w][i]);
          own.push_back(owners[c][w][i]);
        }
        points[c][w] = std::move(pts);
        owners[c][w] = std::move(own);
      }
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
  if (total == 0) return false;

  bool multi = agg_calls.size() == 1 && function_kind(agg_calls[0]->name) == FunctionKind::kMultiRow;
  bool lone_selector = agg_calls.size() == 1 && function_kind(agg_calls[0]->name) == FunctionKind::kSelector;
  if (multi) {
    const Expr& call = *agg_calls[0];
    int64_t nparam = numeric_arg(call, call.args.size() - 1, 1);
    std::vector<Value> vals;
    for (size_t w = 0; w < nw; ++w) {
      const std::vector<TimedValue>& pts = points[0][w];
      const std::vector<const SeriesData*>& own = owners[0][w];
      std::vector<TimedValue> input = pts;
      if ((call.name == "top" || call.name == "bottom") && call.args.size() > 2) {
        // top(x, tag, N): the best point of each tag value first, then the N best of those.
        std::map<std::vector<std::string>, size_t> best;
        for (size_t i = 0; i < pts.size(); ++i) {
          std::vector<std::string> key;
          for (size_t a = 1; a + 1 < call.args.size(); ++a) key.push_back(own[i]->tag(call.args[a]->name));
          auto it = best.find(key);
          if (it == best.end()) { best.emplace(key, i); continue; }
          Reduced cur = reduce(call.name == "top" ? "max" : "min", {pts[it->second], pts[i]}, 0);
          if (cur.time == pts[i].time && cur.value == pts[i].value && pts[i].time != pts[it->second].time) it->second = i;
        }
        input.clear();
        for (const auto& kv : best) input.push_back(pts[kv.second]);
      }
      std::vector<uint8_t> used(pts.size(), 0);
      for (const auto& tv : reduce_multi(call.name, input, nparam)) {
        ctx.times.push_back(call.name == "distinct" ? windows[w] : tv.time);
        vals.push_back(tv.value);
        // The point's series carries other selected fields and tags along.
        const SeriesData* owner = nullptr;
        for (size_t i = 0; i < pts.size() && call.name != "distinct"; ++i) {
          if (!used[i] && pts[i].time == tv.time && pts[i].value == tv.value) {
            used[i] = 1;
            owner = own[i];
            break;
          }
        }
        ctx.rows.push_back(RowRef{owner, tv.time});
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
      if (stmt.fill == FillKind::kPrevious && stmt.order_desc) {
        // "Previous" follows the output order: the later window under ORDER BY time DESC.
        for (size_t w = nw; w-- > 0;) {
          if (!present[c][w]) col[w] = w + 1 < nw ? col[w + 1] : Value();
        }
        continue;
      }
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
            if (w > 0) col[w] = col[w - 1];  // ORDER BY time DESC is handled above
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
  return true;
}

}  // namespace tidewater::influxql
