#include "core/query/influxql/eval.h"

#include <cmath>
#include <map>
#include <regex>

#include "core/model/format.h"
#include "core/util/regex.h"

namespace tidewater::influxql {
namespace {

bool is_time_ref(const Expr& e) { return e.kind == ExprKind::kVarRef && e.name == "time"; }

// The nanosecond value of a time operand: RFC3339 string, integer ns, duration, now(),
// and + / - between them.
bool time_value(const Expr& e, int64_t now_ns, int64_t* out) {
  switch (e.kind) {
    case ExprKind::kString: {
      if (model::parse_rfc3339(e.name, out)) return true;
      // 'YYYY-MM-DD' and 'YYYY-MM-DD HH:MM:SS' forms InfluxQL also accepts.
      std::string s = e.name;
      if (s.size() == 10) s += "T00:00:00Z";
      else if (s.size() >= 19 && s[10] == ' ') { s[10] = 'T'; if (s.back() != 'Z') s += 'Z'; }
      return model::parse_rfc3339(s, out);
    }
    case ExprKind::kInteger:
    case ExprKind::kDuration: *out = e.integer; return true;
    case ExprKind::kNumber: *out = static_cast<int64_t>(e.number); return true;
    case ExprKind::kCall:
      if (e.name == "now" && e.args.empty()) { *out = now_ns; return true; }
      return false;
    case ExprKind::kBinary: {
      int64_t a, b;
      if ((e.op != BinOp::kAdd && e.op != BinOp::kSub) || !time_value(*e.args[0], now_ns, &a) ||
          !time_value(*e.args[1], now_ns, &b)) return false;
      *out = e.op == BinOp::kAdd ? a + b : a - b;
      return true;
    }
    default: return false;
  }
}

BinOp flip(BinOp op) {
  switch (op) {
    case BinOp::kLt: return BinOp::kGt;
    case BinOp::kLte: return BinOp::kGte;
    case BinOp::kGt: return BinOp::kLt;
    case BinOp::kGte: return BinOp::kLte;
    default: return op;
  }
}

// Whether e is `k = 'a' OR k = 'b' ...` over one name k; the terms go to out.
bool collect_tag_alternatives(const Expr& e, std::vector<model::Tag>* out) {
  if (e.kind != ExprKind::kBinary) return false;
  if (e.op == BinOp::kOr) return collect_tag_alternatives(*e.args[0], out) && collect_tag_alternatives(*e.args[1], out);
  if (e.op != BinOp::kEq || e.args[0]->kind != ExprKind::kVarRef || e.args[1]->kind != ExprKind::kString ||
      e.args[0]->cast == "field" || is_time_ref(*e.args[0]))
    return false;
  if (!out->empty() && out->front().key != e.args[0]->name) return false;
  out->push_back(model::Tag{e.args[0]->name, e.args[1]->name});
  return true;
}

Status collect(const ExprPtr& e, int64_t now_ns, SplitCondition* out, std::vector<ExprPtr>* rest) {
  if (e->kind == ExprKind::kBinary && e->op == BinOp::kAnd) {
    Status s = collect(e->args[0], now_ns, out, rest);
    if (!s.ok()) return s;
    return collect(e->args[1], now_ns, out, rest);
  }
  if (e->kind == ExprKind::kBinary && (is_time_ref(*e->args[0]) || is_time_ref(*e->args[1]))) {
    bool lhs_time = is_time_ref(*e->args[0]);
    BinOp op = lhs_time ? e->op : flip(e->op);
    int64_t t;
    if (!time_value(lhs_time ? *e->args[1] : *e->args[0], now_ns, &t)) {
      return Status(ErrorCode::kInvalid, "invalid operation: time and *influxql.StringLiteral are not compatible");
    }
    auto& r = out->range;
    switch (op) {
      case BinOp::kGt: t += 1; [[fallthrough]];
      case BinOp::kGte:
        if (!out->has_start || t > r.start) r.start = t;
        out->has_start = true;
        break;
      case BinOp::kLte: t += 1; [[fallthrough]];
      case BinOp::kLt:
        if (!out->has_stop || t < r.stop) r.stop = t;
        out->has_stop = true;
        break;
      case BinOp::kEq:
        if (!out->has_start || t > r.start) r.start = t;
        if (!out->has_stop || t + 1 < r.stop) r.stop = t + 1;
        out->has_start = out->has_stop = true;
        break;
      default:
        return Status(ErrorCode::kInvalid, "invalid time comparison operator: " + std::string(binop_text(op)));
    }
    return Status::Ok();
  }
  if (e->kind == ExprKind::kBinary && e->op == BinOp::kEq && e->args[0]->kind == ExprKind::kVarRef &&
      e->args[1]->kind == ExprKind::kString && e->args[0]->cast != "field") {
    out->tag_equals.push_back(model::Tag{e->args[0]->name, e->args[1]->name});
  }
  if (out->tag_alternatives.empty() && e->kind == ExprKind::kBinary && e->op == BinOp::kOr) {
    std::vector<model::Tag> alternatives;
    if (collect_tag_alternatives(*e, &alternatives)) out->tag_alternatives = std::move(alternatives);
  }
  rest->push_back(e);
  return Status::Ok();
}

int compare_values(const Value& a, const Value& b, bool* ok) {
  *ok = true;
  double x, y;
  if (as_double(a, &x) && as_double(b, &y)) return x < y ? -1 : (x > y ? 1 : 0);
  if (a.index() == 4 && b.index() == 4) return std::get<std::string>(a).compare(std::get<std::string>(b));
  if (a.index() == 5 && b.index() == 5) return static_cast<int>(std::get<bool>(a)) - static_cast<int>(std::get<bool>(b));
  *ok = false;
  return 0;
}

}  // namespace

const std::regex& cached_regex(const std::string& pattern) {
  // Conditions are evaluated per row; compiling std::regex each time would dominate.
  thread_local std::map<std::string, std::regex> cache;
  auto it = cache.find(pattern);
  if (it == cache.end()) {
    if (cache.size() > 256) cache.clear();
    // The parser has already compiled every pattern once and reported the bad ones.
    Result<std::regex> re = util::compile_regex(pattern);
    it = cache.emplace(pattern, re.ok() ? std::move(re).value() : std::regex("$.^")).first;
  }
  return it->second;
}

Result<SplitCondition> split_condition(const ExprPtr& cond, int64_t now_ns) {
  SplitCondition out;
  if (!cond) return out;
  std::vector<ExprPtr> rest;
  Status s = collect(cond, now_ns, &out, &rest);
  if (!s.ok()) return s;
  for (auto& e : rest) {
    if (!out.rest) { out.rest = e; continue; }
    auto both = std::make_shared<Expr>();
    both->kind = ExprKind::kBinary;
    both->op = BinOp::kAnd;
    both->args = {out.rest, e};
    out.rest = both;
  }
  return out;
}

bool as_double(const Value& v, double* out) {
  switch (v.index()) {
    case 1: *out = std::get<double>(v); return true;
    case 2: *out = static_cast<double>(std::get<int64_t>(v)); return true;
    case 3: *out = static_cast<double>(std::get<uint64_t>(v)); return true;
    default: return false;
  }
}

bool truthy(const Value& v) { return v.index() == 5 && std::get<bool>(v); }

Value binary_value(BinOp op, const Value& a, const Value& b) {
  if (a.index() == 0 || b.index() == 0) return std::monostate{};
  if (op == BinOp::kAnd || op == BinOp::kOr) {
    return op == BinOp::kAnd ? (truthy(a) && truthy(b)) : (truthy(a) || truthy(b));
  }
  if (op >= BinOp::kEq && op <= BinOp::kGte) {
    bool ok;
    int c = compare_values(a, b, &ok);
    if (!ok) return op == BinOp::kNeq;
    switch (op) {
      case BinOp::kEq: return c == 0;
      case BinOp::kNeq: return c != 0;
      case BinOp::kLt: return c < 0;
      case BinOp::kLte: return c <= 0;
      case BinOp::kGt: return c > 0;
      default: return c >= 0;
    }
  }
  if (a.index() == 2 && b.index() == 2 && op != BinOp::kDiv) {
    int64_t x = std::get<int64_t>(a), y = std::get<int64_t>(b);
    switch (op) {
      case BinOp::kAdd: return x + y;
      case BinOp::kSub: return x - y;
      case BinOp::kMul: return x * y;
      case BinOp::kMod: return y == 0 ? Value(std::monostate{}) : Value(x % y);
      case BinOp::kBitAnd: return x & y;
      case BinOp::kBitOr: return x | y;
      case BinOp::kBitXor: return x ^ y;
      default: return std::monostate{};
    }
  }
  double x, y;
  if (!as_double(a, &x) || !as_double(b, &y)) {
    if (op == BinOp::kAdd && a.index() == 4 && b.index() == 4) return std::get<std::string>(a) + std::get<std::string>(b);
    return std::monostate{};
  }
  switch (op) {
    case BinOp::kAdd: return x + y;
    case BinOp::kSub: return x - y;
    case BinOp::kMul: return x * y;
    case BinOp::kDiv: return y == 0 ? 0.0 : x / y;  // InfluxQL divides by zero to 0
    case BinOp::kMod: return std::fmod(x, y);
    default: return std::monostate{};
  }
}

Value eval(const Expr& e, const Lookup& lookup) {
  switch (e.kind) {
    case ExprKind::kVarRef: return lookup(e);
    case ExprKind::kNumber: return e.number;
    case ExprKind::kInteger: return e.integer;
    case ExprKind::kString: return e.name;
    case ExprKind::kBool: return e.integer != 0;
    case ExprKind::kDuration: return e.integer;
    case ExprKind::kBinary: {
      if (e.op == BinOp::kRegexMatch || e.op == BinOp::kRegexNotMatch) {
        Value v = eval(*e.args[0], lookup);
        if (v.index() != 4) return e.op == BinOp::kRegexNotMatch && v.index() == 0 ? Value(false) : Value(false);
        bool m = std::regex_search(std::get<std::string>(v), cached_regex(e.args[1]->name));
        return e.op == BinOp::kRegexMatch ? m : !m;
      }
      if (e.op == BinOp::kAnd || e.op == BinOp::kOr) {
        bool l = truthy(eval(*e.args[0], lookup));
        if (e.op == BinOp::kAnd && !l) return false;
        if (e.op == BinOp::kOr && l) return true;
        return truthy(eval(*e.args[1], lookup));
      }
      Value l = eval(*e.args[0], lookup), r = eval(*e.args[1], lookup);
      if ((l.index() == 0 || r.index() == 0) && e.op >= BinOp::kEq && e.op <= BinOp::kGte) return false;
      return binary_value(e.op, l, r);
    }
    default: return std::monostate{};
  }
}

}  // namespace tidewater::influxql
