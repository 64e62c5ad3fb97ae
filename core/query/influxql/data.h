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
  storage::TimeRange range;
  // Copy values only of these fields (empty: all); the keys and types of every field are
  // still recorded. keys_only copies no values at all (SHOW statements).
  std::vector<std::string> only_fields;
  bool keys_only = false;
};

// The measurements matching the request, sorted by name.
std::vector<MeasurementData> scan_measurements(const storage::BucketReader& reader, const ScanRequest& req);

// The value of a field at index i as a result cell.
Value field_value(const storage::FieldColumn& col, size_t i);

}  // namespace tidewater::influxql
