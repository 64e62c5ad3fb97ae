// Reading a measurement's series out of storage for one statement.
//
// The executor reads everything a statement needs in one BucketReader::scan (measurement,
// pushed-down tag equality and the time range restrict what storage hands out) and keeps the
// columns per series; field and tag keys are learnt from what comes back.
#pragma once

#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "core/model/point.h"
#include "core/query/influxql/result.h"
#include "core/storage/series.h"

namespace tidewater::influxql {

struct SeriesData {
  storage::SeriesKey key;
  std::map<std::string, storage::FieldColumn> fields;
  // The tag's value, or "" when the series does not have it (InfluxQL's rule).
  const std::string& tag(const std::string& name) const;
  bool has_tag(const std::string& name) const;
};

struct MeasurementData {
  std::string name;
  std::vector<SeriesData> series;             // in series key order
  std::map<std::string, model::FieldType> fields;  // field key → type (first seen)
  std::vector<std::string> tag_keys;          // sorted
};

// What to read: one measurement by name or all matching a regex (nullopt: all).
struct ScanRequest {
  std::optional<std::string> measurement;
  std::optional<std::regex> measurement_regex;
  std::vector<model::Tag> tag_equals;
  // `k = 'a' OR k = 'b' ...` (one key): read only the series matching one of these (a
  // storage::TagIn); empty: no such restriction.
  std::vector<model::Tag> tag_alternatives;
  storage::TimeRange range;
  // Read only these fields (empty: all), one storage scan per field so storage decodes
  // nothing else. keys_only copies no values at all (SHOW statements).
  std::vector<std::string> only_fields;
  bool keys_only = false;
  // Selector pushdown (selector_pushdown.h): each series field hands out only the point its
  // selector keeps in each window, taken from storage's window statistics.
  struct Selectors {
    int64_t every = 0, offset = 0;                // GROUP BY time(every, offset); 0: one window
    std::map<std::string, std::string> by_field;  // field → first, last, min or max
    std::string other_fields;                     // the selector of fields not listed ("": none)
  };
  std::optional<Selectors> selectors;
};

// The measurements matching the request, sorted by name.
std::vector<MeasurementData> scan_measurements(const storage::BucketReader& reader, const ScanRequest& req);

// The value of a field at index i as a result cell.
Value field_value(const storage::FieldColumn& col, size_t i);

}  // namespace tidewater::influxql
