#include "core/query/flux/lexer.h"

#include <cctype>
#include <cstring>

namespace tidewater::query::flux {

std::string format_span(const Span& s) {
  return "@" + std::to_string(s.start.line) + ":" + std::to_string(s.start.column) + "-" +
         std::to_string(s.end.line) + ":" + std::to_string(s.end.column);
}

std::string located_error(const Span& span, std::string_view message) {
  return "error " + format_span(span) + ": " + std::string(message);
}

std::string_view token_kind_name(TokenKind k) {
  switch (k) {
    case TokenKind::kEof: return "EOF";
    case TokenKind::kIllegal: return "ILLEGAL";
    case TokenKind::kIdent: return "IDENT";
    case TokenKind::kInt: return "INT";
    case TokenKind::kFloat: return "FLOAT";
    case TokenKind::kString: return "STRING";
    case TokenKind::kRegex: return "REGEX";
    case TokenKind::kTime: return "TIME";
    case TokenKind::kDuration: return "DURATION";
    case TokenKind::kAnd: return "AND";
    case TokenKind::kOr: return "OR";
    case TokenKind::kNot: return "NOT";
    case TokenKind::kExists: return "EXISTS";
    case TokenKind::kIf: return "IF";
    case TokenKind::kThen: return "THEN";
    case TokenKind::kElse: return "ELSE";
    case TokenKind::kReturn: return "RETURN";
    case TokenKind::kOption: return "OPTION";
    case TokenKind::kImport: return "IMPORT";
    case TokenKind::kPackage: return "PACKAGE";
    case TokenKind::kBuiltin: return "BUILTIN";
    case TokenKind::kTestcase: return "TESTCASE";
    case TokenKind::kPlus: return "ADD";
    case TokenKind::kMinus: return "SUB";
    case TokenKind::kMul: return "MUL";
    case TokenKind::kDiv: return "DIV";
    case TokenKind::kMod: return "MOD";
    case TokenKind::kPow: return "POW";
    case TokenKind::kEq: return "EQ";
    case TokenKind::kNeq: return "NEQ";
    case TokenKind::kLt: return "LT";
    case TokenKind::kLte: return "LTE";
    case TokenKind::kGt: return "GT";
    case TokenKind::kGte: return "GTE";
    case TokenKind::kRegexEq: return "REGEXEQ";
    case TokenKind::kRegexNeq: return "REGEXNEQ";
    case TokenKind::kAssign: return "ASSIGN";
    case TokenKind::kArrow: return "ARROW";
    case TokenKind::kPipeReceive: return "PIPE_RECEIVE";
    case TokenKind::kPipeForward: return "PIPE_FORWARD";
    case TokenKind::kLParen: return "LPAREN";
    case TokenKind::kRParen: return "RPAREN";
    case TokenKind::kLBracket: return "LBRACK";
    case TokenKind::kRBracket: return "RBRACK";
    case TokenKind::kLBrace: return "LBRACE";
    case TokenKind::kRBrace: return "RBRACE";
    case TokenKind::kComma: return "COMMA";
    case TokenKind::kColon: return "COLON";
    case TokenKind::kDot: return "DOT";
    case TokenKind::kQuestion: return "QUESTION_MARK";
  }
  return "ILLEGAL";
}

Lexer::Lexer(std::string_view source, Position start, size_t base_offset)
    : src_(source), line_(start.line), column_(start.column), base_offset_(base_offset) {}

char Lexer::peek(size_t ahead) const {
  return i_ + ahead < src_.size() ? src_[i_ + ahead] : '\0';
}

void Lexer::advance(size_t n) {
  for (size_t k = 0; k < n && i_ < src_.size(); ++k) {
    char c = src_[i_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column_;  // columns count characters, not UTF-8 continuation bytes
    }
  }
}

Token Lexer::make(TokenKind kind, size_t begin, Position start) const {
  Token t;
  t.kind = kind;
  t.text = src_.substr(begin, i_ - begin);
  t.span = {start, pos()};
  t.offset = base_offset_ + begin;
  return t;
}

Token Lexer::illegal(size_t begin, Position start, std::string message) {
  error_ = std::move(message);
  return make(TokenKind::kIllegal, begin, start);
}

void Lexer::skip_space_and_comments() {
  while (i_ < src_.size()) {
    char c = peek();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      advance();
    } else if (c == '/' && peek(1) == '/') {
      while (i_ < src_.size() && peek() != '\n') advance();
    } else {
      break;
    }
  }
}

