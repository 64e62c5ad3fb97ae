// Flux lexer: source text to tokens.
//
// Two Flux tokens depend on context: "/" starts a regex literal where an operand is expected
// and is division after one; and a string's ${} interpolations hold whole expressions. The
// lexer resolves the first from the previous token and, for the second, only finds the end of
// the string (balancing ${ }), leaving the parts to the parser.
#pragma once

#include <string_view>

#include "core/query/flux/token.h"

namespace tidewater::query::flux {

class Lexer {
 public:
  // `start` positions a lexer over a fragment of a larger source (string interpolation).
  explicit Lexer(std::string_view source, Position start = {}, size_t base_offset = 0);

  Token next();
  // An illegal token's explanation ("unterminated string", ...).
  const std::string& error() const { return error_; }

 private:
  char peek(size_t ahead = 0) const;
  void advance(size_t n = 1);
  Position pos() const { return {line_, column_}; }
  Token make(TokenKind kind, size_t begin, Position start) const;
  Token illegal(size_t begin, Position start, std::string message);
  void skip_space_and_comments();
  Token lex_number(size_t begin, Position start);
  Token lex_string(size_t begin, Position start);
  Token lex_regex(size_t begin, Position start);
  Token lex_ident(size_t begin, Position start);
  bool regex_allowed() const;

  std::string_view src_;
  size_t i_ = 0;
  int line_;
  int column_;
  size_t base_offset_;
  TokenKind last_ = TokenKind::kEof;
  bool any_ = false;
  std::string error_;
};

}  // namespace tidewater::query::flux
