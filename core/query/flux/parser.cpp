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

namespace {

// Every level recurses through each precedence level, a dozen frames: 200 levels stay far
// inside the smallest stack we run on (sanitizer builds, the browser's) and far beyond any
// query a person writes.
constexpr int kMaxNesting = 200;

// Leaves a level of nesting when the parsing function returns.
struct NestingExit {
  int& nesting;
  ~NestingExit() { --nesting; }
};

}  // namespace

bool Parser::enter_nesting() {
  if (++nesting_ <= kMaxNesting) return true;
  if (ok()) fail(peek().span, "expression nested too deeply (more than " + std::to_string(kMaxNesting) + " levels)");
  return false;
}

ExprPtr Parser::expression() {
  NestingExit exit{nesting_};
  if (!enter_nesting() || !ok()) return nullptr;
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
    NestingExit exit{nesting_};
    if (!enter_nesting()) return nullptr;
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
    NestingExit exit{nesting_};
    if (!enter_nesting()) return nullptr;
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

Result<std::shared_ptr<Program>> parse_program(std::string_view source) {
  Parser p(source);
  return p.program();
}

Result<ExprPtr> parse_expression(std::string_view source) {
  Parser p(source);
  return p.whole_expression();
}

}  // namespace tidewater::query::flux
