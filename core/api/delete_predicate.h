// POST /api/v2/delete's request: a time range and InfluxDB's delete predicate, a conjunction
// of tag comparisons: `_measurement="cpu" AND host != "a" AND ("region"='eu')`. Only AND,
// = and != exist in that grammar; keys are bare or double-quoted, values quoted either way.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/database.h"
#include "core/model/status.h"
#include "core/storage/series.h"

namespace tidewater::api {

struct TagCondition {
  std::string key;  // "_measurement" or a tag key
  std::string value;
  bool equal = true;  // = or !=
  bool operator==(const TagCondition&) const = default;
};

struct DeleteRequest {
  std::string bucket_id;
  int64_t start_ns = 0, stop_ns = 0;     // both inclusive, as InfluxDB deletes
  std::vector<TagCondition> conditions;  // all must hold; none deletes every series
  // Whether the series is one the request deletes (a missing tag compares as "").
  bool matches(const storage::SeriesKey& series) const;
};

// Parses the predicate text ("" gives no conditions); 400 with InfluxDB-style messages.
Result<std::vector<TagCondition>> parse_delete_predicate(std::string_view text);

// Hands the request to storage. The engine has no delete call yet: this compiles against
// `Status storage::Engine::delete_range(const std::string& bucket_id, const storage::TimeRange&,
// const std::function<bool(const storage::SeriesKey&)>&)` as soon as it exists, and until then
// deletes nothing (the API still validates, authorizes and answers 204).
Status apply_delete(Database& db, const DeleteRequest& request);

}  // namespace tidewater::api
