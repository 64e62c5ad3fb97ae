// The in-memory cache of one bucket: every series' field columns, sorted by time.
//
// Writes land here after their WAL record is durable; reads merge from here. Later the cache
// flushes into immutable compressed segment files; this class owns only the in-memory side.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/storage/series.h"

namespace tidewater::storage {

class BucketCache {
 public:
  BucketCache() = default;
  // Moves keep the map nodes series_by_id_ points into; a copy would not.
  BucketCache(BucketCache&&) = default;
  BucketCache& operator=(BucketCache&&) = default;
  BucketCache(const BucketCache&) = delete;
  BucketCache& operator=(const BucketCache&) = delete;

  // The type a measurement's field already has in this bucket, if any.
  std::optional<model::FieldType> field_type(std::string_view measurement, std::string_view field) const;

  // Inserts every field of the point; a value at an existing time overwrites it (as InfluxDB
  // does for the same series, field and time). The caller has checked field types.
  void insert(const model::Point& p);

  void scan(const SeriesFilter& filter, const TimeRange& range,
            const std::function<void(const SeriesKey&, std::string_view, const FieldColumn&)>& fn) const;

  // scan() without copying values: each matching series field with a value in range, its type.
  void scan_keys(const SeriesFilter& filter, const TimeRange& range, const SeriesKeyFn& fn) const;

  // Removes the values of matching series fields in range; series left empty disappear.
  // Returns how many values were removed.
  size_t erase(const SeriesFilter& filter, const TimeRange& range);

  size_t series_count() const { return series_.size(); }
  bool has_series(std::string_view series_id) const { return series_by_id_.count(series_id) != 0; }
  // Series ids (measurement\0tag\0value..., the order scan uses), for counting series across
  // the cache and segment files.
  std::vector<std::string> series_ids() const;
  // Records a field's type without a value (types loaded from segment indexes at open); an
  // existing type is kept.
  void set_field_type(std::string_view measurement, std::string_view field, model::FieldType type);
  // Drops every value but keeps the field types (after a flush wrote them to segment files).
  void clear_values() {
    series_by_id_.clear();
    series_.clear();
    values_ = 0;
  }
  size_t value_count() const { return values_; }

 private:
  struct Series {
    SeriesKey key;
    std::map<std::string, FieldColumn, std::less<>> fields;
    // The columns of the fields of the last point inserted, in its field order (keys view the
    // map's; nodes never move): a client sends the same fields in the same order every time,
    // so insert() compares one key per value instead of searching the map. Cleared whenever
    // erase() removes a column.
    std::vector<std::pair<std::string_view, FieldColumn*>> last_fields;
  };
  using SeriesMap = std::map<std::string, Series, std::less<>>;
  // The [first, last) series a filter's measurement allows, then each match is checked fully.
  std::pair<SeriesMap::const_iterator, SeriesMap::const_iterator> candidates(const SeriesFilter& filter) const;
  static bool matches(const Series& s, const SeriesFilter& filter);
  // Keyed by measurement, then tags, with \0 separators so "cpu" sorts before "cpu2":
  // the order InfluxDB's storage returns series in.
  SeriesMap series_;
  // The same series by hash of their id (keys view series_'s keys; map nodes never move):
  // insert() finds a known series with one hash and one compare instead of a dozen compares
  // of long ids that share their first tags.
  std::unordered_map<std::string_view, Series*> series_by_id_;
  std::unordered_map<std::string, model::FieldType> field_types_;  // "measurement\0field"
  size_t values_ = 0;
  std::string id_buffer_;  // insert()'s series id, reused
};

}  // namespace tidewater::storage
