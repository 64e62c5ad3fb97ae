#include "core/query/flux/operators.h"

#include <cmath>

namespace tidewater::query::flux {

using ast::BinaryOp;
using K = Value::Kind;

namespace {

const char* op_verb(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd: return "add";
    case BinaryOp::kSub: return "subtract";
    case BinaryOp::kMul: return "multiply";
    case BinaryOp::kDiv: return "divide";
    case BinaryOp::kMod: return "take the remainder of";
    case BinaryOp::kPow: return "raise";
    default: return "compare";
  }
}

bool numeric(K k) { return k == K::kInt || k == K::kUInt || k == K::kFloat; }

// Three-way compare of numbers of possibly different kinds; exact for int/uint pairs.
int compare_numbers(const Value& a, const Value& b) {
  if (a.kind() == K::kInt && b.kind() == K::kInt) return a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int();
  if (a.kind() == K::kUInt && b.kind() == K::kUInt) return a.as_uint() < b.as_uint() ? -1 : a.as_uint() > b.as_uint();
  if (a.kind() == K::kInt && b.kind() == K::kUInt) {
    if (a.as_int() < 0) return -1;
    uint64_t x = static_cast<uint64_t>(a.as_int());
    return x < b.as_uint() ? -1 : x > b.as_uint();
  }
  if (a.kind() == K::kUInt && b.kind() == K::kInt) return -compare_numbers(b, a);
  auto f = [](const Value& v) {
    switch (v.kind()) {
      case K::kInt: return static_cast<double>(v.as_int());
      case K::kUInt: return static_cast<double>(v.as_uint());
      default: return v.as_float();
    }
  };
  double x = f(a), y = f(b);
  if (std::isnan(x) || std::isnan(y)) return 2;  // unordered
  return x < y ? -1 : x > y;
}

template <typename T>
bool arith(BinaryOp op, T a, T b, T* out, std::string* error) {
  switch (op) {
    case BinaryOp::kAdd: *out = a + b; return true;
    case BinaryOp::kSub: *out = a - b; return true;
    case BinaryOp::kMul: *out = a * b; return true;
    case BinaryOp::kDiv:
      if constexpr (std::is_integral_v<T>) {
        if (b == 0) {
          *error = "cannot divide by zero";
          return false;
        }
      }
      *out = a / b;
      return true;
    case BinaryOp::kMod:
      if constexpr (std::is_integral_v<T>) {
        if (b == 0) {
          *error = "cannot take the remainder of division by zero";
          return false;
        }
        *out = a % b;
      } else {
        *out = std::fmod(a, b);
      }
      return true;
    case BinaryOp::kPow:
      *out = static_cast<T>(std::pow(static_cast<double>(a), static_cast<double>(b)));
      return true;
    default: return false;
  }
}

}  // namespace

bool values_equal(const Value& a, const Value& b) {
  if (numeric(a.kind()) && numeric(b.kind())) return compare_numbers(a, b) == 0;
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case K::kNull: return true;
    case K::kBool: return a.as_bool() == b.as_bool();
    case K::kString: return a.as_string() == b.as_string();
    case K::kTime: return a.as_time() == b.as_time();
    case K::kDuration: return a.as_duration() == b.as_duration();
    case K::kRegex: return a.as_regex().pattern == b.as_regex().pattern;
    case K::kArray: {
      const auto& x = a.as_array().elements;
      const auto& y = b.as_array().elements;
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) {
        if (!values_equal(x[i], y[i])) return false;
      }
      return true;
    }
    case K::kRecord: {
      const auto& x = a.as_record().properties;
      const auto& y = b.as_record().properties;
      if (x.size() != y.size()) return false;
      for (const auto& [k, v] : x) {
        const Value* o = b.as_record().get(k);
        if (o == nullptr || !values_equal(v, *o)) return false;
      }
      return true;
    }
    default: return false;
  }
}

