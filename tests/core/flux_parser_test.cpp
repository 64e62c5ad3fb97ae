#include <doctest/doctest.h>

#include "core/model/format.h"
#include "core/query/flux/ast.h"
#include "core/query/flux/flux.h"
#include "core/query/flux/interpreter.h"
#include "core/query/flux/lexer.h"
#include "core/query/flux/parser.h"

using namespace tidewater;
using namespace tidewater::query::flux;

namespace {

std::vector<TokenKind> kinds(std::string_view src) {
  Lexer lx(src);
  std::vector<TokenKind> out;
  for (;;) {
    Token t = lx.next();
    out.push_back(t.kind);
    if (t.kind == TokenKind::kEof || t.kind == TokenKind::kIllegal) return out;
  }
}

// Evaluates an expression in a fresh interpreter and prints the value as Flux would.
std::string value_of(std::string_view src) {
  FluxContext ctx;
  ctx.now_ns = 1000000000;
  Interpreter interp(ctx);
  auto e = parse_expression(src);
  if (!e.ok()) return "ERROR " + e.status().message();
  auto v = interp.eval(**e, interp.top_scope());
  if (!v.ok()) return "ERROR " + v.status().message();
  return std::string(kind_name(v->kind())) + ":" + value_to_display_string(*v);
}

using ast::ExprKind;

}  // namespace

TEST_CASE("lexer: operators, literals and keywords") {
  using K = TokenKind;
  CHECK(kinds("a |> b(c: 1)") == std::vector<K>{K::kIdent, K::kPipeForward, K::kIdent, K::kLParen, K::kIdent,
                                                K::kColon, K::kInt, K::kRParen, K::kEof});
  CHECK(kinds("== != < <= > >= =~ !~ = => <-") ==
        std::vector<K>{K::kEq, K::kNeq, K::kLt, K::kLte, K::kGt, K::kGte, K::kRegexEq, K::kRegexNeq, K::kAssign,
                       K::kArrow, K::kPipeReceive, K::kEof});
  CHECK(kinds("1h30m -1d 1mo 3.5 2022-01-01T00:00:00Z 2022-01-01 2024-03-01T00:00:00.000Z") ==
        std::vector<K>{K::kDuration, K::kMinus, K::kDuration, K::kDuration, K::kFloat, K::kTime, K::kTime, K::kTime,
                       K::kEof});
  CHECK(kinds("and or not exists if then else return option import package") ==
        std::vector<K>{K::kAnd, K::kOr, K::kNot, K::kExists, K::kIf, K::kThen, K::kElse, K::kReturn, K::kOption,
                       K::kImport, K::kPackage, K::kEof});
  // "/" is a regex where an operand is expected and division after one.
  CHECK(kinds("a =~ /x\\/y/") == std::vector<K>{K::kIdent, K::kRegexEq, K::kRegex, K::kEof});
  CHECK(kinds("a / b") == std::vector<K>{K::kIdent, K::kDiv, K::kIdent, K::kEof});
  CHECK(kinds("\"a ${ \"}\" } b\" // comment") == std::vector<K>{K::kString, K::kEof});
  CHECK(kinds("\"open") == std::vector<K>{K::kIllegal});
}

TEST_CASE("lexer positions are 1-based and end-exclusive") {
  Lexer lx("a\n  bcd");
  Token a = lx.next();
  Token b = lx.next();
  CHECK(format_span(a.span) == "@1:1-1:2");
  CHECK(format_span(b.span) == "@2:3-2:6");
}

