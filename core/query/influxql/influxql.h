// The InfluxQL engine's entry points: query text in, v1 /query answers out.
//
// The HTTP layer (core/api) resolves db/rp through DBRP mappings and authorization, then
// hands the query here with callbacks that reach buckets; nothing here throws for bad input.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/status.h"
#include "core/query/influxql/result.h"
#include "core/storage/series.h"

namespace tidewater::influxql {

struct RetentionPolicyInfo {
  std::string name;                            // "autogen"
  std::string duration = "0s";                 // Go duration text, "0s" = infinite
  std::string shard_group_duration = "168h0m0s";
  int64_t replica_n = 1;
  bool is_default = true;
};

// What DELETE / DROP MEASUREMENT / DROP SERIES remove: a measurement's points (all
// measurements when empty) in a time range, restricted to series with these tag values.
struct DeleteRequest {
  std::string measurement;
  storage::TimeRange range;
  std::vector<model::Tag> tag_equals;
};

struct InfluxqlContext {
  int64_t now_ns = 0;            // now() and the default upper bound of GROUP BY time
  std::string database;          // the db= parameter (used when FROM names no database)
  std::string retention_policy;  // the rp= parameter ("" = the database's default)
  // The bucket behind db/rp (rp "" = default); an error status becomes the statement's error.
  std::function<Result<const storage::BucketReader*>(std::string_view db, std::string_view rp)> open_bucket;
  // SHOW DATABASES; unset = the answer has no series.
  std::function<std::vector<std::string>()> list_databases;
  // SHOW RETENTION POLICIES [ON db]; an error status becomes the statement's error.
  std::function<Result<std::vector<RetentionPolicyInfo>>(std::string_view db)> list_retention_policies;
  // tz('Area/City'): the zone's offset from UTC in seconds at a UTC instant, or nullopt for an
  // unknown zone. Unset: only UTC is known (the wasm host can answer with Intl, a native host
  // with its tz database).
  std::function<std::optional<int64_t>(std::string_view zone, int64_t utc_ns)> zone_offset;
  // DELETE and DROP MEASUREMENT/SERIES; unset: those statements report an error.
  std::function<Status(std::string_view db, std::string_view rp, const DeleteRequest&)> delete_data;
  // Bind parameters: params={"room":"Kitchen","n":5} on /query fills $room and $n.
  std::map<std::string, Value, std::less<>> params;
  // Polled between scans and groups; true stops the whole query with kUnavailable "query
  // canceled" (the JS host sets it from an AbortSignal or a timeout). Unset: never.
  std::function<bool()> interrupted;
};

// Typed results of every statement, or the parse error (message without the
// "error parsing query: " prefix), or kUnavailable "query canceled" once interrupted. Statement failures (including library throws) are inside
// the results. With chunked=true, pass the results to chunked_json (result.h).
Result<std::vector<StatementResult>> execute_influxql(std::string_view query, const InfluxqlContext& ctx);

enum class OutputFormat { kJson, kCsv };

struct InfluxqlResponse {
  int http_status = 200;     // 400 for parse errors, as InfluxDB answers
  std::string content_type;  // "application/json" or "application/csv"
  std::string body;
};

// The whole /query answer: {"results":[...]} or {"error":"error parsing query: ..."}.
// epoch: "" (RFC3339), ns, u, µ, ms, s, m, h. pretty: indented JSON as InfluxDB's pretty=true.
InfluxqlResponse respond_influxql(std::string_view query, const InfluxqlContext& ctx, const OutputOptions& opts,
                                  OutputFormat format = OutputFormat::kJson);
// The JSON body alone.
std::string run_influxql(std::string_view query, const InfluxqlContext& ctx, const OutputOptions& opts = {});

// Re-indents compact JSON with 4 spaces (Go's json.MarshalIndent(v, "", "    ")).
std::string indent_json(std::string_view compact);

}  // namespace tidewater::influxql
