// Flux parser: tokens to an AST, recursive descent following the Flux SPEC's grammar.
//
// Precedence, loosest first: if-then-else; or; and; not/exists; comparisons
// (== != < <= > >= =~ !~); + -; * / %; ^; |>; unary + -; postfix (member, index, call).
// Errors stop the parse and name the position as Flux does: "error @L:C-L:C: message".
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "core/model/status.h"
#include "core/query/flux/ast.h"
#include "core/query/flux/lexer.h"

namespace tidewater::query::flux {

// Parses a whole script. Error statuses are ErrorCode::kInvalid.
Result<std::shared_ptr<ast::Program>> parse_program(std::string_view source);

// Parses a single expression (tests, string interpolation).
Result<ast::ExprPtr> parse_expression(std::string_view source);

class Parser {
 public:
  Parser(std::string_view source, Position start = {}, size_t base_offset = 0);

  Result<std::shared_ptr<ast::Program>> program();
  // One expression that must span the whole input.
  Result<ast::ExprPtr> whole_expression();

 private:
  const Token& peek(size_t ahead = 0);
  Token take();
  bool accept(TokenKind kind);
  bool expect(TokenKind kind, const char* context);
  void fail(const Span& span, std::string message);
  void fail_unexpected(const Token& t, const char* context);

  ast::StatementPtr statement();
  std::vector<ast::StatementPtr> block_body();

  ast::ExprPtr expression();
  ast::ExprPtr logical_or();
  ast::ExprPtr logical_and();
  ast::ExprPtr logical_unary();
  ast::ExprPtr comparison();
  ast::ExprPtr additive();
  ast::ExprPtr multiplicative();
  ast::ExprPtr exponent();
  ast::ExprPtr pipe();
  ast::ExprPtr unary();
  ast::ExprPtr postfix();
  ast::ExprPtr primary();
  ast::ExprPtr paren_or_function();
  ast::ExprPtr function_rest(Position start);
  std::unique_ptr<ast::RecordExpr> record_body(TokenKind close, Position start);
  ast::ExprPtr string_literal(const Token& t);
  ast::ExprPtr array_literal();

  bool ok() const { return error_.ok(); }
  // Enters one more level of nesting (false, with the parse failed, past the limit).
  bool enter_nesting();

  std::string_view src_;
  size_t base_offset_;
  Lexer lexer_;
  std::vector<Token> buffer_;
  Position last_end_;
  Status error_;
  // Nesting of expressions, and of unary operators, in the recursion: bounded so that hostile
  // input cannot exhaust the stack (Go's Flux parser has growable stacks; we have not).
  int nesting_ = 0;
};

}  // namespace tidewater::query::flux
