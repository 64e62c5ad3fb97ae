// The Flux interpreter: evaluates a program's statements and expressions to values.
//
// Tables are not computed here: transformations build TableStream values (stream.h), and the
// streams registered by yield() (or implicitly) are materialized by run_flux once the whole
// script has been evaluated.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/model/status.h"
#include "core/query/flux/ast.h"
#include "core/query/flux/flux.h"
#include "core/query/flux/value.h"

namespace tidewater::query::flux {

class Interpreter {
 public:
  explicit Interpreter(const FluxContext& context);
  ~Interpreter();

  // Evaluates every statement of the program.
  Status run(std::shared_ptr<const ast::Program> program);

  Result<Value> eval(const ast::Expr& expr, const std::shared_ptr<Scope>& scope);
  Result<Value> call(const Function& fn, const Arguments& args);

  const FluxContext& context() const { return context_; }
  // The program's top-level scope (below the universe).
  const std::shared_ptr<Scope>& top_scope() const { return top_; }
  // The value of now(), honouring `option now`.
  Result<int64_t> now();

  // yield(): registers a stream under a result name.
  Status add_result(std::string name, std::shared_ptr<const TableStream> stream, const Span& span);
  struct PendingResult {
    std::string name;
    std::shared_ptr<const TableStream> stream;
  };
  const std::vector<PendingResult>& results() const { return results_; }

  // Accounts for bytes of tables the query now holds; fails past context().max_memory_bytes
  // or once the query has been interrupted.
  Status charge_memory(size_t bytes);
  // kUnavailable "query canceled" once context().interrupted() answers true.
  Status check_interrupted() const;

  // "error @L:C-L:C: message" as an invalid-input Status.
  static Status error_at(const Span& span, std::string_view message);

 private:
  Status exec_statement(const ast::Statement& st, const std::shared_ptr<Scope>& scope);
  Result<Value> eval_call(const ast::CallExpr& call, std::optional<Value> pipe,
                          const std::shared_ptr<Scope>& scope);
  Result<Value> eval_string(const ast::StringLiteral& s, const std::shared_ptr<Scope>& scope);
  Result<Value> eval_record(const ast::RecordExpr& r, const std::shared_ptr<Scope>& scope);
  Result<Value> eval_unary(const ast::UnaryExpr& u, const std::shared_ptr<Scope>& scope);
  Result<Value> eval_index(const ast::IndexExpr& e, const std::shared_ptr<Scope>& scope);
  Result<Value> call_lambda(const Function& fn, const Arguments& args);
  // Binds the package's name (or alias) in `into`: the script's top scope, or a package's.
  Status import_package(const ast::Import& imp, Scope& into);
  // Runs a package written in Flux; its top-level variables become the package's members.
  Result<std::shared_ptr<const Record>> evaluate_package(const char* source);
  // A lambda's body (expression or block) in its call scope.
  Result<Value> run_body(const ast::FunctionExpr& f, const std::shared_ptr<Scope>& scope);

  const FluxContext& context_;
  std::shared_ptr<Scope> universe_;
  std::shared_ptr<Scope> top_;
  std::shared_ptr<const ast::Program> program_;
  std::vector<PendingResult> results_;
  std::vector<std::shared_ptr<Scope>> package_scopes_;  // cleared at the end (closure cycles)
  std::vector<std::weak_ptr<Scope>> captured_scopes_;   // call scopes that outlived their call, likewise
  std::vector<const TableStream*> yielded_;
  int depth_ = 0;
  size_t memory_bytes_ = 0;  // call depth, to stop runaway recursion
  uint32_t calls_until_interrupt_poll_ = 0;
};

}  // namespace tidewater::query::flux
