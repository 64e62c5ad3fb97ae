// WHERE clauses and scalar expressions: the time range and pushed-down tag equality a
// condition implies, and evaluation of expressions on one row.
#pragma once

#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "core/model/point.h"
#include "core/model/status.h"
#include "core/query/influxql/ast.h"
#include "core/query/influxql/result.h"
#include "core/storage/series.h"

namespace tidewater::influxql {

// The time bounds found in the top-level AND terms of cond (time >= '...', time < now() - 1h,
// time = 1641024000s ...), and cond without them (null when nothing is left).
struct SplitCondition {
  storage::TimeRange range;
  bool has_start = false, has_stop = false;
  ExprPtr rest;
  std::vector<model::Tag> tag_equals;  // `name = 'value'` terms of rest, candidates for pushdown
  // The first AND term of rest of the form `k = 'a' OR k = 'b' ...` (one name): the series
  // must match one of these (a pushdown candidate too); empty when there is none.
  std::vector<model::Tag> tag_alternatives;
};
Result<SplitCondition> split_condition(const ExprPtr& cond, int64_t now_ns);

// Looks up a name on the current row: a field value, a tag value, or null.
using Lookup = std::function<Value(const Expr& varref)>;

// Evaluates arithmetic, comparisons, AND/OR and regex matches; null propagates through
// arithmetic and makes comparisons false.
Value eval(const Expr& e, const Lookup& lookup);
bool truthy(const Value& v);

// Arithmetic on two cells as InfluxQL does it (int op int stays int, except '/').
Value binary_value(BinOp op, const Value& a, const Value& b);
bool as_double(const Value& v, double* out);

// A compiled regex for the pattern, kept across rows (and queries) of this thread.
const std::regex& cached_regex(const std::string& pattern);

}  // namespace tidewater::influxql