TEST_CASE("parser: precedence and structure") {
  auto e = parse_expression("1 + 2 * 3 == 7 and not false or x");
  REQUIRE(e.ok());
  CHECK((*e)->kind == ExprKind::kLogical);
  auto* orr = static_cast<ast::LogicalExpr*>(e->get());
  CHECK(orr->op == ast::LogicalOp::kOr);
  auto* andd = static_cast<ast::LogicalExpr*>(orr->left.get());
  CHECK(andd->op == ast::LogicalOp::kAnd);
  auto* eq = static_cast<ast::BinaryExpr*>(andd->left.get());
  CHECK(eq->op == ast::BinaryOp::kEq);
  auto* add = static_cast<ast::BinaryExpr*>(eq->left.get());
  CHECK(add->op == ast::BinaryOp::kAdd);
  CHECK(static_cast<ast::BinaryExpr*>(add->right.get())->op == ast::BinaryOp::kMul);

  e = parse_expression("a |> b() |> c(x: 1)");
  REQUIRE(e.ok());
  REQUIRE((*e)->kind == ExprKind::kPipe);
  CHECK(static_cast<ast::PipeExpr*>(e->get())->argument->kind == ExprKind::kPipe);

  e = parse_expression("(r, n=2, tables=<-) => r.x + n");
  REQUIRE(e.ok());
  REQUIRE((*e)->kind == ExprKind::kFunction);
  auto* fn = static_cast<ast::FunctionExpr*>(e->get());
  REQUIRE(fn->params.size() == 3);
  CHECK(fn->params[1].default_value != nullptr);
  CHECK(fn->params[2].pipe);

  e = parse_expression("{r with a: 1, \"b c\": 2}");
  REQUIRE(e.ok());
  auto* rec = static_cast<ast::RecordExpr*>(e->get());
  CHECK(rec->with != nullptr);
  CHECK(rec->properties[1].key == "b c");

  e = parse_expression("if a then b else c");
  REQUIRE(e.ok());
  CHECK((*e)->kind == ExprKind::kConditional);

  e = parse_expression("r[\"x\"].y(z: [1, 2,])");
  REQUIRE(e.ok());
  CHECK((*e)->kind == ExprKind::kCall);

  e = parse_expression("(1 + 2) * 3");
  REQUIRE(e.ok());
  CHECK(static_cast<ast::BinaryExpr*>(e->get())->op == ast::BinaryOp::kMul);
}

TEST_CASE("parser: program with package, imports, options and blocks") {
  auto p = parse_program(R"(package main
import "strings"
import s "strings"
option now = () => 2022-01-01T00:00:00Z
option task = {name: "t", every: 1h}
f = (x) => {
  y = x * 2
  return y + 1
}
f(x: 1)
)");
  REQUIRE(p.ok());
  CHECK((*p)->package == "main");
  REQUIRE((*p)->imports.size() == 2);
  CHECK((*p)->imports[1].alias == "s");
  CHECK((*p)->body.size() == 4);
  CHECK((*p)->body[0]->kind == ast::StatementKind::kOption);
}

TEST_CASE("parser errors name the position") {
  auto p = parse_program("a = 1\nb = (1 + 2\n");
  REQUIRE(!p.ok());
  CHECK(p.status().code() == ErrorCode::kInvalid);
  CHECK(p.status().message() == "error @3:1-3:1: expected RPAREN to close the parenthesis, got EOF");

  p = parse_program("x = 1 |> 2");
  REQUIRE(!p.ok());
  CHECK(p.status().message() == "error @1:10-1:11: pipe destination must be a function call");

  p = parse_program("x = \"bad \\q escape\"");
  REQUIRE(!p.ok());
  CHECK(p.status().message() == "error @1:10-1:12: invalid escape sequence");

  p = parse_program("x = \"a ${1 +} b\"");
  REQUIRE(!p.ok());
  CHECK(p.status().message().rfind("error @1:13-1:13:", 0) == 0);

  p = parse_program("x = 99999999999999999999");
  REQUIRE(!p.ok());
  CHECK(p.status().message().rfind("error @1:5-1:25: invalid integer literal", 0) == 0);
}

