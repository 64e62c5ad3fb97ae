// An in-memory BucketReader: the reference behaviour of storage's read interface, for tests
// and for running queries over data that never touched disk.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/model/point.h"
#include "core/storage/series.h"

namespace tidewater::query {

class MemoryBucket : public storage::BucketReader {
 public:
  // Adds every field of the point; a later value at the same time overwrites (as storage does).
  // A field whose type differs from the one stored first is ignored.
  void add(const model::Point& point);

  void scan(const storage::SeriesFilter& filter, const storage::TimeRange& range,
            const std::function<void(const storage::SeriesKey&, std::string_view field,
                                     const storage::FieldColumn&)>& fn) const override;

 private:
  struct SeriesOrder {
    bool operator()(const storage::SeriesKey& a, const storage::SeriesKey& b) const;
  };
  struct FieldData {
    model::FieldType type;
    std::map<int64_t, model::FieldValue> values;
  };
  std::map<storage::SeriesKey, std::map<std::string, FieldData>, SeriesOrder> series_;
};

}  // namespace tidewater::query
