// InfluxQL parser: query text to statements, with InfluxDB's error messages and positions.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/status.h"
#include "core/query/influxql/ast.h"
#include "core/query/influxql/lexer.h"
#include "core/query/influxql/result.h"

namespace tidewater::influxql {

// Parses statements separated by ';'. On failure the status message is InfluxDB's, without
// the "error parsing query: " prefix, e.g. "found EOF, expected FROM at line 1, char 9".
Result<std::vector<Statement>> parse_query(std::string_view text);

// Values for $name bind parameters (the v1 API's params={"name": value}).
using BindParams = std::map<std::string, Value, std::less<>>;
Result<std::vector<Statement>> parse_query(std::string_view text, const BindParams& params);

// The recursive-descent parser; statement rules live in parser.cpp, expressions in
// parser_expr.cpp and SHOW in parser_show.cpp. Methods return false once err_ is set.
class Parser {
 public:
  explicit Parser(std::string_view text, const BindParams* params = nullptr) : lex_(text), params_(params) {}
  Result<std::vector<Statement>> parse_all();

  // Shared by the rule files.
  const Token& peek();
  Token scan();
  bool fail(const Token& found, std::string_view expected);
  bool fail_message(int pos, std::string message);
  bool fail_plain(std::string message);  // InfluxDB gives some errors no position
  bool expect_keyword(std::string_view kw);
  bool parse_ident(std::string* out);  // identifier (bare or quoted)
  bool parse_int(int64_t* out);
  bool parse_regex(std::string* out);  // at a '/'
  bool parse_string_or_ident(std::string* out);

  ExprPtr parse_expr(int min_prec = 0);
  ExprPtr parse_unary_after(const Token& first);
  ExprPtr parse_unary();
  ExprPtr bound_param(const Token& t);
  bool parse_select(SelectStatement* s);
  bool parse_sources(std::vector<Source>* out);
  bool parse_show(ShowStatement* s);
  bool parse_delete(std::vector<Statement>* out);
  bool parse_limit_offset(int64_t* limit, int64_t* offset);

 private:
  bool parse_fields(SelectStatement* s);
  bool parse_group_by(SelectStatement* s);
  bool parse_fill(SelectStatement* s);
  bool parse_order_and_limits(SelectStatement* s);
  bool parse_show_on_from_where(ShowStatement* s, bool allow_from);
  // Enters one more level of nesting (parentheses, signs, calls, subqueries); past the limit it
  // fails the parse, so that hostile input cannot exhaust the stack. leave_nesting undoes it.
  bool enter_nesting(int pos);
  void leave_nesting() { --nesting_; }

  Lexer lex_;
  const BindParams* params_;
  std::vector<Token> ahead_;
  std::optional<Status> err_;
  int nesting_ = 0;
};

}  // namespace tidewater::influxql