TEST_CASE("interpreter: expression values") {
  CHECK(value_of("1 + 2 * 3") == "int:7");
  CHECK(value_of("7 / 2") == "int:3");
  CHECK(value_of("7.0 / 2.0") == "float:3.5");
  CHECK(value_of("-1d") == "duration:-1d");
  CHECK(value_of("1h30m") == "duration:1h30m");
  CHECK(value_of("2022-01-01T00:00:00Z + 1mo") == "time:2022-02-01T00:00:00Z");
  CHECK(value_of("2022-01-31T00:00:00Z + 1mo") == "time:2022-02-28T00:00:00Z");
  CHECK(value_of("2022-01-01T00:00:00Z - 1h") == "time:2021-12-31T23:00:00Z");
  CHECK(value_of("\"a\" + \"b\"") == "string:ab");
  CHECK(value_of("\"tab\\there \\\"q\\\" \\${x}\"") == "string:tab\there \"q\" ${x}");
  CHECK(value_of("\"n=${1 + 1} t=${2022-01-01T00:00:00Z}\"") == "string:n=2 t=2022-01-01T00:00:00Z");
  CHECK(value_of("1 < 2.5") == "bool:true");
  CHECK(value_of("\"abc\" =~ /b/") == "bool:true");
  CHECK(value_of("\"abc\" !~ /^b/") == "bool:true");
  CHECK(value_of("not true or false") == "bool:false");
  CHECK(value_of("if 1 > 2 then \"a\" else \"b\"") == "string:b");
  CHECK(value_of("{a: 1, b: 2}.b") == "int:2");
  CHECK(value_of("{a: 1, b: 2}[\"a\"]") == "int:1");
  CHECK(value_of("{{a: 1} with a: 3, c: 4}") == "ERROR error @1:2-1:3: unexpected token LBRACE ({), expected a property key");
  CHECK(value_of("[10, 20, 30][1]") == "int:20");
  CHECK(value_of("((r) => ({r with a: 3, c: 4}))(r: {a: 1, b: 2})") == "record:{a: 3, b: 2, c: 4}");
  CHECK(value_of("((x, y=10) => x + y)(x: 1)") == "int:11");
  CHECK(value_of("((x) => { y = x * 2\n return y + 1 })(x: 4)") == "int:9");
  CHECK(value_of("((tables=<-) => tables + 1)(tables: 1)") == "int:2");
  CHECK(value_of("exists {a: 1}.b") == "bool:false");
  CHECK(value_of("now()") == "time:1970-01-01T00:00:01Z");
  CHECK(value_of("time(v: \"2024-03-01T00:00:00.000Z\")") == "time:2024-03-01T00:00:00Z");
  CHECK(value_of("int(v: \"42\") + 1") == "int:43");
  CHECK(value_of("float(v: 3)") == "float:3");
}

TEST_CASE("interpreter errors name the position") {
  CHECK(value_of("1 + \"a\"") == "ERROR error @1:1-1:8: cannot add int and string");
  CHECK(value_of("nope") == "ERROR error @1:1-1:5: undefined identifier nope");
  CHECK(value_of("((x) => x)()") == "ERROR error @1:1-1:13: missing required argument x");
  CHECK(value_of("[1][5]") == "ERROR error @1:1-1:7: array index 5 out of bounds (length 1)");
  CHECK(value_of("1 / 0") == "ERROR error @1:1-1:6: cannot divide by zero");
  CHECK(value_of("1 |> ((x) => x)()") == "ERROR error @1:6-1:18: function does not take a pipe argument");
  CHECK(value_of("1 |> ((x=<-) => x + 1)()") == "int:2");
}

TEST_CASE("parser: nesting is bounded (hostile input fails with an error, never exhausts the stack)") {
  auto nested = [](const std::string& open, const std::string& inner, const std::string& close, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += open;
    s += inner;
    for (int i = 0; i < n; ++i) s += close;
    return s;
  };
  // Deep but reasonable nesting parses.
  CHECK(parse_program("x = " + nested("[", "1", "]", 150)).ok());
  CHECK(parse_program("x = " + nested("(", "1", ")", 150)).ok());
  CHECK(value_of(nested("-", "1", "", 150)) == "int:1");
  // Past the limit: an error with a position, for every way of nesting.
  for (const std::string& script :
       {"x = " + nested("[", "1", "]", 5000), "x = " + nested("(", "1", ")", 5000), "x = " + nested("-", "1", "", 5000),
        "x = " + nested("not ", "true", "", 5000), "x = " + nested("{a: ", "1", "}", 5000),
        "x = " + nested("f(a: ", "1", ")", 5000), "x = " + nested("\"${", "1", "}\"", 300)}) {
    auto p = parse_program(script);
    REQUIRE_FALSE(p.ok());
    CHECK(p.status().message().find("expression nested too deeply (more than 200 levels)") != std::string::npos);
  }
}
