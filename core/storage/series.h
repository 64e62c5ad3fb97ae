// What the query engines read: series, their field columns, and the filters storage applies.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/point.h"
#include "core/storage/window_columns.h"

namespace tidewater::storage {

// A series is a measurement plus its tag set (sorted by key).
struct SeriesKey {
  std::string measurement;
  std::vector<model::Tag> tags;
  bool operator==(const SeriesKey&) const = default;
};

// Half-open time interval [start, stop) in nanoseconds.
struct TimeRange {
  int64_t start = model::kMinTime;
  int64_t stop = model::kMaxTime;
};

// The values of one field of one series, in time order, one vector used per type.
struct FieldColumn {
  model::FieldType type = model::FieldType::kFloat;
  std::vector<int64_t> times;
  std::vector<double> floats;           // kFloat
  std::vector<int64_t> integers;        // kInteger
  std::vector<uint64_t> unsigneds;      // kUnsigned
  std::vector<std::string> strings;     // kString
  std::vector<uint8_t> booleans;        // kBoolean (0 or 1)
  size_t size() const { return times.size(); }
};

// A series matches when it has tag `key` with one of `values` (Flux's `r.k == "a" or
// r.k == "b"`, InfluxQL's `k = 'a' OR k = 'b'`).
struct TagIn {
  std::string key;
  std::vector<std::string> values;
};

// Predicates storage applies before handing data out; the query planner pushes what it can
// prove here (measurement, field, tag equality and tag-in-set). Empty means "any"; all given
// must hold. Deletes use only measurement, field and tag_equals (what their WAL record keeps).
struct SeriesFilter {
  std::optional<std::string> measurement;
  std::optional<std::string> field;
  std::vector<model::Tag> tag_equals;
  std::vector<TagIn> tag_in;
};

// True when the series matches the filter's measurement, tag equalities and tag sets (not the
// field). A tag the series lacks matches nothing. The one series match of every reader
// (segments, cache, tombstones, the in-memory test bucket).
inline bool series_matches(const SeriesKey& key, const SeriesFilter& filter) {
  if (filter.measurement && key.measurement != *filter.measurement) return false;
  auto value_of = [&key](const std::string& tag) -> const std::string* {
    for (const auto& t : key.tags) {
      if (t.key == tag) return &t.value;
    }
    return nullptr;
  };
  for (const auto& w : filter.tag_equals) {
    const std::string* v = value_of(w.key);
    if (v == nullptr || *v != w.value) return false;
  }
  for (const auto& in : filter.tag_in) {
    const std::string* v = value_of(in.key);
    if (v == nullptr) return false;
    bool any = false;
    for (const auto& want : in.values) any = any || *v == want;
    if (!any) return false;
  }
  return true;
}

// One series field without its values: what BucketReader::scan_keys hands out.
using SeriesKeyFn = std::function<void(const SeriesKey&, std::string_view field, model::FieldType)>;

// Read access to one bucket's data.
class BucketReader {
 public:
  virtual ~BucketReader() = default;
  // Calls fn once for every series field matching filter with at least one value in range,
  // ordered by series key then field key; the column holds only the values in range.
  virtual void scan(const SeriesFilter& filter, const TimeRange& range,
                    const std::function<void(const SeriesKey&, std::string_view field, const FieldColumn&)>& fn) const = 0;

  // scan() without the values (SHOW statements, schema listings): every series field matching
  // filter with at least one value in range, in scan()'s order, with the type of its newest
  // source holding values. The engine's reader answers from the segment indexes and the
  // cache's keys, decoding only blocks that span the whole range or that a tombstone touches.
  // This default implementation calls scan().
  virtual void scan_keys(const SeriesFilter& filter, const TimeRange& range, const SeriesKeyFn& fn) const;

  // Window aggregates for Flux's aggregateWindow / InfluxQL's GROUP BY time (window_columns.h
  // says how windows align and what each column means). Calls fn once for every series field
  // matching filter with at least one value in range, in scan()'s order, with its non-empty
  // windows over [range.start, range.stop). The result equals computing the aggregates over
  // scan()'s columns; the engine's reader gets there from each block's stored statistics
  // when the block lies wholly inside one window and nothing overrides it, decoding only the
  // other blocks. This default implementation computes from scan().
  virtual void scan_windows(const SeriesFilter& filter, const TimeRange& range, int64_t every, int64_t offset,
                            const std::function<void(const SeriesKey&, std::string_view field, const WindowColumns&)>& fn) const;
};

}  // namespace tidewater::storage
