// The math package: Go's math functions over floats (arguments x, y...) and its constants.
#include <cfloat>
#include <cmath>
#include <limits>
#include <numbers>

#include "core/query/flux/functions/arguments.h"
#include "core/query/flux/functions/registry.h"

namespace tidewater::query::flux {

namespace {

Result<double> float_arg(const Arguments& a, std::string_view fn, std::string_view name) {
  const Value* v = a.get(name);
  if (v == nullptr) return argument_error(a, fn, "missing required argument " + std::string(name));
  if (!v->is(Value::Kind::kFloat)) {
    return argument_error(a, fn, "argument " + std::string(name) + " must be a float, got " + std::string(kind_name(v->kind())));
  }
  return v->as_float();
}

Value unary(const char* name, double (*f)(double)) {
  std::string fn = std::string("math.") + name;
  return make_builtin(name, [fn, f](Interpreter&, const Arguments& a) -> Result<Value> {
    auto x = float_arg(a, fn, "x");
    if (!x.ok()) return x.status();
    return Value(f(*x));
  });
}

Value binary(const char* name, const char* first, const char* second, double (*f)(double, double)) {
  std::string fn = std::string("math.") + name;
  std::string p = first, q = second;
  return make_builtin(name, [fn, p, q, f](Interpreter&, const Arguments& a) -> Result<Value> {
    auto x = float_arg(a, fn, p);
    if (!x.ok()) return x.status();
    auto y = float_arg(a, fn, q);
    if (!y.ok()) return y.status();
    return Value(f(*x, *y));
  });
}

double go_round(double x) { return std::round(x); }  // half away from zero, like Go
double round_even(double x) { return std::nearbyint(x); }
double go_max(double x, double y) { return std::isnan(x) || std::isnan(y) ? NAN : std::fmax(x, y); }
double go_min(double x, double y) { return std::isnan(x) || std::isnan(y) ? NAN : std::fmin(x, y); }

Value inf_fn(const char* name) {
  return make_builtin(name, [](Interpreter&, const Arguments& a) -> Result<Value> {
    auto sign = int_argument(a, "math.mInf", "sign");
    if (!sign.ok()) return sign.status();
    return Value(*sign >= 0 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity());
  });
}

}  // namespace

void register_math_package(PackageMap& packages) {
  packages["math"] = make_package({
      {"pi", Value(std::numbers::pi)},
      {"e", Value(std::numbers::e)},
      {"phi", Value(std::numbers::phi)},
      {"sqrt2", Value(std::numbers::sqrt2)},
      {"sqrtE", Value(std::sqrt(std::numbers::e))},
      {"sqrtPi", Value(std::sqrt(std::numbers::pi))},
      {"sqrtPhi", Value(std::sqrt(std::numbers::phi))},
      {"ln2", Value(std::numbers::ln2)},
      {"log2e", Value(std::numbers::log2e)},
      {"ln10", Value(std::numbers::ln10)},
      {"log10e", Value(std::numbers::log10e)},
      {"maxFloat", Value(DBL_MAX)},
      {"smallestNonzeroFloat", Value(std::numeric_limits<double>::denorm_min())},
      {"maxInt", Value(std::numeric_limits<int64_t>::max())},
      {"minInt", Value(std::numeric_limits<int64_t>::min())},
      {"maxUint", Value(std::numeric_limits<uint64_t>::max())},
      {"abs", unary("abs", [](double x) { return std::fabs(x); })},
      {"ceil", unary("ceil", [](double x) { return std::ceil(x); })},
      {"floor", unary("floor", [](double x) { return std::floor(x); })},
      {"round", unary("round", go_round)},
      {"roundtoeven", unary("roundtoeven", round_even)},
      {"trunc", unary("trunc", [](double x) { return std::trunc(x); })},
      {"sqrt", unary("sqrt", [](double x) { return std::sqrt(x); })},
      {"cbrt", unary("cbrt", [](double x) { return std::cbrt(x); })},
      {"log", unary("log", [](double x) { return std::log(x); })},
      {"log10", unary("log10", [](double x) { return std::log10(x); })},
      {"log2", unary("log2", [](double x) { return std::log2(x); })},
      {"log1p", unary("log1p", [](double x) { return std::log1p(x); })},
      {"logb", unary("logb", [](double x) { return std::logb(x); })},
      {"exp", unary("exp", [](double x) { return std::exp(x); })},
      {"exp2", unary("exp2", [](double x) { return std::exp2(x); })},
      {"expm1", unary("expm1", [](double x) { return std::expm1(x); })},
      {"sin", unary("sin", [](double x) { return std::sin(x); })},
      {"cos", unary("cos", [](double x) { return std::cos(x); })},
      {"tan", unary("tan", [](double x) { return std::tan(x); })},
      {"asin", unary("asin", [](double x) { return std::asin(x); })},
      {"acos", unary("acos", [](double x) { return std::acos(x); })},
      {"atan", unary("atan", [](double x) { return std::atan(x); })},
      {"sinh", unary("sinh", [](double x) { return std::sinh(x); })},
      {"cosh", unary("cosh", [](double x) { return std::cosh(x); })},
      {"tanh", unary("tanh", [](double x) { return std::tanh(x); })},
      {"asinh", unary("asinh", [](double x) { return std::asinh(x); })},
      {"acosh", unary("acosh", [](double x) { return std::acosh(x); })},
      {"atanh", unary("atanh", [](double x) { return std::atanh(x); })},
      {"erf", unary("erf", [](double x) { return std::erf(x); })},
      {"erfc", unary("erfc", [](double x) { return std::erfc(x); })},
      {"gamma", unary("gamma", [](double x) { return std::tgamma(x); })},
      {"pow", binary("pow", "x", "y", [](double x, double y) { return std::pow(x, y); })},
      {"mod", binary("mod", "x", "y", [](double x, double y) { return std::fmod(x, y); })},
      {"remainder", binary("remainder", "x", "y", [](double x, double y) { return std::remainder(x, y); })},
      {"atan2", binary("atan2", "y", "x", [](double y, double x) { return std::atan2(y, x); })},
      {"hypot", binary("hypot", "p", "q", [](double p, double q) { return std::hypot(p, q); })},
      {"dim", binary("dim", "x", "y", [](double x, double y) { return std::fdim(x, y); })},
      {"copysign", binary("copysign", "x", "y", [](double x, double y) { return std::copysign(x, y); })},
      {"nextafter", binary("nextafter", "x", "y", [](double x, double y) { return std::nextafter(x, y); })},
      {"max", binary("max", "x", "y", go_max)},
      {"min", binary("min", "x", "y", go_min)},
      {"mInf", inf_fn("mInf")},
      {"NaN", make_builtin("NaN", [](Interpreter&, const Arguments&) -> Result<Value> { return Value(std::nan("")); })},
      {"isNaN", make_builtin("isNaN", [](Interpreter&, const Arguments& a) -> Result<Value> {
         auto f = float_arg(a, "math.isNaN", "f");
         if (!f.ok()) return f.status();
         return Value(std::isnan(*f));
       })},
      {"isInf", make_builtin("isInf", [](Interpreter&, const Arguments& a) -> Result<Value> {
         auto f = float_arg(a, "math.isInf", "f");
         if (!f.ok()) return f.status();
         auto sign = int_argument(a, "math.isInf", "sign");
         if (!sign.ok()) return sign.status();
         return Value(std::isinf(*f) && (*sign == 0 || (*sign > 0) == (*f > 0)));
       })},
      {"signbit", make_builtin("signbit", [](Interpreter&, const Arguments& a) -> Result<Value> {
         auto x = float_arg(a, "math.signbit", "x");
         if (!x.ok()) return x.status();
         return Value(static_cast<bool>(std::signbit(*x)));
       })},
  });
}

}  // namespace tidewater::query::flux
