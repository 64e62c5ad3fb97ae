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

// `r.c == "v"` or `"v" == r.c`: the column and the value.
bool column_equality(const Expr& e, const std::string& param, std::string* column, std::string* value) {
  if (e.kind != ExprKind::kBinary || static_cast<const BinaryExpr&>(e).op != BinaryOp::kEq) return false;
  const auto& b = static_cast<const BinaryExpr&>(e);
  std::string storage;
  const std::string* col = column_of(*b.left, param, &storage);
  auto v = string_constant(*b.right);
  if (col == nullptr) {
    col = column_of(*b.right, param, &storage);
    v = string_constant(*b.left);
  }
  if (col == nullptr || !v) return false;
  *column = *col;
  *value = std::move(*v);
  return true;
}

// `r.k == "a" or r.k == "b" or ...` over one tag column k: pushed as a storage::TagIn. False
// when e is not such a disjunction (or holds "", which storage cannot tell from a missing tag).
bool push_tag_alternatives(const Expr& e, const std::string& param, storage::SeriesFilter* f) {
  std::vector<const Expr*> pending{&e}, leaves;
  while (!pending.empty()) {
    const Expr* x = pending.back();
    pending.pop_back();
    if (x->kind == ExprKind::kLogical && static_cast<const LogicalExpr*>(x)->op == LogicalOp::kOr) {
      pending.push_back(static_cast<const LogicalExpr*>(x)->right.get());
      pending.push_back(static_cast<const LogicalExpr*>(x)->left.get());
    } else {
      leaves.push_back(x);
    }
  }
  if (leaves.size() < 2) return false;
  storage::TagIn in;
  for (const Expr* leaf : leaves) {
    std::string column, value;
    if (!column_equality(*leaf, param, &column, &value) || value.empty()) return false;
    if (column.empty() || column[0] == '_' || (!in.key.empty() && column != in.key)) return false;
    in.key = column;
    in.values.push_back(std::move(value));
  }
  f->tag_in.push_back(std::move(in));
  return true;
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

// True when e reads the row parameter only through series columns (anything but _time and
// _value), and nothing else that could differ between the rows of one series.
bool series_only(const Expr* e, const std::string& param) {
  if (e == nullptr) return true;
  switch (e->kind) {
    case ExprKind::kInteger: case ExprKind::kFloat: case ExprKind::kRegex: case ExprKind::kDateTime:
    case ExprKind::kDuration:
      return true;
    case ExprKind::kString: return static_cast<const StringLiteral&>(*e).constant().has_value();
    case ExprKind::kIdentifier: return static_cast<const Identifier&>(*e).name != param;
    case ExprKind::kMember:
    case ExprKind::kIndex: {
      std::string storage;
      if (const std::string* col = column_of(*e, param, &storage)) return *col != "_time" && *col != "_value";
      if (e->kind == ExprKind::kMember) return series_only(static_cast<const MemberExpr&>(*e).object.get(), param);
      const auto& ix = static_cast<const IndexExpr&>(*e);
      return series_only(ix.object.get(), param) && series_only(ix.index.get(), param);
    }
    case ExprKind::kArray:
      for (const auto& el : static_cast<const ArrayExpr&>(*e).elements) {
        if (!series_only(el.get(), param)) return false;
      }
      return true;
    case ExprKind::kUnary: return series_only(static_cast<const UnaryExpr&>(*e).operand.get(), param);
    case ExprKind::kBinary: {
      const auto& b = static_cast<const BinaryExpr&>(*e);
      return series_only(b.left.get(), param) && series_only(b.right.get(), param);
    }
    case ExprKind::kLogical: {
      const auto& l = static_cast<const LogicalExpr&>(*e);
      return series_only(l.left.get(), param) && series_only(l.right.get(), param);
    }
    case ExprKind::kConditional: {
      const auto& c = static_cast<const ConditionalExpr&>(*e);
      return series_only(c.test.get(), param) && series_only(c.consequent.get(), param) &&
             series_only(c.alternate.get(), param);
    }
    case ExprKind::kCall: {
      const auto& c = static_cast<const CallExpr&>(*e);
      if (!series_only(c.callee.get(), param)) return false;
      if (c.arguments == nullptr) return true;
      if (c.arguments->with) return false;
      for (const auto& p : c.arguments->properties) {
        if (p.value == nullptr ? p.key == param : !series_only(p.value.get(), param)) return false;
      }
      return true;
    }
    default: return false;
  }
}

// The single expression a predicate lambda returns, or null.
const Expr* predicate_body(const Function& fn) {
  if (fn.expr == nullptr || fn.expr->params.size() != 1) return nullptr;
  if (!fn.expr->has_block) return fn.expr->body.get();
  if (fn.expr->block.size() != 1 || fn.expr->block[0]->kind != StatementKind::kReturn) return nullptr;
  return fn.expr->block[0]->expr.get();
}

}  // namespace

bool reads_only_series_columns(const Function& fn) {
  const Expr* body = predicate_body(fn);
  return body != nullptr && series_only(body, fn.expr->params[0].name);
}

Pushdown push_down_filter(const Function& fn, storage::SeriesFilter* filter) {
  Pushdown result;
  const Expr* body = predicate_body(fn);
  if (body == nullptr) return result;
  const std::string& param = fn.expr->params[0].name;
  std::vector<const Expr*> parts;
  conjuncts(body, &parts);
  bool all = true;
  for (const Expr* e : parts) {
    bool pushed = false;
    std::string column, value;
    if (column_equality(*e, param, &column, &value)) pushed = push_equality(column, value, filter, &result.impossible);
    else pushed = push_tag_alternatives(*e, param, filter);
    all = all && pushed;
  }
  result.complete = all;
  return result;
}

}  // namespace tidewater::query::flux