bool Lexer::regex_allowed() const {
  if (!any_) return true;
  switch (last_) {
    case TokenKind::kIdent:
    case TokenKind::kInt:
    case TokenKind::kFloat:
    case TokenKind::kString:
    case TokenKind::kRegex:
    case TokenKind::kTime:
    case TokenKind::kDuration:
    case TokenKind::kRParen:
    case TokenKind::kRBracket:
    case TokenKind::kRBrace:
      return false;
    default:
      return true;
  }
}

namespace {
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }
}  // namespace

Token Lexer::next() {
  skip_space_and_comments();
  size_t begin = i_;
  Position start = pos();
  Token t;
  if (i_ >= src_.size()) {
    t = make(TokenKind::kEof, begin, start);
  } else {
    char c = peek();
    char d = peek(1);
    auto op = [&](TokenKind k, size_t n) {
      advance(n);
      return make(k, begin, start);
    };
    if (is_digit(c)) {
      t = lex_number(begin, start);
    } else if (c == '"') {
      t = lex_string(begin, start);
    } else if (is_ident_start(c) && !(static_cast<unsigned char>(c) == 0xC2 && false)) {
      t = lex_ident(begin, start);
    } else {
      switch (c) {
        case '+': t = op(TokenKind::kPlus, 1); break;
        case '-': t = op(TokenKind::kMinus, 1); break;
        case '*': t = op(TokenKind::kMul, 1); break;
        case '%': t = op(TokenKind::kMod, 1); break;
        case '^': t = op(TokenKind::kPow, 1); break;
        case '/': t = regex_allowed() ? lex_regex(begin, start) : op(TokenKind::kDiv, 1); break;
        case '=':
          if (d == '=') t = op(TokenKind::kEq, 2);
          else if (d == '~') t = op(TokenKind::kRegexEq, 2);
          else if (d == '>') t = op(TokenKind::kArrow, 2);
          else t = op(TokenKind::kAssign, 1);
          break;
        case '!':
          if (d == '=') t = op(TokenKind::kNeq, 2);
          else if (d == '~') t = op(TokenKind::kRegexNeq, 2);
          else { advance(); t = illegal(begin, start, "invalid token '!'"); }
          break;
        case '<':
          if (d == '=') t = op(TokenKind::kLte, 2);
          else if (d == '-') t = op(TokenKind::kPipeReceive, 2);
          else t = op(TokenKind::kLt, 1);
          break;
        case '>': t = d == '=' ? op(TokenKind::kGte, 2) : op(TokenKind::kGt, 1); break;
        case '|':
          if (d == '>') t = op(TokenKind::kPipeForward, 2);
          else { advance(); t = illegal(begin, start, "invalid token '|'"); }
          break;
        case '(': t = op(TokenKind::kLParen, 1); break;
        case ')': t = op(TokenKind::kRParen, 1); break;
        case '[': t = op(TokenKind::kLBracket, 1); break;
        case ']': t = op(TokenKind::kRBracket, 1); break;
        case '{': t = op(TokenKind::kLBrace, 1); break;
        case '}': t = op(TokenKind::kRBrace, 1); break;
        case ',': t = op(TokenKind::kComma, 1); break;
        case ':': t = op(TokenKind::kColon, 1); break;
        case '.':
          if (is_digit(d)) t = lex_number(begin, start);
          else t = op(TokenKind::kDot, 1);
          break;
        case '?': t = op(TokenKind::kQuestion, 1); break;
        default:
          advance();
          t = illegal(begin, start, std::string("invalid token '") + c + "'");
      }
    }
  }
  last_ = t.kind;
  any_ = true;
  return t;
}

