#include "core/query/memory_bucket.h"

namespace tidewater::query {

bool MemoryBucket::SeriesOrder::operator()(const storage::SeriesKey& a, const storage::SeriesKey& b) const {
  if (a.measurement != b.measurement) return a.measurement < b.measurement;
  size_t n = std::min(a.tags.size(), b.tags.size());
  for (size_t i = 0; i < n; ++i) {
    if (a.tags[i].key != b.tags[i].key) return a.tags[i].key < b.tags[i].key;
    if (a.tags[i].value != b.tags[i].value) return a.tags[i].value < b.tags[i].value;
  }
  return a.tags.size() < b.tags.size();
}

void MemoryBucket::add(const model::Point& p) {
  storage::SeriesKey key{p.measurement, p.tags};
  auto& fields = series_[key];
  for (const auto& f : p.fields) {
    auto it = fields.find(f.key);
    if (it == fields.end()) {
      it = fields.emplace(f.key, FieldData{model::type_of(f.value), {}}).first;
    } else if (it->second.type != model::type_of(f.value)) {
      continue;
    }
    it->second.values[p.time] = f.value;
  }
}

void MemoryBucket::scan(const storage::SeriesFilter& filter, const storage::TimeRange& range,
                        const std::function<void(const storage::SeriesKey&, std::string_view,
                                                 const storage::FieldColumn&)>& fn) const {
  for (const auto& [key, fields] : series_) {
    if (!storage::series_matches(key, filter)) continue;
    for (const auto& [name, data] : fields) {
      if (filter.field && *filter.field != name) continue;
      storage::FieldColumn col;
      col.type = data.type;
      for (auto it = data.values.lower_bound(range.start); it != data.values.end() && it->first < range.stop; ++it) {
        col.times.push_back(it->first);
        switch (data.type) {
          case model::FieldType::kFloat: col.floats.push_back(std::get<double>(it->second)); break;
          case model::FieldType::kInteger: col.integers.push_back(std::get<int64_t>(it->second)); break;
          case model::FieldType::kUnsigned: col.unsigneds.push_back(std::get<uint64_t>(it->second)); break;
          case model::FieldType::kString: col.strings.push_back(std::get<std::string>(it->second)); break;
          case model::FieldType::kBoolean: col.booleans.push_back(std::get<bool>(it->second)); break;
        }
      }
      if (col.size() > 0) fn(key, name, col);
    }
  }
}

}  // namespace tidewater::query
