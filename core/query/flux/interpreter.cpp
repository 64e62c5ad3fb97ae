#include "core/query/flux/interpreter.h"

#include <algorithm>
#include <utility>

#include "core/query/flux/functions/registry.h"
#include "core/query/flux/operators.h"
#include "core/query/flux/parser.h"
#include "core/query/flux/stream.h"
#include "core/util/regex.h"

namespace tidewater::query::flux {

using namespace ast;

namespace {
constexpr int kMaxCallDepth = 500;
}

Interpreter::Interpreter(const FluxContext& context)
    : context_(context), universe_(make_universe()), top_(std::make_shared<Scope>(universe_)) {}

Interpreter::~Interpreter() {
  for (auto& scope : package_scopes_) scope->clear();
  for (auto& weak : captured_scopes_)
    if (auto scope = weak.lock()) scope->clear();
  top_->clear();
  universe_->clear();
}

Status Interpreter::error_at(const Span& span, std::string_view message) {
  return Status(ErrorCode::kInvalid, located_error(span, message));
}

Status Interpreter::run(std::shared_ptr<const Program> program) {
  program_ = std::move(program);
  for (const auto& imp : program_->imports) {
    Status s = import_package(imp, *top_);
    if (!s.ok()) return s;
  }
  for (const auto& st : program_->body) {
    Status s = exec_statement(*st, top_);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status Interpreter::import_package(const Import& imp, Scope& into) {
  std::string name = imp.alias;
  if (name.empty()) {
    size_t slash = imp.path.rfind('/');
    name = slash == std::string::npos ? imp.path : imp.path.substr(slash + 1);
  }
  if (const std::shared_ptr<const Record>* pkg = find_package(imp.path)) {
    into.set(name, Value(*pkg));
    return Status::Ok();
  }
  const char* source = flux_source_package(imp.path);
  if (source == nullptr) return error_at(imp.span, "unknown import path \"" + imp.path + "\"");
  auto pkg = evaluate_package(source);
  if (!pkg.ok()) return pkg.status();
  into.set(name, Value(std::move(pkg).value()));
  return Status::Ok();
}

Result<std::shared_ptr<const Record>> Interpreter::evaluate_package(const char* source) {
  auto parsed = parse_program(source);
  if (!parsed.ok()) return Status(ErrorCode::kInternal, "package source: " + parsed.status().message());
  std::shared_ptr<const Program> program = std::move(parsed).value();
  // A package's own imports are private to it (a scope between the universe and its members).
  auto imports = std::make_shared<Scope>(universe_);
  auto scope = std::make_shared<Scope>(imports);
  package_scopes_.push_back(scope);
  // Lambdas defined here must keep the package's syntax tree alive, not the script's.
  std::shared_ptr<const Program> script = std::exchange(program_, program);
  Status s = Status::Ok();
  for (const auto& imp : program->imports) {
    s = import_package(imp, *imports);
    if (!s.ok()) break;
  }
  for (const auto& st : program->body) {
    if (!s.ok()) break;
    s = exec_statement(*st, scope);
    if (!s.ok()) break;
  }
  program_ = std::move(script);
  if (!s.ok()) return s;
  auto record = std::make_shared<Record>();
  record->properties = scope->variables();
  return std::shared_ptr<const Record>(record);
}

Status Interpreter::add_result(std::string name, std::shared_ptr<const TableStream> stream, const Span& span) {
  for (const auto& r : results_) {
    if (r.name == name) return error_at(span, "duplicate yield name \"" + name + "\"");
  }
  yielded_.push_back(stream.get());
  results_.push_back(PendingResult{std::move(name), std::move(stream)});
  return Status::Ok();
}

Status Interpreter::check_interrupted() const {
  if (context_.interrupted && context_.interrupted()) return Status(ErrorCode::kUnavailable, "query canceled");
  return Status::Ok();
}

Status Interpreter::charge_memory(size_t bytes) {
  if (Status s = check_interrupted(); !s.ok()) return s;
  memory_bytes_ += bytes;
  if (context_.max_memory_bytes == 0 || memory_bytes_ <= context_.max_memory_bytes) return Status::Ok();
  return Status(ErrorCode::kInvalid, "query exceeded its memory limit of " + std::to_string(context_.max_memory_bytes) +
                                         " bytes (it holds " + std::to_string(memory_bytes_) +
                                         " bytes of tables); narrow the range or filter earlier");
}

Result<int64_t> Interpreter::now() {
  const Value* v = top_->lookup("now");
  // The universe's builtin (no `option now`) answers the context's time.
  if (v == nullptr || !v->is(Value::Kind::kFunction) || v->as_function()->builtin) return context_.now_ns;
  auto r = call(*v->as_function(), Arguments{});
  if (!r.ok()) return r.status();
  if (!r->is(Value::Kind::kTime)) return Status(ErrorCode::kInvalid, "option now must return a time");
  return r->as_time().unix_nanos;
}

Status Interpreter::exec_statement(const Statement& st, const std::shared_ptr<Scope>& scope) {
  switch (st.kind) {
    case StatementKind::kVariable:
    case StatementKind::kOption: {
      auto v = eval(*st.expr, scope);
      if (!v.ok()) return v.status();
      if (st.kind == StatementKind::kOption && !st.option_ns.empty()) {
        // `option pkg.name = v`: rebuild the package record with the new member.
        const Value* pkg = scope->lookup(st.option_ns);
        if (pkg == nullptr || !pkg->is(Value::Kind::kRecord)) {
          return error_at(st.span, "undefined identifier " + st.option_ns);
        }
        auto rec = std::make_shared<Record>(pkg->as_record());
        bool found = false;
        for (auto& [k, old] : rec->properties) {
          if (k == st.name) {
            old = std::move(v).value();
            found = true;
          }
        }
        if (!found) rec->properties.emplace_back(st.name, std::move(v).value());
        scope->set(st.option_ns, Value(std::shared_ptr<const Record>(rec)));
        return Status::Ok();
      }
      if (st.kind == StatementKind::kVariable && scope->has_local(st.name)) {
        return error_at(st.span, "variable \"" + st.name + "\" reassigned");
      }
      scope->set(st.name, std::move(v).value());
      return Status::Ok();
    }
    case StatementKind::kExpression: {
      auto v = eval(*st.expr, scope);
      if (!v.ok()) return v.status();
      if (v->is(Value::Kind::kTables) && scope == top_) {
        const auto& stream = v->as_tables();
        if (std::find(yielded_.begin(), yielded_.end(), stream.get()) == yielded_.end()) {
          return add_result("_result", stream, st.span);
        }
      }
      return Status::Ok();
    }
    case StatementKind::kReturn:
      return error_at(st.span, "return is only allowed in a function block");
    case StatementKind::kTestcase:
      return Status::Ok();  // test blocks run only under a test runner
  }
  return Status::Ok();
}

Result<Value> Interpreter::eval(const Expr& e, const std::shared_ptr<Scope>& scope) {
  switch (e.kind) {
    case ExprKind::kIdentifier: {
      const auto& id = static_cast<const Identifier&>(e);
      const Value* v = scope->lookup(id.name);
      if (v == nullptr) return error_at(e.span, "undefined identifier " + id.name);
      return *v;
    }
    case ExprKind::kInteger: return Value(static_cast<const IntegerLiteral&>(e).value);
    case ExprKind::kFloat: return Value(static_cast<const FloatLiteral&>(e).value);
    case ExprKind::kString: return eval_string(static_cast<const StringLiteral&>(e), scope);
    case ExprKind::kDateTime: return Value(TimeValue{static_cast<const DateTimeLiteral&>(e).unix_nanos});
    case ExprKind::kDuration: {
      const auto& d = static_cast<const DurationLiteral&>(e);
      return Value(DurationValue{d.months, d.nanos});
    }
    case ExprKind::kRegex: {
      const auto& r = static_cast<const RegexLiteral&>(e);
      auto rv = std::make_shared<RegexValue>();
      rv->pattern = r.pattern;
      Result<std::regex> re = util::compile_regex(r.pattern);
      if (!re.ok()) return error_at(e.span, re.status().message());
      rv->re = std::move(re).value();
      return Value(std::shared_ptr<const RegexValue>(rv));
    }
    case ExprKind::kArray: {
      auto arr = std::make_shared<Array>();
      for (const auto& el : static_cast<const ArrayExpr&>(e).elements) {
        auto v = eval(*el, scope);
        if (!v.ok()) return v;
        arr->elements.push_back(std::move(v).value());
      }
      return Value(std::shared_ptr<const Array>(arr));
    }
    case ExprKind::kRecord: return eval_record(static_cast<const RecordExpr&>(e), scope);
    case ExprKind::kMember: {
      const auto& m = static_cast<const MemberExpr&>(e);
      auto obj = eval(*m.object, scope);
      if (!obj.ok()) return obj;
      if (obj->is_null()) return Value();
      if (!obj->is(Value::Kind::kRecord)) {
        return error_at(e.span, "cannot access property \"" + m.property + "\" of " +
                                    std::string(kind_name(obj->kind())));
      }
      const Value* v = obj->as_record().get(m.property);
      return v ? *v : Value();
    }
    case ExprKind::kIndex: return eval_index(static_cast<const IndexExpr&>(e), scope);
    case ExprKind::kCall: return eval_call(static_cast<const CallExpr&>(e), std::nullopt, scope);
    case ExprKind::kPipe: {
      const auto& p = static_cast<const PipeExpr&>(e);
      auto arg = eval(*p.argument, scope);
      if (!arg.ok()) return arg;
      return eval_call(*p.call, std::move(arg).value(), scope);
    }
    case ExprKind::kFunction: {
      auto fn = std::make_shared<Function>();
      fn->expr = static_cast<const FunctionExpr*>(&e);
      fn->closure = scope;
      fn->program = program_;
      return Value(std::shared_ptr<const Function>(fn));
    }
    case ExprKind::kUnary: return eval_unary(static_cast<const UnaryExpr&>(e), scope);
    case ExprKind::kBinary: {
      const auto& b = static_cast<const BinaryExpr&>(e);
      auto l = eval(*b.left, scope);
      if (!l.ok()) return l;
      auto r = eval(*b.right, scope);
      if (!r.ok()) return r;
      Value out;
      std::string err;
      if (!apply_binary(b.op, *l, *r, &out, &err)) return error_at(e.span, err);
      return out;
    }
    case ExprKind::kLogical: {
      const auto& lg = static_cast<const LogicalExpr&>(e);
      auto l = eval(*lg.left, scope);
      if (!l.ok()) return l;
      if (!l->is_null() && !l->is(Value::Kind::kBool)) {
        return error_at(lg.left->span, "logical operand must be a bool, got " + std::string(kind_name(l->kind())));
      }
      // Short-circuit: `false and x` is false, `true or x` is true, whatever x is.
      if (l->is(Value::Kind::kBool)) {
        if (lg.op == LogicalOp::kAnd && !l->as_bool()) return Value(false);
        if (lg.op == LogicalOp::kOr && l->as_bool()) return Value(true);
      }
      auto r = eval(*lg.right, scope);
      if (!r.ok()) return r;
      if (!r->is_null() && !r->is(Value::Kind::kBool)) {
        return error_at(lg.right->span, "logical operand must be a bool, got " + std::string(kind_name(r->kind())));
      }
      if (r->is(Value::Kind::kBool)) {
        if (lg.op == LogicalOp::kAnd && !r->as_bool()) return Value(false);
        if (lg.op == LogicalOp::kOr && r->as_bool()) return Value(true);
      }
      if (l->is_null() || r->is_null()) return Value();
      return Value(lg.op == LogicalOp::kAnd ? (l->as_bool() && r->as_bool()) : (l->as_bool() || r->as_bool()));
    }
    case ExprKind::kConditional: {
      const auto& c = static_cast<const ConditionalExpr&>(e);
      auto t = eval(*c.test, scope);
      if (!t.ok()) return t;
      if (!t->is_null() && !t->is(Value::Kind::kBool)) {
        return error_at(c.test->span, "if condition must be a bool, got " + std::string(kind_name(t->kind())));
      }
      // A null condition takes the else branch.
      bool taken = t->is(Value::Kind::kBool) && t->as_bool();
      return eval(taken ? *c.consequent : *c.alternate, scope);
    }
  }
  return error_at(e.span, "unsupported expression");
}

Result<Value> Interpreter::eval_string(const StringLiteral& s, const std::shared_ptr<Scope>& scope) {
  std::string out;
  for (const auto& part : s.parts) {
    if (!part.expr) {
      out += part.text;
      continue;
    }
    auto v = eval(*part.expr, scope);
    if (!v.ok()) return v;
    switch (v->kind()) {
      case Value::Kind::kString:
      case Value::Kind::kInt:
      case Value::Kind::kUInt:
      case Value::Kind::kFloat:
      case Value::Kind::kBool:
      case Value::Kind::kTime:
      case Value::Kind::kDuration:
        out += value_to_display_string(*v);
        break;
      default:
        return error_at(part.expr->span, "cannot interpolate a value of type " + std::string(kind_name(v->kind())));
    }
  }
  return Value(std::move(out));
}

Result<Value> Interpreter::eval_record(const RecordExpr& r, const std::shared_ptr<Scope>& scope) {
  auto rec = std::make_shared<Record>();
  if (r.with) {
    auto base = eval(*r.with, scope);
    if (!base.ok()) return base;
    if (!base->is(Value::Kind::kRecord)) {
      return error_at(r.with->span, "cannot extend a value of type " + std::string(kind_name(base->kind())));
    }
    rec->properties = base->as_record().properties;
  }
  for (const auto& p : r.properties) {
    Value v;
    if (p.value) {
      auto ev = eval(*p.value, scope);
      if (!ev.ok()) return ev;
      v = std::move(ev).value();
    } else {
      const Value* found = scope->lookup(p.key);
      if (found == nullptr) return error_at(p.key_span, "undefined identifier " + p.key);
      v = *found;
    }
    bool replaced = false;
    for (auto& [k, old] : rec->properties) {
      if (k == p.key) {
        old = v;
        replaced = true;
      }
    }
    if (!replaced) rec->properties.emplace_back(p.key, std::move(v));
  }
  return Value(std::shared_ptr<const Record>(rec));
}

Result<Value> Interpreter::eval_unary(const UnaryExpr& u, const std::shared_ptr<Scope>& scope) {
  auto v = eval(*u.operand, scope);
  if (!v.ok()) return v;
  switch (u.op) {
    case UnaryOp::kExists: return Value(!v->is_null());
    case UnaryOp::kNot:
      if (v->is_null()) return Value();
      if (!v->is(Value::Kind::kBool)) return error_at(u.span, "not requires a bool, got " + std::string(kind_name(v->kind())));
      return Value(!v->as_bool());
    case UnaryOp::kPlus:
      return v;
    case UnaryOp::kNegate:
      switch (v->kind()) {
        case Value::Kind::kNull: return Value();
        case Value::Kind::kInt: return Value(-v->as_int());
        case Value::Kind::kFloat: return Value(-v->as_float());
        case Value::Kind::kDuration: {
          DurationValue d = v->as_duration();
          return Value(DurationValue{-d.months, -d.nanos});
        }
        default: return error_at(u.span, "cannot negate a value of type " + std::string(kind_name(v->kind())));
      }
  }
  return v;
}

Result<Value> Interpreter::eval_index(const IndexExpr& e, const std::shared_ptr<Scope>& scope) {
  auto obj = eval(*e.object, scope);
  if (!obj.ok()) return obj;
  auto idx = eval(*e.index, scope);
  if (!idx.ok()) return idx;
  if (obj->is(Value::Kind::kArray)) {
    if (!idx->is(Value::Kind::kInt)) return error_at(e.index->span, "array index must be an int");
    const auto& els = obj->as_array().elements;
    int64_t i = idx->as_int();
    if (i < 0 || static_cast<size_t>(i) >= els.size()) {
      return error_at(e.span, "array index " + std::to_string(i) + " out of bounds (length " +
                                  std::to_string(els.size()) + ")");
    }
    return els[i];
  }
  if (obj->is(Value::Kind::kRecord)) {
    if (!idx->is(Value::Kind::kString)) return error_at(e.index->span, "record index must be a string");
    const Value* v = obj->as_record().get(idx->as_string());
    return v ? *v : Value();
  }
  if (obj->is_null()) return Value();
  return error_at(e.span, "cannot index a value of type " + std::string(kind_name(obj->kind())));
}

Result<Value> Interpreter::eval_call(const CallExpr& c, std::optional<Value> pipe, const std::shared_ptr<Scope>& scope) {
  auto callee = eval(*c.callee, scope);
  if (!callee.ok()) return callee;
  if (!callee->is(Value::Kind::kFunction)) {
    return error_at(c.callee->span, "cannot call a value of type " + std::string(kind_name(callee->kind())));
  }
  Arguments args;
  args.span = c.span;
  args.pipe = std::move(pipe);
  if (c.arguments) {
    for (const auto& p : c.arguments->properties) {
      Value v;
      if (p.value) {
        auto ev = eval(*p.value, scope);
        if (!ev.ok()) return ev;
        v = std::move(ev).value();
      } else {
        const Value* found = scope->lookup(p.key);
        if (found == nullptr) return error_at(p.key_span, "undefined identifier " + p.key);
        v = *found;
      }
      args.named.emplace_back(p.key, std::move(v));
    }
  }
  return call(*callee->as_function(), args);
}

Result<Value> Interpreter::call(const Function& fn, const Arguments& args) {
  if (++depth_ > kMaxCallDepth) {
    --depth_;
    return error_at(args.span, "maximum call depth exceeded");
  }
  // Row functions run per row: polling the interrupt every 256 calls keeps its cost (a call
  // into JS in wasm) negligible while a canceled query still stops within milliseconds.
  if (calls_until_interrupt_poll_-- == 0) {
    calls_until_interrupt_poll_ = 255;
    if (Status s = check_interrupted(); !s.ok()) {
      --depth_;
      return s;
    }
  }
  Result<Value> r = fn.builtin ? fn.builtin(*this, args) : call_lambda(fn, args);
  --depth_;
  return r;
}

Result<Value> Interpreter::call_lambda(const Function& fn, const Arguments& args) {
  const FunctionExpr& f = *fn.expr;
  auto scope = std::make_shared<Scope>(fn.closure);
  for (const auto& arg : args.named) {
    const auto& name = arg.first;  // clang 14 (em++) cannot capture structured bindings
    bool known = std::any_of(f.params.begin(), f.params.end(), [&](const Parameter& p) { return p.name == name; });
    if (!known) return error_at(args.span, "function does not take a parameter \"" + name + "\"");
  }
  if (args.pipe && std::none_of(f.params.begin(), f.params.end(), [](const Parameter& p) { return p.pipe; })) {
    return error_at(args.span, "function does not take a pipe argument");
  }
  for (const auto& p : f.params) {
    if (const Value* v = args.get(p.name)) {
      scope->set(p.name, *v);
    } else if (p.pipe && args.pipe) {
      scope->set(p.name, *args.pipe);
    } else if (p.default_value) {
      auto dv = eval(*p.default_value, scope);
      if (!dv.ok()) return dv;
      scope->set(p.name, std::move(dv).value());
    } else {
      return error_at(args.span, "missing required argument " + p.name);
    }
  }
  Result<Value> r = run_body(f, scope);
  // A scope still referenced after the call was captured (by a closure or a lazy stream) and
  // may sit in a cycle with what captured it: cleared with the others when the query ends.
  if (scope.use_count() > 1) captured_scopes_.push_back(scope);
  return r;
}

Result<Value> Interpreter::run_body(const FunctionExpr& f, const std::shared_ptr<Scope>& scope) {
  if (!f.has_block) return eval(*f.body, scope);
  for (const auto& st : f.block) {
    if (st->kind == StatementKind::kReturn) return eval(*st->expr, scope);
    Status s = exec_statement(*st, scope);
    if (!s.ok()) return s;
  }
  return error_at(f.span, "function block has no return statement");
}

}  // namespace tidewater::query::flux
