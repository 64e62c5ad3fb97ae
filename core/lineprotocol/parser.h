// Line protocol parser with InfluxDB 2.7's exact semantics (models.ParsePointsWithPrecision).
//
// What it accepts and refuses, and the error texts, follow InfluxDB byte for byte, with two
// deliberate exceptions: field values that InfluxDB accepts while parsing but cannot decode
// later (its "lazy" errors, e.g. a key/value split that its scanner and its field iterator
// see differently) are refused here, as are the inputs on which InfluxDB panics. Both would
// fail the write in InfluxDB anyway.
//
// Any bad line rejects the whole batch, as /api/v2/write does; the error names the first one.
// The parser makes one pass over the input, allocates nothing per byte, and reuses the
// strings of the points it fills.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/lineprotocol/parse_error.h"
#include "core/model/point.h"
#include "core/model/status.h"

namespace tidewater::lineprotocol {

inline constexpr size_t kDefaultMaxLineBytes = size_t{1} << 20;

struct ParseOptions {
  model::Precision precision = model::Precision::kNanoseconds;
  // Time of points without a timestamp, in ns; truncated to the precision as InfluxDB does.
  int64_t default_time_ns = 0;
  // A longer line fails the batch ("line too long"); 0 = no limit. InfluxDB bounds only the
  // body, but one huge line costs a huge point and a huge echo in the error, so refuse it.
  size_t max_line_bytes = kDefaultMaxLineBytes;
};

// Receives points as they are parsed, without a vector of them being built. The point is
// reused for the next line: copy what you keep, or move out of it.
class PointSink {
 public:
  virtual ~PointSink() = default;
  virtual void on_point(model::Point& point) = 0;
};

// Parses every line of `text`, handing each point to `sink`. Returns false at the first bad
// line and describes it in *err; the points already delivered must then be discarded, since
// InfluxDB rejects the whole batch.
bool parse_batch(std::string_view text, const ParseOptions& options, PointSink& sink,
                 ParseError* err);

// Appends the points of `text` to *out. On failure *out holds only what it held before.
bool parse_batch(std::string_view text, const ParseOptions& options,
                 std::vector<model::Point>* out, ParseError* err);

// The points of `text`, or Status kInvalid with format_parse_error's text.
Result<std::vector<model::Point>> parse(std::string_view text, model::Precision precision,
                                        int64_t default_time_ns);

}  // namespace tidewater::lineprotocol
