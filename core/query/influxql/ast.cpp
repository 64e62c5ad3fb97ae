#include "core/query/influxql/ast.h"

#include "core/model/format.h"

namespace tidewater::influxql {

const char* binop_text(BinOp op) {
  switch (op) {
    case BinOp::kAdd: return "+";
    case BinOp::kSub: return "-";
    case BinOp::kMul: return "*";
    case BinOp::kDiv: return "/";
    case BinOp::kMod: return "%";
    case BinOp::kBitAnd: return "&";
    case BinOp::kBitOr: return "|";
    case BinOp::kBitXor: return "^";
    case BinOp::kEq: return "=";
    case BinOp::kNeq: return "!=";
    case BinOp::kLt: return "<";
    case BinOp::kLte: return "<=";
    case BinOp::kGt: return ">";
    case BinOp::kGte: return ">=";
    case BinOp::kRegexMatch: return "=~";
    case BinOp::kRegexNotMatch: return "!~";
    case BinOp::kAnd: return "AND";
    case BinOp::kOr: return "OR";
  }
  return "?";
}

std::string expr_string(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kVarRef: return e.cast.empty() ? e.name : e.name + "::" + e.cast;
    case ExprKind::kCall: {
      std::string s = e.name + "(";
      for (size_t i = 0; i < e.args.size(); ++i) {
        if (i) s += ", ";
        s += expr_string(*e.args[i]);
      }
      return s + ")";
    }
    case ExprKind::kNumber: return model::format_float(e.number);
    case ExprKind::kInteger: return std::to_string(e.integer);
    case ExprKind::kString: return "'" + e.name + "'";
    case ExprKind::kBool: return e.integer ? "true" : "false";
    case ExprKind::kDuration: return std::to_string(e.integer) + "ns";
    case ExprKind::kRegex: return "/" + e.name + "/";
    case ExprKind::kWildcard: return e.cast.empty() ? "*" : "*::" + e.cast;
    case ExprKind::kBinary:
      return expr_string(*e.args[0]) + " " + binop_text(e.op) + " " + expr_string(*e.args[1]);
  }
  return "";
}

}  // namespace tidewater::influxql
