// One line of line protocol to one model::Point, as InfluxDB's parsePoint does it, followed by
// the decoding InfluxDB does later (point.Name, Tags and its field iterator).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/lineprotocol/line_scanner.h"
#include "core/model/point.h"

namespace tidewater::lineprotocol::internal {

class PointParser {
 public:
  PointParser(model::Precision precision, int64_t default_time_ns);

  // Parses `line` (no leading whitespace, no newline terminator) into *point, reusing its
  // strings. On failure err->pos is relative to `line`.
  bool parse(std::string_view line, model::Point* point, ScanError* err);

 private:
  bool build_tags(std::string_view line, model::Point* point, ScanError* err);
  bool build_fields(std::string_view line, Span fields, size_t key_size, model::Point* point,
                    ScanError* err, ScanError* value_err);
  bool parse_time(std::string_view line, Span timestamp, int64_t* time, ScanError* err);

  int64_t multiplier_;
  int64_t default_time_;  // already truncated to the precision
  // Scratch reused across lines.
  std::vector<TagSpan> tag_spans_;
  std::vector<size_t> tag_key_pos_;
};

}  // namespace tidewater::lineprotocol::internal
