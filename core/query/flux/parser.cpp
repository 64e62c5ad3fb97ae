#include "core/query/flux/parser.h"

#include "core/query/flux/literals.h"

namespace tidewater::query::flux {

using namespace ast;

namespace {
Span span_from(Position start, Position end) { return Span{start, end}; }
}  // namespace

Parser::Parser(std::string_view source, Position start, size_t base_offset)
    : src_(source), base_offset_(base_offset), lexer_(source, start, base_offset), last_end_(start) {}

const Token& Parser::peek(size_t ahead) {
  while (buffer_.size() <= ahead) buffer_.push_back(lexer_.next());
  return buffer_[ahead];
}

Token Parser::take() {
  Token t = peek();
  buffer_.erase(buffer_.begin());
  last_end_ = t.span.end;
  return t;
}

bool Parser::accept(TokenKind kind) {
  if (peek().kind != kind) return false;
  take();
  return true;
}

void Parser::fail(const Span& span, std::string message) {
  if (error_.ok()) error_ = Status(ErrorCode::kInvalid, located_error(span, message));
}

void Parser::fail_unexpected(const Token& t, const char* context) {
  if (t.kind == TokenKind::kIllegal) {
    fail(t.span, lexer_.error());
  } else if (t.kind == TokenKind::kEof) {
    fail(t.span, std::string("unexpected end of input, expected ") + context);
  } else {
    fail(t.span, std::string("unexpected token ") + std::string(token_kind_name(t.kind)) + " (" +
                     std::string(t.text) + "), expected " + context);
  }
}

bool Parser::expect(TokenKind kind, const char* context) {
  if (peek().kind == kind) {
    take();
    return true;
  }
  const Token& t = peek();
  if (t.kind == TokenKind::kIllegal) {
    fail(t.span, lexer_.error());
  } else {
    fail(t.span, std::string("expected ") + std::string(token_kind_name(kind)) + context + ", got " +
                     std::string(token_kind_name(t.kind)) +
                     (t.kind == TokenKind::kEof ? "" : " (" + std::string(t.text) + ")"));
  }
  return false;
}

Result<std::shared_ptr<Program>> Parser::program() {
  auto prog = std::make_shared<Program>();
  if (accept(TokenKind::kPackage)) {
    Token name = peek();
    if (!expect(TokenKind::kIdent, " after package")) return error_;
    prog->package = std::string(name.text);
  }
  while (peek().kind == TokenKind::kImport) {
    Token kw = take();
    Import imp;
    if (peek().kind == TokenKind::kIdent) imp.alias = std::string(take().text);
    Token path = peek();
    if (!expect(TokenKind::kString, " import path")) return error_;
    auto lit = string_literal(path);
    if (!ok()) return error_;
    auto value = static_cast<StringLiteral*>(lit.get())->constant();
    if (!value) {
      fail(path.span, "import path must be a constant string");
      return error_;
    }
    imp.path = *value;
    imp.span = span_from(kw.span.start, path.span.end);
    prog->imports.push_back(std::move(imp));
  }
  while (ok() && peek().kind != TokenKind::kEof) {
    auto st = statement();
    if (!ok()) return error_;
    prog->body.push_back(std::move(st));
  }
  if (!ok()) return error_;
  return prog;
}

Result<ExprPtr> Parser::whole_expression() {
  auto e = expression();
  if (ok() && peek().kind != TokenKind::kEof) fail_unexpected(peek(), "end of expression");
  if (!ok()) return error_;
  return e;
}

StatementPtr Parser::statement() {
  const Token first = peek();
  Position start = first.span.start;
  if (first.kind == TokenKind::kOption) {
    take();
    auto st = std::make_unique<Statement>(StatementKind::kOption, first.span);
    Token name = peek();
    if (!expect(TokenKind::kIdent, " after option")) return nullptr;
    st->name = std::string(name.text);
    if (accept(TokenKind::kDot)) {
      Token member = peek();
      if (!expect(TokenKind::kIdent, " in option name")) return nullptr;
      st->option_ns = st->name;
      st->name = std::string(member.text);
    }
    if (!expect(TokenKind::kAssign, " in option statement")) return nullptr;
    st->expr = expression();
    st->span = span_from(start, last_end_);
    return st;
  }
  if (first.kind == TokenKind::kReturn) {
    take();
    auto st = std::make_unique<Statement>(StatementKind::kReturn, first.span);
    st->expr = expression();
    st->span = span_from(start, last_end_);
    return st;
  }
  if (first.kind == TokenKind::kTestcase) {
    take();
    auto st = std::make_unique<Statement>(StatementKind::kTestcase, first.span);
    Token name = peek();
    if (!expect(TokenKind::kIdent, " after testcase")) return nullptr;
    st->name = std::string(name.text);
    if (!expect(TokenKind::kLBrace, " to open the testcase")) return nullptr;
    st->block = block_body();
    st->span = span_from(start, last_end_);
    return st;
  }
  if (first.kind == TokenKind::kIdent && peek(1).kind == TokenKind::kAssign) {
    take();
    take();
    auto st = std::make_unique<Statement>(StatementKind::kVariable, first.span);
    st->name = std::string(first.text);
    st->expr = expression();
    st->span = span_from(start, last_end_);
    return st;
  }
  auto st = std::make_unique<Statement>(StatementKind::kExpression, first.span);
  st->expr = expression();
  st->span = span_from(start, last_end_);
  return st;
}

// Statements up to and including the closing brace.
std::vector<StatementPtr> Parser::block_body() {
  std::vector<StatementPtr> out;
  while (ok() && peek().kind != TokenKind::kRBrace) {
    if (peek().kind == TokenKind::kEof) {
      expect(TokenKind::kRBrace, " to close the block");
      return out;
    }
    out.push_back(statement());
  }
  if (ok()) take();
  return out;
}

ExprPtr Parser::expression() {
  if (!ok()) return nullptr;
  if (peek().kind == TokenKind::kIf) {
    Position start = take().span.start;
    auto c = std::make_unique<ConditionalExpr>(Span{});
    c->test = expression();
    if (!expect(TokenKind::kThen, " in conditional")) return nullptr;
    c->consequent = expression();
    if (!expect(TokenKind::kElse, " in conditional")) return nullptr;
    c->alternate = expression();
    c->span = span_from(start, last_end_);
    return c;
  }
  return logical_or();
}

ExprPtr Parser::logical_or() {
  auto left = logical_and();
  while (ok() && peek().kind == TokenKind::kOr) {
    take();
    auto right = logical_and();
    if (!ok()) return nullptr;
    Span s = span_from(left->span.start, right->span.end);
    left = std::make_unique<LogicalExpr>(s, LogicalOp::kOr, std::move(left), std::move(right));
  }
  return left;
}

ExprPtr Parser::logical_and() {
  auto left = logical_unary();
  while (ok() && peek().kind == TokenKind::kAnd) {
    take();
    auto right = logical_unary();
    if (!ok()) return nullptr;
    Span s = span_from(left->span.start, right->span.end);
    left = std::make_unique<LogicalExpr>(s, LogicalOp::kAnd, std::move(left), std::move(right));
  }
  return left;
}

ExprPtr Parser::logical_unary() {
  TokenKind k = peek().kind;
  if (k == TokenKind::kNot || k == TokenKind::kExists) {
    Position start = take().span.start;
    auto operand = logical_unary();
    if (!ok()) return nullptr;
    Span s = span_from(start, operand->span.end);
    return std::make_unique<UnaryExpr>(s, k == TokenKind::kNot ? UnaryOp::kNot : UnaryOp::kExists,
                                       std::move(operand));
  }
  return comparison();
}

namespace {
bool comparison_op(TokenKind k, BinaryOp* op) {
  switch (k) {
    case TokenKind::kEq: *op = BinaryOp::kEq; return true;
    case TokenKind::kNeq: *op = BinaryOp::kNeq; return true;
    case TokenKind::kLt: *op = BinaryOp::kLt; return true;
    case TokenKind::kLte: *op = BinaryOp::kLte; return true;
    case TokenKind::kGt: *op = BinaryOp::kGt; return true;
    case TokenKind::kGte: *op = BinaryOp::kGte; return true;
    case TokenKind::kRegexEq: *op = BinaryOp::kRegexEq; return true;
    case TokenKind::kRegexNeq: *op = BinaryOp::kRegexNeq; return true;
    default: return false;
  }
}
}  // namespace

ExprPtr Parser::comparison() {
  auto left = additive();
  BinaryOp op;
  while (ok() && comparison_op(peek().kind, &op)) {
    take();
    auto right = additive();
    if (!ok()) return nullptr;
    Span s = span_from(left->span.start, right->span.end);
    left = std::make_unique<BinaryExpr>(s, op, std::move(left), std::move(right));
  }
  return left;
}

ExprPtr Parser::additive() {
  auto left = multiplicative();
  while (ok() && (peek().kind == TokenKind::kPlus || peek().kind == TokenKind::kMinus)) {
    BinaryOp op = take().kind == TokenKind::kPlus ? BinaryOp::kAdd : BinaryOp::kSub;
    auto right = multiplicative();
    if (!ok()) return nullptr;
    Span s = span_from(left->span.start, right->span.end);
    left = std::make_unique<BinaryExpr>(s, op, std::move(left), std::move(right));
  }
  return left;
}

ExprPtr Parser::multiplicative() {
  auto left = exponent();
  for (;;) {
    if (!ok()) return nullptr;
    TokenKind k = peek().kind;
    BinaryOp op;
    if (k == TokenKind::kMul) op = BinaryOp::kMul;
    else if (k == TokenKind::kDiv) op = BinaryOp::kDiv;
    else if (k == TokenKind::kMod) op = BinaryOp::kMod;
    else return left;
    take();
    auto right = exponent();
    if (!ok()) return nullptr;
    Span s = span_from(left->span.start, right->span.end);
    left = std::make_unique<BinaryExpr>(s, op, std::move(left), std::move(right));
  }
}

ExprPtr Parser::exponent() {
  auto left = pipe();
  while (ok() && peek().kind == TokenKind::kPow) {
    take();
    auto right = pipe();
    if (!ok()) return nullptr;
    Span s = span_from(left->span.start, right->span.end);
    left = std::make_unique<BinaryExpr>(s, BinaryOp::kPow, std::move(left), std::move(right));
  }
  return left;
}

ExprPtr Parser::pipe() {
  auto left = unary();
  while (ok() && peek().kind == TokenKind::kPipeForward) {
    take();
    auto right = unary();
    if (!ok()) return nullptr;
    if (right->kind != ExprKind::kCall) {
      fail(right->span, "pipe destination must be a function call");
      return nullptr;
    }
    auto p = std::make_unique<PipeExpr>(span_from(left->span.start, right->span.end));
    p->argument = std::move(left);
    p->call.reset(static_cast<CallExpr*>(right.release()));
    left = std::move(p);
  }
  return left;
}

ExprPtr Parser::unary() {
  TokenKind k = peek().kind;
  if (k == TokenKind::kMinus || k == TokenKind::kPlus) {
    Position start = take().span.start;
    auto operand = unary();
    if (!ok()) return nullptr;
    return std::make_unique<UnaryExpr>(span_from(start, operand->span.end),
                                       k == TokenKind::kMinus ? UnaryOp::kNegate : UnaryOp::kPlus,
                                       std::move(operand));
  }
  return postfix();
}

ExprPtr Parser::postfix() {
  auto e = primary();
  for (;;) {
    if (!ok()) return nullptr;
    TokenKind k = peek().kind;
    if (k == TokenKind::kDot) {
      take();
      Token name = peek();
      if (!expect(TokenKind::kIdent, " after '.'")) return nullptr;
      e = std::make_unique<MemberExpr>(span_from(e->span.start, name.span.end), std::move(e),
                                       std::string(name.text));
    } else if (k == TokenKind::kLBracket) {
      take();
      auto index = expression();
      if (!expect(TokenKind::kRBracket, " to close the index")) return nullptr;
      e = std::make_unique<IndexExpr>(span_from(e->span.start, last_end_), std::move(e), std::move(index));
    } else if (k == TokenKind::kLParen) {
      Position open = take().span.start;
      auto call = std::make_unique<CallExpr>(Span{});
      if (peek().kind != TokenKind::kRParen) {
        call->arguments = record_body(TokenKind::kRParen, open);
        if (!ok()) return nullptr;
      } else {
        take();
      }
      call->span = span_from(e->span.start, last_end_);
      call->callee = std::move(e);
      e = std::move(call);
    } else {
      return e;
    }
  }
}

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
  if (!expect(TokenKind::kRParen, " to close the parenthesis")) return nullptr;
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

Result<std::shared_ptr<Program>> parse_program(std::string_view source) {
  Parser p(source);
  return p.program();
}

Result<ExprPtr> parse_expression(std::string_view source) {
  Parser p(source);
  return p.whole_expression();
}

}  // namespace tidewater::query::flux
