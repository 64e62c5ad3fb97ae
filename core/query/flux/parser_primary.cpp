// Parser, part two: primary expressions (literals, arrays, records, parentheses and
// functions) and string literals with their ${} interpolations.
#include "core/query/flux/literals.h"
#include "core/query/flux/parser.h"

namespace tidewater::query::flux {

using namespace ast;

namespace {
Span span_from(Position start, Position end) { return Span{start, end}; }
}  // namespace

ExprPtr Parser::primary() {
  const Token t = peek();
  std::string err;
  switch (t.kind) {
    case TokenKind::kIdent:
      take();
      return std::make_unique<Identifier>(t.span, std::string(t.text));
    case TokenKind::kInt: {
      take();
      int64_t v;
      if (!parse_int_literal(t.text, &v, &err)) fail(t.span, err);
      return std::make_unique<IntegerLiteral>(t.span, v);
    }
    case TokenKind::kFloat: {
      take();
      double v;
      if (!parse_float_literal(t.text, &v, &err)) fail(t.span, err);
      return std::make_unique<FloatLiteral>(t.span, v);
    }
    case TokenKind::kTime: {
      take();
      int64_t v = 0;
      if (!parse_datetime_literal(t.text, &v, &err)) fail(t.span, err);
      return std::make_unique<DateTimeLiteral>(t.span, v);
    }
    case TokenKind::kDuration: {
      take();
      int64_t mo = 0, ns = 0;
      if (!parse_duration_literal(t.text, &mo, &ns, &err)) fail(t.span, err);
      return std::make_unique<DurationLiteral>(t.span, mo, ns);
    }
    case TokenKind::kString:
      take();
      return string_literal(t);
    case TokenKind::kRegex:
      take();
      return std::make_unique<RegexLiteral>(t.span, decode_regex_literal(t.text));
    case TokenKind::kLBracket:
      return array_literal();
    case TokenKind::kLBrace: {
      Position start = take().span.start;
      return record_body(TokenKind::kRBrace, start);
    }
    case TokenKind::kLParen:
      return paren_or_function();
    default:
      fail_unexpected(t, "an expression");
      return nullptr;
  }
}

ExprPtr Parser::array_literal() {
  Position start = take().span.start;
  auto arr = std::make_unique<ArrayExpr>(Span{});
  while (ok() && peek().kind != TokenKind::kRBracket) {
    arr->elements.push_back(expression());
    if (!ok()) return nullptr;
    if (!accept(TokenKind::kComma)) break;
  }
  if (!expect(TokenKind::kRBracket, " to close the array")) return nullptr;
  arr->span = span_from(start, last_end_);
  return arr;
}

// After "{" or a call's "(": [ident with] key: value, ... then the closing token.
std::unique_ptr<RecordExpr> Parser::record_body(TokenKind close, Position start) {
  auto rec = std::make_unique<RecordExpr>(Span{});
  if (close == TokenKind::kRBrace && peek().kind == TokenKind::kIdent && peek(1).kind == TokenKind::kIdent &&
      peek(1).text == "with") {
    Token src = take();
    take();
    rec->with = std::make_unique<Identifier>(src.span, std::string(src.text));
  }
  while (ok() && peek().kind != close) {
    Token key = peek();
    Property p;
    if (key.kind == TokenKind::kIdent) {
      take();
      p.key = std::string(key.text);
    } else if (key.kind == TokenKind::kString) {
      take();
      auto lit = string_literal(key);
      if (!ok()) return nullptr;
      auto value = static_cast<StringLiteral*>(lit.get())->constant();
      if (!value) {
        fail(key.span, "record keys must be constant strings");
        return nullptr;
      }
      p.key = *value;
    } else {
      fail_unexpected(key, "a property key");
      return nullptr;
    }
    p.key_span = key.span;
    if (accept(TokenKind::kColon)) {
      p.value = expression();
      if (!ok()) return nullptr;
    }
    rec->properties.push_back(std::move(p));
    if (!accept(TokenKind::kComma)) break;
  }
  if (!expect(close, close == TokenKind::kRParen ? " to close the call" : " to close the record")) return nullptr;
  rec->span = span_from(start, last_end_);
  return rec;
}

ExprPtr Parser::paren_or_function() {
  // "(" starts a function when followed by ")" "=>", or by "ident" and then "," "=" or ")" "=>".
  bool is_function = false;
  if (peek(1).kind == TokenKind::kRParen) {
    is_function = peek(2).kind == TokenKind::kArrow;
  } else if (peek(1).kind == TokenKind::kIdent) {
    TokenKind after = peek(2).kind;
    is_function = after == TokenKind::kComma || after == TokenKind::kAssign ||
                  (after == TokenKind::kRParen && peek(3).kind == TokenKind::kArrow);
  }
  Position start = take().span.start;
  if (is_function) return function_rest(start);
  auto inner = expression();
  // A failed inner expression is null even when a ")" follows (the error is already set).
  if (!inner || !expect(TokenKind::kRParen, " to close the parenthesis")) return nullptr;
  inner->span = span_from(start, last_end_);  // the parentheses belong to the expression's extent
  return inner;
}

// Parameters after "(", then "=>" and the body.
ExprPtr Parser::function_rest(Position start) {
  auto fn = std::make_unique<FunctionExpr>(Span{});
  while (ok() && peek().kind != TokenKind::kRParen) {
    Token name = peek();
    if (!expect(TokenKind::kIdent, " as parameter name")) return nullptr;
    Parameter p;
    p.name = std::string(name.text);
    p.span = name.span;
    if (accept(TokenKind::kAssign)) {
      if (accept(TokenKind::kPipeReceive)) {
        p.pipe = true;
      } else {
        p.default_value = expression();
        if (!ok()) return nullptr;
      }
    }
    fn->params.push_back(std::move(p));
    if (!accept(TokenKind::kComma)) break;
  }
  if (!expect(TokenKind::kRParen, " to close the parameters")) return nullptr;
  if (!expect(TokenKind::kArrow, " after function parameters")) return nullptr;
  if (accept(TokenKind::kLBrace)) {
    fn->has_block = true;
    fn->block = block_body();
  } else {
    fn->body = expression();
  }
  if (!ok()) return nullptr;
  fn->span = span_from(start, last_end_);
  return fn;
}

ExprPtr Parser::string_literal(const Token& t) {
  auto lit = std::make_unique<StringLiteral>(t.span);
  std::string_view body = t.text.substr(1, t.text.size() - 2);
  Position p = t.span.start;
  ++p.column;  // past the opening quote
  auto step = [&](char c) {
    if (c == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++p.column;
    }
  };
  std::string text;
  size_t i = 0;
  while (i < body.size()) {
    char c = body[i];
    if (c == '\\') {
      size_t n = decode_string_escape(body.substr(i + 1), &text);
      if (n == 0) {
        Span s{p, Position{p.line, p.column + 2}};
        fail(s, "invalid escape sequence");
        return lit;
      }
      for (size_t k = 0; k < n + 1; ++k) step(body[i + k]);
      i += n + 1;
      continue;
    }
    if (c == '$' && i + 1 < body.size() && body[i + 1] == '{') {
      if (!text.empty()) lit->parts.push_back(StringPart{std::move(text), nullptr});
      text.clear();
      step('$');
      step('{');
      i += 2;
      // Find the matching "}", skipping nested strings (the lexer already checked balance).
      size_t j = i;
      int depth = 1;
      while (j < body.size()) {
        if (body[j] == '"') {
          ++j;
          while (j < body.size() && body[j] != '"') j += body[j] == '\\' ? 2 : 1;
        } else if (body[j] == '{') {
          ++depth;
        } else if (body[j] == '}' && --depth == 0) {
          break;
        }
        ++j;
      }
      std::string_view inner = body.substr(i, j - i);
      Parser sub(inner, p, 0);
      sub.nesting_ = nesting_;  // interpolations nest too
      auto e = sub.whole_expression();
      if (!e.ok()) {
        if (error_.ok()) error_ = e.status();
        return lit;
      }
      lit->parts.push_back(StringPart{"", std::move(e).value()});
      for (size_t k = i; k <= j && k < body.size(); ++k) step(body[k]);
      i = j + 1;
      continue;
    }
    text += c;
    step(c);
    ++i;
  }
  if (!text.empty() || lit->parts.empty()) lit->parts.push_back(StringPart{std::move(text), nullptr});
  return lit;
}

std::optional<std::string> StringLiteral::constant() const {
  std::string out;
  for (const auto& p : parts) {
    if (p.expr) return std::nullopt;
    out += p.text;
  }
  return out;
}

}  // namespace tidewater::query::flux
