#include "core/query/influxql/data.h"

#include <algorithm>

#include "core/query/influxql/selector_pushdown.h"

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

namespace {

// Series of every scan merged by key; storage orders series by their key text.
std::string series_order_key(const storage::SeriesKey& key) {
  std::string out = key.measurement;
  for (const auto& t : key.tags) {
    out += ',';
    out += t.key;
    out += '=';
    out += t.value;
  }
  return out;
}

}  // namespace

std::vector<MeasurementData> scan_measurements(const storage::BucketReader& reader, const ScanRequest& req) {
  std::vector<storage::SeriesFilter> filters;
  std::vector<std::optional<std::string>> fields;
  if (!req.keys_only && !req.only_fields.empty()) fields.assign(req.only_fields.begin(), req.only_fields.end());
  else fields.push_back(std::nullopt);
  std::vector<storage::TagIn> tag_in;
  if (!req.tag_alternatives.empty()) {
    tag_in.push_back(storage::TagIn{req.tag_alternatives.front().key, {}});
    for (const auto& alt : req.tag_alternatives) tag_in.back().values.push_back(alt.value);
  }
  for (const auto& f : fields) {
    storage::SeriesFilter filter;
    filter.measurement = req.measurement;
    filter.field = f;
    filter.tag_equals = req.tag_equals;
    filter.tag_in = tag_in;
    filters.push_back(std::move(filter));
  }
  std::map<std::string, MeasurementData> by_name;
  // Series positions by key text, per measurement, once more than one scan feeds them.
  std::map<std::string, std::map<std::string, size_t>> positions;
  // Several scans, or series fields read again in full after the selector scan, arrive out
  // of series order.
  bool merging = filters.size() > 1 || req.selectors.has_value();
  auto add = [&](const storage::SeriesKey& key, std::string_view field, storage::FieldColumn&& col) {
    if (req.measurement_regex && !std::regex_search(key.measurement, *req.measurement_regex)) return;
    MeasurementData& m = by_name[key.measurement];
    m.name = key.measurement;
    SeriesData* series;
    if (merging) {
      auto [it, added] = positions[key.measurement].emplace(series_order_key(key), m.series.size());
      if (added) m.series.push_back(SeriesData{key, {}});
      series = &m.series[it->second];
    } else {
      // Scans are ordered by series key then field, so a new series starts a new entry.
      if (m.series.empty() || !(m.series.back().key == key)) m.series.push_back(SeriesData{key, {}});
      series = &m.series.back();
    }
    m.fields.emplace(std::string(field), col.type);
    series->fields.emplace(std::string(field), std::move(col));
  };
  // Series fields whose window statistics do not carry the selected values: read in full.
  std::vector<std::pair<storage::SeriesKey, std::string>> read_fully;
  for (const auto& filter : filters) {
    if (req.selectors && !req.keys_only) {
      reader.scan_windows(filter, req.range, req.selectors->every, req.selectors->offset,
                          [&](const storage::SeriesKey& key, std::string_view field, const storage::WindowColumns& w) {
                            storage::FieldColumn points;
                            if (selector_points(*req.selectors, field, w, &points)) add(key, field, std::move(points));
                            else read_fully.emplace_back(key, std::string(field));
                          });
    } else if (req.keys_only) {  // SHOW statements: series keys and field types, no values
      reader.scan_keys(filter, req.range, [&](const storage::SeriesKey& key, std::string_view field, model::FieldType type) {
        storage::FieldColumn none;
        none.type = type;
        add(key, field, std::move(none));
      });
    } else {
      reader.scan(filter, req.range,
                  [&](const storage::SeriesKey& key, std::string_view field, const storage::FieldColumn& col) {
                    storage::FieldColumn copy = col;
                    add(key, field, std::move(copy));
                  });
    }
  }
  for (const auto& entry : read_fully) {
    const storage::SeriesKey& key = entry.first;
    const std::string& field = entry.second;
    storage::SeriesFilter one;
    one.measurement = key.measurement;
    one.field = field;
    one.tag_equals = key.tags;
    reader.scan(one, req.range, [&](const storage::SeriesKey& k, std::string_view f, const storage::FieldColumn& col) {
      if (!(k == key)) return;
      storage::FieldColumn copy = col;
      add(k, f, std::move(copy));
    });
  }
  std::vector<MeasurementData> out;
  for (auto& entry : by_name) {
    MeasurementData& m = entry.second;
    if (merging) {
      // Back into series key order.
      std::vector<SeriesData> sorted;
      sorted.reserve(m.series.size());
      for (const auto& kv : positions[entry.first]) sorted.push_back(std::move(m.series[kv.second]));
      m.series = std::move(sorted);
    }
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
