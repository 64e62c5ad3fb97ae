// Running one parsed statement against the context's buckets.
#pragma once

#include "core/query/influxql/ast.h"
#include "core/query/influxql/influxql.h"

namespace tidewater::influxql {

// Never fails as a whole: errors land in StatementResult::error.
StatementResult execute_statement(const Statement& stmt, int statement_id, const InfluxqlContext& ctx);

Result<std::vector<Series>> execute_select(const SelectStatement& stmt, const InfluxqlContext& ctx);
Result<std::vector<Series>> execute_show(const ShowStatement& stmt, const InfluxqlContext& ctx);

// The bucket a FROM source reads (its db/rp, or the context's).
Result<const storage::BucketReader*> open_source_bucket(const Source& src, const InfluxqlContext& ctx);

}  // namespace tidewater::influxql
