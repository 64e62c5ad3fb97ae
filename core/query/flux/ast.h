// The Flux abstract syntax tree.
//
// Nodes form a small class hierarchy tagged by `kind`, so the interpreter can switch on the
// kind and static_cast. Children are owned by unique_ptr; the Program owns everything, and
// function values keep the Program alive through a shared_ptr (see interpreter.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/query/flux/token.h"

namespace tidewater::query::flux::ast {

enum class ExprKind : uint8_t {
  kIdentifier, kInteger, kFloat, kString, kRegex, kDateTime, kDuration,
  kArray, kRecord, kMember, kIndex, kCall, kPipe, kFunction,
  kUnary, kBinary, kLogical, kConditional,
};

struct Expr {
  explicit Expr(ExprKind k, Span s) : kind(k), span(s) {}
  virtual ~Expr() = default;
  ExprKind kind;
  Span span;
};
using ExprPtr = std::unique_ptr<Expr>;

struct Identifier : Expr {
  Identifier(Span s, std::string n) : Expr(ExprKind::kIdentifier, s), name(std::move(n)) {}
  std::string name;
};

struct IntegerLiteral : Expr {
  IntegerLiteral(Span s, int64_t v) : Expr(ExprKind::kInteger, s), value(v) {}
  int64_t value;
};

struct FloatLiteral : Expr {
  FloatLiteral(Span s, double v) : Expr(ExprKind::kFloat, s), value(v) {}
  double value;
};

// "text ${expr} text": parts alternate between literal text (escapes resolved) and
// interpolated expressions.
struct StringPart {
  std::string text;
  ExprPtr expr;  // set for an interpolation
};
struct StringLiteral : Expr {
  explicit StringLiteral(Span s) : Expr(ExprKind::kString, s) {}
  std::vector<StringPart> parts;
  // The value when there is no interpolation (the common case, used by the planner).
  std::optional<std::string> constant() const;
};

struct RegexLiteral : Expr {
  RegexLiteral(Span s, std::string p) : Expr(ExprKind::kRegex, s), pattern(std::move(p)) {}
  std::string pattern;
};

struct DateTimeLiteral : Expr {
  DateTimeLiteral(Span s, int64_t ns) : Expr(ExprKind::kDateTime, s), unix_nanos(ns) {}
  int64_t unix_nanos;
};

// Flux durations mix calendar months with exact nanoseconds ("1mo2d"): both are kept.
struct DurationLiteral : Expr {
  DurationLiteral(Span s, int64_t mo, int64_t ns) : Expr(ExprKind::kDuration, s), months(mo), nanos(ns) {}
  int64_t months;
  int64_t nanos;
};

struct ArrayExpr : Expr {
  explicit ArrayExpr(Span s) : Expr(ExprKind::kArray, s) {}
  std::vector<ExprPtr> elements;
};

struct Property {
  std::string key;
  Span key_span;
  ExprPtr value;  // null for the shorthand {a} meaning {a: a}
};

struct RecordExpr : Expr {
  explicit RecordExpr(Span s) : Expr(ExprKind::kRecord, s) {}
  ExprPtr with;  // {with_source with k: v}
  std::vector<Property> properties;
};

struct MemberExpr : Expr {
  MemberExpr(Span s, ExprPtr o, std::string p) : Expr(ExprKind::kMember, s), object(std::move(o)), property(std::move(p)) {}
  ExprPtr object;
  std::string property;
};

struct IndexExpr : Expr {
  IndexExpr(Span s, ExprPtr o, ExprPtr i) : Expr(ExprKind::kIndex, s), object(std::move(o)), index(std::move(i)) {}
  ExprPtr object;
  ExprPtr index;
};

struct CallExpr : Expr {
  explicit CallExpr(Span s) : Expr(ExprKind::kCall, s) {}
  ExprPtr callee;
  std::unique_ptr<RecordExpr> arguments;  // null for f()
};

// `argument |> call`: the argument becomes the call's pipe parameter.
struct PipeExpr : Expr {
  explicit PipeExpr(Span s) : Expr(ExprKind::kPipe, s) {}
  ExprPtr argument;
  std::unique_ptr<CallExpr> call;
};

struct Statement;
using StatementPtr = std::unique_ptr<Statement>;

struct Parameter {
  std::string name;
  Span span;
  ExprPtr default_value;  // null when required
  bool pipe = false;      // declared `name=<-`
};

struct FunctionExpr : Expr {
  explicit FunctionExpr(Span s) : Expr(ExprKind::kFunction, s) {}
  std::vector<Parameter> params;
  ExprPtr body;                     // expression body, or
  std::vector<StatementPtr> block;  // block body ending in return
  bool has_block = false;
};

enum class UnaryOp : uint8_t { kNegate, kPlus, kNot, kExists };
struct UnaryExpr : Expr {
  UnaryExpr(Span s, UnaryOp o, ExprPtr a) : Expr(ExprKind::kUnary, s), op(o), operand(std::move(a)) {}
  UnaryOp op;
  ExprPtr operand;
};

enum class BinaryOp : uint8_t {
  kAdd, kSub, kMul, kDiv, kMod, kPow,
  kEq, kNeq, kLt, kLte, kGt, kGte, kRegexEq, kRegexNeq,
};
struct BinaryExpr : Expr {
  BinaryExpr(Span s, BinaryOp o, ExprPtr l, ExprPtr r) : Expr(ExprKind::kBinary, s), op(o), left(std::move(l)), right(std::move(r)) {}
  BinaryOp op;
  ExprPtr left, right;
};

enum class LogicalOp : uint8_t { kAnd, kOr };
struct LogicalExpr : Expr {
  LogicalExpr(Span s, LogicalOp o, ExprPtr l, ExprPtr r) : Expr(ExprKind::kLogical, s), op(o), left(std::move(l)), right(std::move(r)) {}
  LogicalOp op;
  ExprPtr left, right;
};

struct ConditionalExpr : Expr {
  explicit ConditionalExpr(Span s) : Expr(ExprKind::kConditional, s) {}
  ExprPtr test, consequent, alternate;
};

enum class StatementKind : uint8_t { kVariable, kOption, kExpression, kReturn, kTestcase };

struct Statement {
  Statement(StatementKind k, Span s) : kind(k), span(s) {}
  StatementKind kind;
  Span span;
  std::string name;       // kVariable, kOption (for `option a.b = ...` name is "b", ns "a"), kTestcase
  std::string option_ns;  // kOption with a member target
  ExprPtr expr;           // the value / expression / returned value
  std::vector<StatementPtr> block;  // kTestcase body
};

struct Import {
  std::string alias;  // empty: the path's last element
  std::string path;
  Span span;
};

struct Program {
  std::string package;
  std::vector<Import> imports;
  std::vector<StatementPtr> body;
};

}  // namespace tidewater::query::flux::ast
