// Text forms of numbers and times exactly as InfluxDB (Go) writes them.
//
// Annotated CSV, line protocol and JSON answers must be byte-compatible with InfluxDB, so
// these follow Go's strconv and time packages rather than C's printf defaults.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tidewater::model {

// Go's strconv.FormatFloat(v, 'f', -1, 64): the shortest decimal that round-trips, never an
// exponent; "NaN", "+Inf", "-Inf" for the special values.
void append_float(std::string& out, double v);
std::string format_float(double v);

// RFC3339 with nanoseconds, trailing zeros of the fraction trimmed (Go's RFC3339Nano), UTC:
// "2022-01-01T08:00:00Z", "2022-01-01T08:00:00.5Z".
void append_rfc3339(std::string& out, int64_t unix_nanos);
std::string format_rfc3339(int64_t unix_nanos);

// Parses RFC3339 / RFC3339Nano date-times ("2022-01-01T08:00:00Z", with fraction and
// "+01:00" offsets). Returns false when the text is not such a time or is out of range.
bool parse_rfc3339(std::string_view text, int64_t* unix_nanos);

}  // namespace tidewater::model