Token Lexer::lex_ident(size_t begin, Position start) {
  while (i_ < src_.size() && is_ident_char(peek())) advance();
  std::string_view w = src_.substr(begin, i_ - begin);
  static const struct {
    const char* word;
    TokenKind kind;
  } kKeywords[] = {
      {"and", TokenKind::kAnd},         {"or", TokenKind::kOr},
      {"not", TokenKind::kNot},         {"exists", TokenKind::kExists},
      {"if", TokenKind::kIf},           {"then", TokenKind::kThen},
      {"else", TokenKind::kElse},       {"return", TokenKind::kReturn},
      {"option", TokenKind::kOption},   {"import", TokenKind::kImport},
      {"package", TokenKind::kPackage}, {"builtin", TokenKind::kBuiltin},
      {"testcase", TokenKind::kTestcase},
  };
  for (const auto& k : kKeywords) {
    if (w == k.word) return make(k.kind, begin, start);
  }
  return make(TokenKind::kIdent, begin, start);
}

Token Lexer::lex_number(size_t begin, Position start) {
  // Date-time literal: YYYY-MM-DD[THH:MM:SS[.frac](Z|±HH:MM)]
  if (is_digit(peek(1)) && is_digit(peek(2)) && is_digit(peek(3)) && peek(4) == '-' &&
      is_digit(peek(5))) {
    advance(10);
    if (peek() == 'T' || peek() == 't') {
      advance();
      while (i_ < src_.size()) {
        char c = peek();
        if (is_digit(c) || c == ':' || c == '.' || c == 'Z' || c == 'z' || c == '+' ||
            (c == '-' && is_digit(peek(1)))) {
          advance();
        } else {
          break;
        }
      }
    }
    return make(TokenKind::kTime, begin, start);
  }
  while (is_digit(peek())) advance();
  if (peek() == '.' && is_digit(peek(1))) {
    advance();
    while (is_digit(peek())) advance();
    return make(TokenKind::kFloat, begin, start);
  }
  if (!std::isalpha(static_cast<unsigned char>(peek())) && static_cast<unsigned char>(peek()) != 0xC2) {
    return make(TokenKind::kInt, begin, start);
  }
  // Duration: one or more <digits><unit>.
  for (;;) {
    size_t unit_begin = i_;
    while (std::isalpha(static_cast<unsigned char>(peek())) ||
           (static_cast<unsigned char>(peek()) == 0xC2 && static_cast<unsigned char>(peek(1)) == 0xB5)) {
      advance(static_cast<unsigned char>(peek()) == 0xC2 ? 2 : 1);
    }
    std::string_view unit = src_.substr(unit_begin, i_ - unit_begin);
    static const char* kUnits[] = {"y", "mo", "w", "d", "h", "m", "s", "ms", "us", "\xC2\xB5s", "ns"};
    bool known = false;
    for (const char* u : kUnits) known = known || unit == u;
    if (!known) return illegal(begin, start, "invalid duration unit \"" + std::string(unit) + "\"");
    if (!is_digit(peek())) break;
    while (is_digit(peek())) advance();
  }
  return make(TokenKind::kDuration, begin, start);
}

Token Lexer::lex_string(size_t begin, Position start) {
  advance();  // opening quote
  int depth = 0;  // nesting of ${ ... } interpolations
  while (i_ < src_.size()) {
    char c = peek();
    if (depth == 0) {
      if (c == '\\') {
        advance(2);
        continue;
      }
      if (c == '"') {
        advance();
        return make(TokenKind::kString, begin, start);
      }
      if (c == '$' && peek(1) == '{') {
        depth = 1;
        advance(2);
        continue;
      }
      advance();
      continue;
    }
    // Inside an interpolation: skip nested strings whole and balance braces.
    if (c == '"') {
      Lexer inner(src_.substr(i_), pos(), 0);
      Token s = inner.lex_string(0, pos());
      if (s.kind != TokenKind::kString) break;
      advance(s.text.size());
      continue;
    }
    if (c == '{') ++depth;
    if (c == '}') --depth;
    advance();
  }
  return illegal(begin, start, "unterminated string literal");
}

Token Lexer::lex_regex(size_t begin, Position start) {
  advance();  // opening slash
  while (i_ < src_.size()) {
    char c = peek();
    if (c == '\\') {
      advance(2);
      continue;
    }
    if (c == '\n') break;
    if (c == '/') {
      advance();
      return make(TokenKind::kRegex, begin, start);
    }
    advance();
  }
  return illegal(begin, start, "unterminated regex literal");
}

}  // namespace tidewater::query::flux
