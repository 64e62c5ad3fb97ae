// Expression rules: binary operators by precedence, literals, variable references, calls.
#include <charconv>
#include <cstdlib>

#include "core/query/influxql/parser.h"

namespace tidewater::influxql {
namespace {

// InfluxQL's operator precedence: OR < AND < comparisons < + - | ^ < * / % &.
int precedence(const Token& t, BinOp* op) {
  if (t.is_keyword("OR")) { *op = BinOp::kOr; return 1; }
  if (t.is_keyword("AND")) { *op = BinOp::kAnd; return 2; }
  if (t.tok != Tok::kPunct) return 0;
  const std::string& p = t.text;
  if (p == "=") { *op = BinOp::kEq; return 4; }
  if (p == "!=" || p == "<>") { *op = BinOp::kNeq; return 4; }
  if (p == "<") { *op = BinOp::kLt; return 4; }
  if (p == "<=") { *op = BinOp::kLte; return 4; }
  if (p == ">") { *op = BinOp::kGt; return 4; }
  if (p == ">=") { *op = BinOp::kGte; return 4; }
  if (p == "=~") { *op = BinOp::kRegexMatch; return 4; }
  if (p == "!~") { *op = BinOp::kRegexNotMatch; return 4; }
  if (p == "+") { *op = BinOp::kAdd; return 5; }
  if (p == "-") { *op = BinOp::kSub; return 5; }
  if (p == "|") { *op = BinOp::kBitOr; return 5; }
  if (p == "^") { *op = BinOp::kBitXor; return 5; }
  if (p == "*") { *op = BinOp::kMul; return 6; }
  if (p == "/") { *op = BinOp::kDiv; return 6; }
  if (p == "%") { *op = BinOp::kMod; return 6; }
  if (p == "&") { *op = BinOp::kBitAnd; return 6; }
  return 0;
}

ExprPtr make(ExprKind kind, int pos) {
  auto e = std::make_shared<Expr>();
  e->kind = kind;
  e->pos = pos;
  return e;
}

}  // namespace

ExprPtr Parser::parse_expr(int min_prec) {
  ExprPtr lhs = parse_unary();
  if (!lhs) return nullptr;
  for (;;) {
    BinOp op;
    int prec = precedence(peek(), &op);
    if (prec == 0 || prec <= min_prec) return lhs;
    Token optok = scan();
    ExprPtr rhs;
    if (op == BinOp::kRegexMatch || op == BinOp::kRegexNotMatch) {
      std::string re;
      if (!parse_regex(&re)) return nullptr;
      rhs = make(ExprKind::kRegex, optok.pos);
      rhs->name = re;
    } else {
      rhs = parse_expr(prec);
      if (!rhs) return nullptr;
    }
    auto bin = make(ExprKind::kBinary, optok.pos);
    bin->op = op;
    bin->args = {lhs, rhs};
    lhs = bin;
  }
}

ExprPtr Parser::parse_unary() {
  Token t = scan();
  bool entered = enter_nesting(t.pos);
  ExprPtr e = entered ? parse_unary_after(t) : nullptr;
  leave_nesting();
  return e;
}

// parse_unary once its first token is taken.
ExprPtr Parser::parse_unary_after(const Token& t) {
  if (t.is_punct("(")) {
    ExprPtr inner = parse_expr();
    if (!inner) return nullptr;
    Token close = scan();
    if (!close.is_punct(")")) { fail(close, ")"); return nullptr; }
    return inner;
  }
  if (t.is_punct("-") || t.is_punct("+")) {
    // A sign binds to a number literal; before anything else it means multiplying by -1.
    bool neg = t.is_punct("-");
    const Token& n = peek();
    if (n.tok == Tok::kInteger || n.tok == Tok::kNumber || n.tok == Tok::kDuration) {
      ExprPtr lit = parse_unary();
      if (!lit) return nullptr;
      if (neg) { lit->number = -lit->number; lit->integer = -lit->integer; }
      lit->pos = t.pos;
      return lit;
    }
    ExprPtr operand = parse_unary();
    if (!operand) return nullptr;
    if (!neg) return operand;
    auto minus = make(ExprKind::kInteger, t.pos);
    minus->integer = -1;
    auto bin = make(ExprKind::kBinary, t.pos);
    bin->op = BinOp::kMul;
    bin->args = {minus, operand};
    return bin;
  }
  if (t.is_punct("/")) {
    ahead_.insert(ahead_.begin(), t);
    std::string re;
    if (!parse_regex(&re)) return nullptr;
    auto e = make(ExprKind::kRegex, t.pos);
    e->name = re;
    return e;
  }
  if (t.is_punct("*")) {
    auto e = make(ExprKind::kWildcard, t.pos);
    if (peek().is_punct("::")) {
      scan();
      Token c = scan();
      if (!c.is_keyword("FIELD") && !c.is_keyword("TAG")) { fail(c, "field, tag"); return nullptr; }
      e->cast = c.is_keyword("FIELD") ? "field" : "tag";
    }
    return e;
  }
  switch (t.tok) {
    case Tok::kBoundParam:
      return bound_param(t);
    case Tok::kString: {
      auto e = make(ExprKind::kString, t.pos);
      e->name = t.text;
      return e;
    }
    case Tok::kBadString:
      fail_message(t.pos, "found " + t.text + ", expected string");
      return nullptr;
    case Tok::kInteger: {
      auto e = make(ExprKind::kInteger, t.pos);
      auto r = std::from_chars(t.text.data(), t.text.data() + t.text.size(), e->integer);
      if (r.ec != std::errc()) { fail_message(t.pos, "unable to parse integer"); return nullptr; }
      e->number = static_cast<double>(e->integer);
      return e;
    }
    case Tok::kNumber: {
      auto e = make(ExprKind::kNumber, t.pos);
      e->number = std::strtod(t.text.c_str(), nullptr);
      return e;
    }
    case Tok::kDuration: {
      auto e = make(ExprKind::kDuration, t.pos);
      if (!parse_duration_literal(t.text, &e->integer)) { fail_message(t.pos, "invalid duration"); return nullptr; }
      return e;
    }
    case Tok::kKeyword:
      if (t.text == "DISTINCT") {
        // distinct(x) is a call; DISTINCT x is its older spelling.
        if (peek().is_punct("(")) {
          Token as_ident = t;
          as_ident.tok = Tok::kIdent;
          as_ident.text = "distinct";
          ahead_.insert(ahead_.begin(), as_ident);
          return parse_unary();
        }
        auto call = make(ExprKind::kCall, t.pos);
        call->name = "distinct";
        ExprPtr arg = parse_unary();
        if (!arg) return nullptr;
        call->args.push_back(arg);
        return call;
      }
      if (t.text == "TRUE" || t.text == "FALSE") {
        auto e = make(ExprKind::kBool, t.pos);
        e->integer = t.text == "TRUE";
        return e;
      }
      break;
    case Tok::kIdent: {
      if (peek().is_punct("(") && !t.text.empty()) {
        scan();
        auto call = make(ExprKind::kCall, t.pos);
        call->name = t.text;
        if (peek().is_punct(")")) { scan(); return call; }
        for (;;) {
          ExprPtr arg = parse_expr();
          if (!arg) return nullptr;
          call->args.push_back(arg);
          Token sep = scan();
          if (sep.is_punct(")")) return call;
          if (!sep.is_punct(",")) { fail(sep, ", or )"); return nullptr; }
        }
      }
      auto e = make(ExprKind::kVarRef, t.pos);
      e->name = t.text;
      // "db"."rp"."m".field style dotted references are not InfluxQL in expressions, but
      // ::type casts are.
      if (peek().is_punct("::")) {
        scan();
        Token c = scan();
        if (c.tok != Tok::kIdent && c.tok != Tok::kKeyword) { fail(c, "field, tag, integer, float, string, boolean"); return nullptr; }
        e->cast = c.tok == Tok::kKeyword ? std::string(c.text == "FIELD" ? "field" : "tag") : c.text;
      }
      return e;
    }
    default:
      break;
  }
  fail(t, "identifier, string, number, bool");
  return nullptr;
}

// $name becomes the literal its bound value spells (a string, number or boolean).
ExprPtr Parser::bound_param(const Token& t) {
  auto it = params_ ? params_->find(t.text) : BindParams::const_iterator();
  if (!params_ || it == params_->end()) {
    fail_plain("missing parameter: " + t.text);
    return nullptr;
  }
  const Value& v = it->second;
  ExprPtr e;
  switch (v.index()) {
    case 1:
      e = make(ExprKind::kNumber, t.pos);
      e->number = std::get<double>(v);
      return e;
    case 2:
    case 3:
      e = make(ExprKind::kInteger, t.pos);
      e->integer = v.index() == 2 ? std::get<int64_t>(v) : static_cast<int64_t>(std::get<uint64_t>(v));
      e->number = static_cast<double>(e->integer);
      return e;
    case 4:
      e = make(ExprKind::kString, t.pos);
      e->name = std::get<std::string>(v);
      return e;
    case 5:
      e = make(ExprKind::kBool, t.pos);
      e->integer = std::get<bool>(v);
      return e;
    default:
      fail_plain("missing parameter: " + t.text);
      return nullptr;
  }
}

}  // namespace tidewater::influxql
