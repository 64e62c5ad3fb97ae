#include "core/query/influxql/data.h"

#include <algorithm>

namespace tidewater::influxql {

const std::string& SeriesData::tag(const std::string& name) const {
  static const std::string kEmpty;
  for (const auto& t : key.tags) {
    if (t.key == name) return t.value;
  }
  return kEmpty;
}

bool SeriesData::has_tag(const std::string& name) const {
  for (const auto& t : key.tags) {
    if (t.key == name) return true;
  }
  return false;
}

std::vector<MeasurementData> scan_measurements(const storage::BucketReader& reader, const ScanRequest& req) {
  storage::SeriesFilter filter;
  filter.measurement = req.measurement;
  filter.tag_equals = req.tag_equals;
  std::map<std::string, MeasurementData> by_name;
  reader.scan(filter, req.range,
              [&](const storage::SeriesKey& key, std::string_view field, const storage::FieldColumn& col) {
                if (req.measurement_regex && !std::regex_search(key.measurement, *req.measurement_regex)) return;
                MeasurementData& m = by_name[key.measurement];
                m.name = key.measurement;
                // scan() is ordered by series key then field, so a new series starts a new entry.
                if (m.series.empty() || !(m.series.back().key == key)) {
                  m.series.push_back(SeriesData{key, {}});
                }
                m.fields.emplace(std::string(field), col.type);
                bool wanted = !req.keys_only &&
                              (req.only_fields.empty() || std::binary_search(req.only_fields.begin(),
                                                                             req.only_fields.end(), field));
                if (wanted) {
                  m.series.back().fields.emplace(std::string(field), col);
                } else {
                  storage::FieldColumn empty;
                  empty.type = col.type;
                  m.series.back().fields.emplace(std::string(field), std::move(empty));
                }
              });
  std::vector<MeasurementData> out;
  for (auto& entry : by_name) {
    MeasurementData& m = entry.second;
    for (const auto& s : m.series) {
      for (const auto& t : s.key.tags) m.tag_keys.push_back(t.key);
    }
    std::sort(m.tag_keys.begin(), m.tag_keys.end());
    m.tag_keys.erase(std::unique(m.tag_keys.begin(), m.tag_keys.end()), m.tag_keys.end());
    out.push_back(std::move(m));
  }
  return out;
}

Value field_value(const storage::FieldColumn& col, size_t i) {
  switch (col.type) {
    case model::FieldType::kFloat: return col.floats[i];
    case model::FieldType::kInteger: return col.integers[i];
    case model::FieldType::kUnsigned: return col.unsigneds[i];
    case model::FieldType::kString: return col.strings[i];
    case model::FieldType::kBoolean: return col.booleans[i] != 0;
  }
  return std::monostate{};
}

}  // namespace tidewater::influxql
