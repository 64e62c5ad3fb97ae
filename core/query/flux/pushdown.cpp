#include "core/query/flux/pushdown.h"

#include "core/query/flux/ast.h"

namespace tidewater::query::flux {

using namespace ast;

namespace {

void conjuncts(const Expr* e, std::vector<const Expr*>* out) {
  if (e->kind == ExprKind::kLogical) {
    const auto& l = static_cast<const LogicalExpr&>(*e);
    if (l.op == LogicalOp::kAnd) {
      conjuncts(l.left.get(), out);
      conjuncts(l.right.get(), out);
      return;
    }
  }
  out->push_back(e);
}

// `r.x` or `r["x"]` on the row parameter: the column label.
const std::string* column_of(const Expr& e, const std::string& param, std::string* storage) {
  if (e.kind == ExprKind::kMember) {
    const auto& m = static_cast<const MemberExpr&>(e);
    if (m.object->kind == ExprKind::kIdentifier && static_cast<const Identifier&>(*m.object).name == param) {
      return &m.property;
    }
  } else if (e.kind == ExprKind::kIndex) {
    const auto& ix = static_cast<const IndexExpr&>(e);
    if (ix.object->kind == ExprKind::kIdentifier && static_cast<const Identifier&>(*ix.object).name == param &&
        ix.index->kind == ExprKind::kString) {
      auto c = static_cast<const StringLiteral&>(*ix.index).constant();
      if (c) {
        *storage = *c;
        return storage;
      }
    }
  }
  return nullptr;
}

std::optional<std::string> string_constant(const Expr& e) {
  if (e.kind != ExprKind::kString) return std::nullopt;
  return static_cast<const StringLiteral&>(e).constant();
}

// Applies one equality to the filter. False when the conjunct is not pushable.
bool push_equality(const std::string& column, const std::string& value, storage::SeriesFilter* f,
                   bool* impossible) {
  // Storage treats a missing tag like an empty one, Flux treats it as null: keep "" in Flux.
  if (value.empty()) return false;
  if (column == "_measurement") {
    if (f->measurement && *f->measurement != value) *impossible = true;
    f->measurement = value;
    return true;
  }
  if (column == "_field") {
    if (f->field && *f->field != value) *impossible = true;
    f->field = value;
    return true;
  }
  if (column.empty() || column[0] == '_') return false;  // _value, _time, _start...: not series data
  for (const auto& t : f->tag_equals) {
    if (t.key == column) {
      if (t.value != value) *impossible = true;
      return true;
    }
  }
  f->tag_equals.push_back(model::Tag{column, value});
  return true;
}

}  // namespace

Pushdown push_down_filter(const Function& fn, storage::SeriesFilter* filter) {
  Pushdown result;
  if (fn.expr == nullptr || fn.expr->params.size() != 1) return result;
  const Expr* body = fn.expr->body.get();
  if (fn.expr->has_block) {
    if (fn.expr->block.size() != 1 || fn.expr->block[0]->kind != StatementKind::kReturn) return result;
    body = fn.expr->block[0]->expr.get();
  }
  if (body == nullptr) return result;
  const std::string& param = fn.expr->params[0].name;
  std::vector<const Expr*> parts;
  conjuncts(body, &parts);
  bool all = true;
  for (const Expr* e : parts) {
    bool pushed = false;
    if (e->kind == ExprKind::kBinary && static_cast<const BinaryExpr*>(e)->op == BinaryOp::kEq) {
      const auto& b = static_cast<const BinaryExpr&>(*e);
      std::string storage;
      const std::string* col = column_of(*b.left, param, &storage);
      auto value = string_constant(*b.right);
      if (col == nullptr) {
        col = column_of(*b.right, param, &storage);
        value = string_constant(*b.left);
      }
      if (col != nullptr && value) pushed = push_equality(*col, *value, filter, &result.impossible);
    }
    all = all && pushed;
  }
  result.complete = all;
  return result;
}

}  // namespace tidewater::query::flux
