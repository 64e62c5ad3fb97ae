#include "core/query/influxql/functions.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/query/influxql/eval.h"
#include "core/query/influxql/go_sort.h"

namespace tidewater::influxql {
namespace {

bool numeric(const Value& v) { return v.index() >= 1 && v.index() <= 3; }

double num(const Value& v) {
  double d = 0;
  as_double(v, &d);
  return d;
}

// Orders cells of one type (numbers by value, strings and booleans as such).
bool value_less(const Value& a, const Value& b) {
  if (numeric(a) && numeric(b)) return num(a) < num(b);
  return a < b;
}

}  // namespace

FunctionKind function_kind(std::string_view n) {
  if (n == "count" || n == "mean" || n == "median" || n == "mode" || n == "spread" || n == "stddev" ||
      n == "sum" || n == "integral") return FunctionKind::kAggregate;
  if (n == "first" || n == "last" || n == "max" || n == "min" || n == "percentile") return FunctionKind::kSelector;
  if (n == "distinct" || n == "top" || n == "bottom" || n == "sample") return FunctionKind::kMultiRow;
  if (n == "derivative" || n == "non_negative_derivative" || n == "difference" || n == "non_negative_difference" ||
      n == "moving_average" || n == "cumulative_sum" || n == "elapsed" || n == "exponential_moving_average")
    return FunctionKind::kTransform;
  if (n == "abs" || n == "ceil" || n == "floor" || n == "round" || n == "sqrt" || n == "ln" || n == "log" ||
      n == "log2" || n == "log10" || n == "exp" || n == "pow" || n == "sin" || n == "cos" || n == "tan" ||
      n == "asin" || n == "acos" || n == "atan" || n == "atan2") return FunctionKind::kMath;
  return FunctionKind::kNone;
}

Reduced reduce(std::string_view name, const std::vector<TimedValue>& pts, double param) {
  Reduced r;
  if (name == "count") {
    r.value = static_cast<int64_t>(pts.size());
    return r;
  }
  if (pts.empty()) return r;
  auto pick = [&](size_t i) {
    r.value = pts[i].value;
    r.time = pts[i].time;
    r.has_time = true;
    return r;
  };
  // Points arrive series by series; first/last pick by time, and among equal times the
  // greater value, as InfluxDB's reducers do.
  if (name == "first" || name == "last") {
    size_t best = 0;
    for (size_t i = 1; i < pts.size(); ++i) {
      const auto& p = pts[i];
      const auto& b = pts[best];
      bool better = name == "first" ? p.time < b.time : p.time > b.time;
      if (better || (p.time == b.time && value_less(b.value, p.value))) best = i;
    }
    return pick(best);
  }
  if (name == "max" || name == "min") {
    size_t best = 0;
    for (size_t i = 1; i < pts.size(); ++i) {
      const Value& v = pts[i].value;
      const Value& b = pts[best].value;
      bool better = name == "max" ? value_less(b, v) : value_less(v, b);
      bool equal = !value_less(b, v) && !value_less(v, b);
      if (better || (equal && pts[i].time < pts[best].time)) best = i;
    }
    return pick(best);
  }
  if (name == "percentile") {
    std::vector<size_t> idx(pts.size());
    for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    // Equal values: the point influxd's unstable sort leaves at the rank (see go_sort.h).
    auto less = [&](long a, long b) { return value_less(pts[idx[a]].value, pts[idx[b]].value); };
    auto swap = [&](long a, long b) { std::swap(idx[a], idx[b]); };
    GoSorter<decltype(less), decltype(swap)>(less, swap).sort(static_cast<long>(idx.size()));
    long i = static_cast<long>(std::floor(static_cast<double>(pts.size()) * param / 100.0 + 0.5)) - 1;
    if (i < 0 || i >= static_cast<long>(pts.size())) return r;
    return pick(idx[static_cast<size_t>(i)]);
  }
  if (name == "sum") {
    bool all_int = std::all_of(pts.begin(), pts.end(), [](const TimedValue& p) { return p.value.index() == 2; });
    if (all_int) {
      int64_t s = 0;
      for (const auto& p : pts) s += std::get<int64_t>(p.value);
      r.value = s;
    } else {
      double s = 0;
      for (const auto& p : pts) s += num(p.value);
      r.value = s;
    }
    return r;
  }
  if (name == "mean") {
    double s = 0;
    for (const auto& p : pts) s += num(p.value);
    r.value = s / static_cast<double>(pts.size());
    return r;
  }
  if (name == "median") {
    std::vector<double> v;
    for (const auto& p : pts) v.push_back(num(p.value));
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    r.value = n % 2 ? v[n / 2] : v[n / 2 - 1] + (v[n / 2] - v[n / 2 - 1]) / 2;
    return r;
  }
  if (name == "spread") {
    Value lo = pts[0].value, hi = pts[0].value;
    for (const auto& p : pts) {
      if (value_less(p.value, lo)) lo = p.value;
      if (value_less(hi, p.value)) hi = p.value;
    }
    r.value = binary_value(BinOp::kSub, hi, lo);
    return r;
  }
  if (name == "stddev") {
    if (pts.size() < 2) return r;
    double mean = 0;
    for (const auto& p : pts) mean += num(p.value);
    mean /= static_cast<double>(pts.size());
    double ss = 0;
    for (const auto& p : pts) ss += (num(p.value) - mean) * (num(p.value) - mean);
    r.value = std::sqrt(ss / static_cast<double>(pts.size() - 1));
    return r;
  }
  if (name == "mode") {
    // Most frequent value; ties go to the smallest value, as InfluxDB's sorted scan does.
    std::vector<Value> v;
    for (const auto& p : pts) v.push_back(p.value);
    std::sort(v.begin(), v.end(), value_less);
    size_t best = 0, best_n = 0;
    for (size_t i = 0; i < v.size();) {
      size_t j = i;
      while (j < v.size() && !value_less(v[i], v[j]) && !value_less(v[j], v[i])) ++j;
      if (j - i > best_n) { best_n = j - i; best = i; }
      i = j;
    }
    r.value = v[best];
    return r;
  }
  if (name == "integral") {
    double unit = param > 0 ? param : 1e9;
    double area = 0;
    for (size_t i = 1; i < pts.size(); ++i) {
      double dt = static_cast<double>(pts[i].time - pts[i - 1].time) / unit;
      area += (num(pts[i].value) + num(pts[i - 1].value)) / 2 * dt;
    }
    r.value = area;
    return r;
  }
  return r;
}

std::vector<TimedValue> reduce_multi(std::string_view name, const std::vector<TimedValue>& pts, int64_t n) {
  std::vector<TimedValue> out;
  if (name == "distinct") {
    // Each value with the time it was first seen, ordered by that time then by value.
    std::vector<TimedValue> seen;
    for (const auto& p : pts) {
      auto it = std::find_if(seen.begin(), seen.end(), [&](const TimedValue& s) {
        return !value_less(s.value, p.value) && !value_less(p.value, s.value);
      });
      if (it == seen.end()) seen.push_back(p);
      else if (p.time < it->time) it->time = p.time;
    }
    std::sort(seen.begin(), seen.end(), [](const TimedValue& a, const TimedValue& b) {
      return a.time != b.time ? a.time < b.time : value_less(a.value, b.value);
    });
    return seen;
  }
  if (name == "top" || name == "bottom") {
    std::vector<size_t> idx(pts.size());
    for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    bool top = name == "top";
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
      const Value& x = pts[a].value;
      const Value& y = pts[b].value;
      if (value_less(x, y) || value_less(y, x)) return top ? value_less(y, x) : value_less(x, y);
      return pts[a].time < pts[b].time;
    });
    if (static_cast<int64_t>(idx.size()) > n) idx.resize(static_cast<size_t>(n));
    std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return pts[a].time < pts[b].time; });
    for (size_t i : idx) out.push_back(pts[i]);
    return out;
  }
  if (name == "sample") {
    // Deterministic sample: evenly spaced points (InfluxDB samples at random).
    std::vector<TimedValue> sorted(pts);
    std::stable_sort(sorted.begin(), sorted.end(), [](const TimedValue& a, const TimedValue& b) { return a.time < b.time; });
    size_t count = std::min(sorted.size(), static_cast<size_t>(std::max<int64_t>(n, 0)));
    for (size_t i = 0; i < count; ++i) out.push_back(sorted[i * sorted.size() / count]);
  }
  return out;
}

