// The scanning rules of InfluxDB 2.7's models package (models/points.go), byte for byte.
//
// InfluxDB does not follow a grammar: each section of a line is found by its own scanner, and
// the scanners disagree in corner cases (how a backslash escapes, when a quote counts). To
// accept and reject exactly what InfluxDB does, each function here mirrors one of them:
// scanLine, scanMeasurement/scanTags (scanKey), scanFields with scanNumber/scanBoolean, and
// scanTime. They work on byte offsets and never allocate except to describe an error.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tidewater::lineprotocol::internal {

// Where and why a line was refused. `reason` is InfluxDB's error text.
struct ScanError {
  size_t pos = 0;  // byte offset within the line
  std::string reason;
};

struct Span {
  size_t begin = 0;
  size_t end = 0;  // exclusive
  size_t size() const { return end - begin; }
  std::string_view of(std::string_view s) const { return s.substr(begin, end - begin); }
};

struct TagSpan {
  Span key;    // raw (still escaped)
  Span value;  // raw
};

// scanLine: the end of the line that starts at `pos` (the offset of its '\n' or buf.size()).
// A newline inside a quoted field value does not end the line.
size_t scan_line_end(std::string_view buf, size_t pos);

// skipWhitespace: InfluxDB skips spaces, tabs and NUL bytes.
size_t skip_whitespace(std::string_view buf, size_t pos);

// scanKey without the duplicate check: the measurement, the tags in line order, and the offset
// of the space that ends the key. Refuses the reserved tag keys _measurement, _field and time.
bool scan_key(std::string_view line, Span* measurement, std::vector<TagSpan>* tags,
              size_t* key_end, ScanError* err);

// scanFields from `pos` (the end of the key): the raw fields section.
bool scan_fields(std::string_view line, size_t pos, Span* fields, ScanError* err);

// scanTime from `pos` (the end of the fields): the raw timestamp, empty when there is none.
bool scan_time(std::string_view line, size_t pos, Span* timestamp, ScanError* err);

// scanTo: from `pos`, the offset of the first `stop` byte not preceded by a backslash
// (offset 0 never counts as preceded), or buf.size().
size_t scan_to(std::string_view buf, size_t pos, char stop);

// scanFieldValue: from `pos`, the offset of the first comma outside quotes, or buf.size().
// A backslash before a quote or a backslash skips that byte.
size_t scan_field_value(std::string_view buf, size_t pos);

}  // namespace tidewater::lineprotocol::internal
