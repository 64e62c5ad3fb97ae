// SELECT execution: planning the output columns of one measurement and computing its series.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/model/status.h"
#include "core/query/influxql/ast.h"
#include "core/query/influxql/data.h"
#include "core/query/influxql/eval.h"
#include "core/query/influxql/result.h"

namespace tidewater::influxql {

// One output column: its name and the expression computing it (wildcards and regexes
// expanded against the measurement's keys).
struct OutputColumn {
  std::string name;
  ExprPtr expr;
};

struct SelectPlan {
  std::vector<OutputColumn> columns;
  std::vector<std::string> group_tags;  // sorted
  bool aggregate = false;               // any aggregate, selector or multi-row call
};

// Expands `*`, `/re/`, `mean(*)` and names the columns as InfluxDB does (mean, mean_1,
// mean_temp, temp_hum); checks the statement's shape.
Result<SelectPlan> plan_select(const SelectStatement& stmt, const MeasurementData& m);

// Options the executor needs besides the statement itself.
struct SelectRun {
  const SelectStatement* stmt;
  SplitCondition cond;
  int64_t now_ns = 0;
  // tz(): offset from UTC in ns for a UTC instant (null: UTC).
  std::function<int64_t(int64_t)> zone_offset_ns;
  // InfluxqlContext::interrupted (null: never).
  const std::function<bool()>* interrupted = nullptr;
};

// Thrown from deep inside a statement once the query is interrupted, caught by
// execute_influxql only: unwinding beats threading a status through every evaluation loop.
struct InfluxqlCanceled {};
inline void throw_if_interrupted(const std::function<bool()>* interrupted) {
  if (interrupted && *interrupted && (*interrupted)()) throw InfluxqlCanceled{};
}

// The series one measurement contributes to the statement's result (before SLIMIT/SOFFSET).
// `schema` holds the field and tag keys of every measurement the statement reads: `*` and
// GROUP BY * expand over all of them, as InfluxDB does.
Result<std::vector<Series>> execute_select_on(const SelectRun& run, const MeasurementData& m,
                                              const MeasurementData& schema);

// Validates a statement independently of data (aggregate/raw mixing, GROUP BY time needs an
// aggregate); returns an error message or "".
std::string validate_select(const SelectStatement& stmt);

}  // namespace tidewater::influxql
