// Typed InfluxQL results: what the executor produces and the v1 JSON/CSV writers encode.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace tidewater::influxql {

// One cell: null, float, integer, unsigned, string or boolean.
using Value = std::variant<std::monostate, double, int64_t, uint64_t, std::string, bool>;

struct Series {
  std::string name;
  std::vector<std::pair<std::string, std::string>> tags;  // sorted by key
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> values;
  // Column 0 holds int64 nanosecond times, written as RFC3339 or epoch integers.
  bool time_column = true;
  bool partial = false;
  // tz(): each row's UTC offset in seconds (empty: UTC, written with "Z").
  std::vector<int32_t> time_offsets;
};

struct StatementResult {
  int statement_id = 0;
  std::vector<Series> series;
  std::string error;  // non-empty: the statement failed
  bool partial = false;  // chunked output: more of this statement follows
};

// How times are written: "" (RFC3339) or an epoch unit ns, u, µ, ms, s, m, h.
struct OutputOptions {
  std::string epoch;
  bool pretty = false;
};

// {"results":[...]} as InfluxDB's v1 /query writes it (Go's encoding/json number forms).
std::string results_json(const std::vector<StatementResult>& results, const OutputOptions& opts);
// One statement's object, for chunked responses ({"statement_id":0,"series":[...]}).
std::string statement_json(const StatementResult& result, const OutputOptions& opts);
// {"error":"..."} for failures of the whole query (parse errors).
std::string error_json(const std::string& message);
// chunked=true: one {"results":[...]} body per chunk, in order (the HTTP layer writes each
// followed by "\n"). As InfluxDB, a chunk holds at most chunk_size rows of one series; a
// series cut short is "partial", and so is every chunk of a statement but its last.
std::vector<std::string> chunked_json(const std::vector<StatementResult>& results, size_t chunk_size,
                                      const OutputOptions& opts);
// Accept: application/csv: name,tags,time,<columns> with one line per row.
std::string results_csv(const std::vector<StatementResult>& results, const OutputOptions& opts);

// Appends a float the way Go's encoding/json does (exponent below 1e-6 and from 1e21).
void append_json_float(std::string& out, double v);

}  // namespace tidewater::influxql
