// Flux tokens and source positions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tidewater::query::flux {

// A 1-based line and column. Flux reports errors as "error @L:C-L:C: msg" where the end is
// the position just past the last character.
struct Position {
  int line = 1;
  int column = 1;
};

struct Span {
  Position start;
  Position end;
};

// "@1:5-1:9"
std::string format_span(const Span& span);
// "error @1:5-1:9: message"
std::string located_error(const Span& span, std::string_view message);

enum class TokenKind : uint8_t {
  kEof,
  kIllegal,
  kIdent,
  kInt,
  kFloat,
  kString,    // text is the raw source between the quotes (escapes and ${} still in it)
  kRegex,     // text is the pattern with "\/" unescaped
  kTime,      // text is the literal
  kDuration,  // text is the literal
  // Keywords.
  kAnd, kOr, kNot, kExists, kIf, kThen, kElse, kReturn, kOption, kImport, kPackage,
  kBuiltin, kTestcase,
  // Operators and punctuation.
  kPlus, kMinus, kMul, kDiv, kMod, kPow,
  kEq, kNeq, kLt, kLte, kGt, kGte, kRegexEq, kRegexNeq,
  kAssign, kArrow, kPipeReceive, kPipeForward,
  kLParen, kRParen, kLBracket, kRBracket, kLBrace, kRBrace,
  kComma, kColon, kDot, kQuestion,
};

// Flux's token names as its parser prints them in errors ("RPAREN", "IDENT", ...).
std::string_view token_kind_name(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::kEof;
  std::string_view text;  // view into the source
  Span span;
  // For kString: the source offset of the first character after the opening quote, so the
  // parser can re-lex ${} interpolations with correct positions.
  size_t offset = 0;
};

}  // namespace tidewater::query::flux