std::vector<Value> transform(std::string_view name, const std::vector<int64_t>& times, const std::vector<Value>& in,
                             int64_t param, int64_t hold) {
  std::vector<Value> out(in.size());
  if (name == "exponential_moving_average") {
    // alpha = 2 / (period + 1), seeded with the first value; during the exponential warm-up
    // the i-th point uses 2 / (i + 1). Values are emitted once more than hold_period points
    // have been seen.
    const int64_t period = std::max<int64_t>(param, 1);
    if (hold < 0) hold = std::max<int64_t>(param, 1) - 1;
    double ema = 0;
    int64_t count = 0;
    for (size_t i = 0; i < in.size(); ++i) {
      if (in[i].index() == 0) continue;
      double v = num(in[i]);
      ++count;
      const double alpha = 2.0 / (static_cast<double>(std::min(count, period)) + 1.0);
      ema = count == 1 ? v : alpha * v + (1 - alpha) * ema;
      if (count > hold) out[i] = ema;
    }
    return out;
  }
  bool have_prev = false;
  Value prev;
  int64_t prev_t = 0;
  std::vector<double> window;
  Value sum;
  for (size_t i = 0; i < in.size(); ++i) {
    const Value& v = in[i];
    if (v.index() == 0) continue;
    if (name == "cumulative_sum") {
      sum = sum.index() == 0 ? v : binary_value(BinOp::kAdd, sum, v);
      out[i] = sum;
      continue;
    }
    if (name == "moving_average") {
      window.push_back(num(v));
      if (static_cast<int64_t>(window.size()) > param) window.erase(window.begin());
      if (static_cast<int64_t>(window.size()) == param) {
        double s = 0;
        for (double x : window) s += x;
        out[i] = s / static_cast<double>(param);
      }
      continue;
    }
    if (have_prev) {
      if (name == "difference" || name == "non_negative_difference") {
        Value d = binary_value(BinOp::kSub, v, prev);
        if (name == "difference" || num(d) >= 0) out[i] = d;
      } else if (name == "elapsed") {
        out[i] = (times[i] - prev_t) / (param > 0 ? param : 1);
      } else if (times[i] != prev_t) {
        double unit = static_cast<double>(param > 0 ? param : 1000000000LL);
        double d = (num(v) - num(prev)) / (static_cast<double>(times[i] - prev_t) / unit);
        if (name == "derivative" || d >= 0) out[i] = d;
      }
    }
    have_prev = true;
    prev = v;
    prev_t = times[i];
  }
  return out;
}