bool apply_binary(BinaryOp op, const Value& l, const Value& r, Value* out, std::string* error) {
  auto mismatch = [&] {
    *error = std::string("cannot ") + op_verb(op) + " " + std::string(kind_name(l.kind())) + " and " +
             std::string(kind_name(r.kind()));
    return false;
  };
  if (op == BinaryOp::kRegexEq || op == BinaryOp::kRegexNeq) {
    if (l.is_null() || r.is_null()) {
      *out = Value();
      return true;
    }
    if (l.kind() != K::kString || r.kind() != K::kRegex) return mismatch();
    bool m = std::regex_search(l.as_string(), r.as_regex().re);
    *out = Value(op == BinaryOp::kRegexEq ? m : !m);
    return true;
  }
  if (l.is_null() || r.is_null()) {
    *out = Value();
    return true;
  }
  if (op == BinaryOp::kEq || op == BinaryOp::kNeq) {
    bool comparable = (numeric(l.kind()) && numeric(r.kind())) || l.kind() == r.kind();
    if (!comparable) return mismatch();
    bool eq = values_equal(l, r);
    *out = Value(op == BinaryOp::kEq ? eq : !eq);
    return true;
  }
  if (op == BinaryOp::kLt || op == BinaryOp::kLte || op == BinaryOp::kGt || op == BinaryOp::kGte) {
    int c;
    if (numeric(l.kind()) && numeric(r.kind())) {
      c = compare_numbers(l, r);
    } else if (l.kind() == K::kString && r.kind() == K::kString) {
      c = l.as_string().compare(r.as_string());
      c = c < 0 ? -1 : c > 0;
    } else if (l.kind() == K::kTime && r.kind() == K::kTime) {
      c = l.as_time().unix_nanos < r.as_time().unix_nanos ? -1 : l.as_time().unix_nanos > r.as_time().unix_nanos;
    } else if (l.kind() == K::kDuration && r.kind() == K::kDuration && l.as_duration().months == r.as_duration().months) {
      c = l.as_duration().nanos < r.as_duration().nanos ? -1 : l.as_duration().nanos > r.as_duration().nanos;
    } else if (l.kind() == K::kBool && r.kind() == K::kBool) {
      c = static_cast<int>(l.as_bool()) - static_cast<int>(r.as_bool());
    } else {
      return mismatch();
    }
    bool result = false;
    if (c != 2) {
      switch (op) {
        case BinaryOp::kLt: result = c < 0; break;
        case BinaryOp::kLte: result = c <= 0; break;
        case BinaryOp::kGt: result = c > 0; break;
        default: result = c >= 0; break;
      }
    }
    *out = Value(result);
    return true;
  }
  // Arithmetic.
  if (l.kind() == K::kInt && r.kind() == K::kInt) {
    int64_t v;
    if (!arith(op, l.as_int(), r.as_int(), &v, error)) return error->empty() ? mismatch() : false;
    *out = Value(v);
    return true;
  }
  if (l.kind() == K::kUInt && r.kind() == K::kUInt) {
    uint64_t v;
    if (!arith(op, l.as_uint(), r.as_uint(), &v, error)) return error->empty() ? mismatch() : false;
    *out = Value(v);
    return true;
  }
  if (l.kind() == K::kFloat && r.kind() == K::kFloat) {
    double v;
    if (!arith(op, l.as_float(), r.as_float(), &v, error)) return error->empty() ? mismatch() : false;
    *out = Value(v);
    return true;
  }
  if (op == BinaryOp::kAdd && l.kind() == K::kString && r.kind() == K::kString) {
    *out = Value(l.as_string() + r.as_string());
    return true;
  }
  if ((op == BinaryOp::kAdd || op == BinaryOp::kSub) && l.kind() == K::kTime && r.kind() == K::kDuration) {
    DurationValue d = r.as_duration();
    if (op == BinaryOp::kSub) d = DurationValue{-d.months, -d.nanos};
    *out = Value(TimeValue{add_duration(l.as_time().unix_nanos, d)});
    return true;
  }
  if ((op == BinaryOp::kAdd || op == BinaryOp::kSub) && l.kind() == K::kDuration && r.kind() == K::kDuration) {
    DurationValue a = l.as_duration(), b = r.as_duration();
    int sign = op == BinaryOp::kAdd ? 1 : -1;
    *out = Value(DurationValue{a.months + sign * b.months, a.nanos + sign * b.nanos});
    return true;
  }
  return mismatch();
}

}  // namespace tidewater::query::flux
