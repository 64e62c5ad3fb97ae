// The InfluxQL syntax tree: expressions, SELECT and SHOW statements.
//
// Expressions are shared_ptr trees so the planner can rewrite (e.g. expand `*`) by copying
// cheaply; statements are plain values.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace tidewater::influxql {

enum class ExprKind {
  kVarRef,    // field or tag name, optional ::field / ::tag cast
  kCall,      // mean(x), now(), time(10m)
  kNumber,    // float literal
  kInteger,   // integer literal
  kString,    // 'text' (also RFC3339 times in WHERE)
  kBool,
  kDuration,  // 10m, in nanoseconds
  kRegex,     // /re/
  kWildcard,  // * (optionally *::field / *::tag)
  kBinary,
};

enum class BinOp { kAdd, kSub, kMul, kDiv, kMod, kBitAnd, kBitOr, kBitXor,
                   kEq, kNeq, kLt, kLte, kGt, kGte, kRegexMatch, kRegexNotMatch, kAnd, kOr };

struct Expr;
using ExprPtr = std::shared_ptr<Expr>;

struct Expr {
  ExprKind kind = ExprKind::kVarRef;
  std::string name;  // varref/call name, string value, regex pattern
  std::string cast;  // "field", "tag" or "" for varrefs and wildcards
  double number = 0;
  int64_t integer = 0;  // integer literal, duration ns, bool (0/1)
  BinOp op = BinOp::kAdd;
  std::vector<ExprPtr> args;  // call arguments, or binary lhs/rhs
  int pos = 0;
};

// The operator's text as InfluxQL writes it ("+", "AND", "=~").
const char* binop_text(BinOp op);
// InfluxQL's canonical text of an expression (used for error messages).
std::string expr_string(const Expr& e);

struct SelectStatement;

struct Source {
  std::string db, rp, name;    // name is the measurement (empty with regex or subquery)
  std::optional<std::string> regex;
  std::shared_ptr<SelectStatement> subquery;
};

struct SelectField {
  ExprPtr expr;
  std::string alias;
};

enum class FillKind { kNull, kNone, kPrevious, kLinear, kValue };

struct SelectStatement {
  std::vector<SelectField> fields;
  std::vector<Source> sources;
  ExprPtr condition;
  // GROUP BY
  int64_t group_interval = 0;  // 0: no time grouping
  int64_t group_offset = 0;
  std::vector<std::string> group_tags;
  std::vector<std::string> group_tag_regexes;
  bool group_all_tags = false;
  FillKind fill = FillKind::kNull;
  double fill_value = 0;
  bool fill_value_is_int = false;
  bool order_desc = false;
  int64_t limit = 0, offset = 0, slimit = 0, soffset = 0;
  std::string tz;
  // An error InfluxDB reports when running the statement rather than when parsing it
  // (e.g. GROUP BY time(x) without a duration).
  std::string invalid;
};

enum class ShowKind {
  kDatabases, kRetentionPolicies, kMeasurements, kTagKeys, kTagValues, kFieldKeys, kSeries,
  kMeasurementCardinality, kSeriesCardinality, kTagKeyCardinality, kTagValuesCardinality,
  kFieldKeyCardinality,
};

struct ShowStatement {
  ShowKind kind = ShowKind::kDatabases;
  std::string database;  // ON db
  std::vector<Source> sources;  // FROM
  // WITH MEASUREMENT = x / =~ /re/
  std::optional<std::string> measurement_equals, measurement_regex;
  // SHOW TAG VALUES WITH KEY
  BinOp key_op = BinOp::kEq;
  std::vector<std::string> keys;  // = x or IN (a, b)
  std::string key_regex;
  ExprPtr condition;
  int64_t limit = 0, offset = 0;
  bool exact = false;
};

// DELETE FROM m WHERE ..., DROP MEASUREMENT m, DROP SERIES FROM m WHERE ...
struct DeleteStatement {
  std::string kind;  // "DELETE", "DROP MEASUREMENT", "DROP SERIES"
  std::vector<Source> sources;
  ExprPtr condition;
};

// Statements InfluxDB 2.7's v1 API does not run here (CREATE, ALTER, GRANT, ...): kept so
// that the other statements of the query still run and this one reports an error.
struct UnsupportedStatement {
  std::string text;  // e.g. "CREATE DATABASE"
};

using Statement = std::variant<SelectStatement, ShowStatement, DeleteStatement, UnsupportedStatement>;

}  // namespace tidewater::influxql