Value apply_math(std::string_view n, const Value& v, const Value& arg) {
  if (!numeric(v)) return std::monostate{};
  bool is_int = v.index() == 2;
  double x = num(v);
  if (n == "abs") return is_int ? Value(std::llabs(std::get<int64_t>(v))) : Value(std::fabs(x));
  if (n == "ceil") return is_int ? v : Value(std::ceil(x));
  if (n == "floor") return is_int ? v : Value(std::floor(x));
  if (n == "round") return is_int ? v : Value(std::round(x));
  if (n == "sqrt") return std::sqrt(x);
  if (n == "ln") return std::log(x);
  if (n == "log2") return std::log2(x);
  if (n == "log10") return std::log10(x);
  if (n == "exp") return std::exp(x);
  if (n == "sin") return std::sin(x);
  if (n == "cos") return std::cos(x);
  if (n == "tan") return std::tan(x);
  if (n == "asin") return std::asin(x);
  if (n == "acos") return std::acos(x);
  if (n == "atan") return std::atan(x);
  double y = 0;
  if (!as_double(arg, &y)) return std::monostate{};
  if (n == "log") return std::log(x) / std::log(y);
  if (n == "pow") return std::pow(x, y);
  if (n == "atan2") return std::atan2(x, y);
  return std::monostate{};
}

}  // namespace tidewater::influxql
