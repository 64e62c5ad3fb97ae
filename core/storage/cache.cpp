#include "core/storage/cache.h"

#include <algorithm>

namespace tidewater::storage {
namespace {

// Writes the point's series id into *id (a reused buffer: no allocation per point).
void series_id(const model::Point& p, std::string* id) {
  id->assign(p.measurement);
  for (const auto& t : p.tags) {
    id->push_back('\0');
    id->append(t.key);
    id->push_back('\0');
    id->append(t.value);
  }
}

std::string type_key(std::string_view measurement, std::string_view field) {
  std::string k(measurement);
  k += '\0';
  k += field;
  return k;
}

// Stores v at index i of the column's typed vector, inserting or overwriting.
template <typename Vec, typename T>
void put(Vec& vec, size_t i, bool insert, T&& v) {
  if (insert) vec.insert(vec.begin() + static_cast<std::ptrdiff_t>(i), std::forward<T>(v));
  else vec[i] = std::forward<T>(v);
}

// Returns true when a new value was added (false: an existing time was overwritten).
bool upsert(FieldColumn& c, int64_t t, const model::FieldValue& v) {
  size_t i = c.times.size();
  bool insert = true;
  if (!c.times.empty() && t <= c.times.back()) {
    auto it = std::lower_bound(c.times.begin(), c.times.end(), t);
    i = static_cast<size_t>(it - c.times.begin());
    insert = it == c.times.end() || *it != t;
  }
  if (insert) c.times.insert(c.times.begin() + static_cast<std::ptrdiff_t>(i), t);
  switch (model::type_of(v)) {
    case model::FieldType::kFloat: put(c.floats, i, insert, std::get<double>(v)); break;
    case model::FieldType::kInteger: put(c.integers, i, insert, std::get<int64_t>(v)); break;
    case model::FieldType::kUnsigned: put(c.unsigneds, i, insert, std::get<uint64_t>(v)); break;
    case model::FieldType::kString: put(c.strings, i, insert, std::get<std::string>(v)); break;
    case model::FieldType::kBoolean: put(c.booleans, i, insert, static_cast<uint8_t>(std::get<bool>(v))); break;
  }
  return insert;
}

template <typename Vec>
void copy_range(const Vec& from, Vec& to, size_t lo, size_t hi) {
  if (!from.empty()) to.assign(from.begin() + static_cast<std::ptrdiff_t>(lo), from.begin() + static_cast<std::ptrdiff_t>(hi));
}

}  // namespace

std::optional<model::FieldType> BucketCache::field_type(std::string_view measurement, std::string_view field) const {
  auto it = field_types_.find(type_key(measurement, field));
  if (it == field_types_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> BucketCache::series_ids() const {
  std::vector<std::string> ids;
  ids.reserve(series_.size());
  for (const auto& entry : series_) ids.push_back(entry.first);
  return ids;
}

void BucketCache::set_field_type(std::string_view measurement, std::string_view field, model::FieldType type) {
  field_types_.emplace(type_key(measurement, field), type);
}

void BucketCache::insert(const model::Point& p) {
  series_id(p, &id_buffer_);
  auto known = series_by_id_.find(id_buffer_);
  Series* series;
  if (known != series_by_id_.end()) {
    series = known->second;
  } else {
    auto it = series_.emplace(id_buffer_, Series{SeriesKey{p.measurement, p.tags}, {}}).first;
    series = &it->second;
    series_by_id_.emplace(it->first, series);
  }
  auto& last = series->last_fields;
  if (last.size() < p.fields.size()) last.resize(p.fields.size(), {std::string_view(), nullptr});
  for (size_t i = 0; i < p.fields.size(); ++i) {
    const model::Field& f = p.fields[i];
    FieldColumn* column = last[i].second;
    if (column == nullptr || last[i].first != f.key) {
      auto [col, created] = series->fields.try_emplace(f.key);
      if (created) {
        col->second.type = model::type_of(f.value);
        field_types_.emplace(type_key(p.measurement, f.key), col->second.type);
      }
      column = &col->second;
      last[i] = {col->first, column};
    }
    if (upsert(*column, p.time, f.value)) ++values_;
  }
}

std::pair<BucketCache::SeriesMap::const_iterator, BucketCache::SeriesMap::const_iterator> BucketCache::candidates(
    const SeriesFilter& filter) const {
  if (!filter.measurement) return {series_.begin(), series_.end()};
  // Series of one measurement are contiguous: "m" then "m\0...".
  std::string past = *filter.measurement;
  past += '\1';
  return {series_.lower_bound(*filter.measurement), series_.lower_bound(past)};
}

bool BucketCache::matches(const Series& s, const SeriesFilter& filter) {
  return series_matches(s.key, filter);
}

namespace {
std::pair<size_t, size_t> index_range(const FieldColumn& col, const TimeRange& range) {
  const auto lo = std::lower_bound(col.times.begin(), col.times.end(), range.start) - col.times.begin();
  const auto hi = std::lower_bound(col.times.begin(), col.times.end(), range.stop) - col.times.begin();
  return {static_cast<size_t>(lo), static_cast<size_t>(std::max(lo, hi))};
}

template <typename Vec>
void erase_range(Vec& v, size_t lo, size_t hi) {
  if (!v.empty()) v.erase(v.begin() + static_cast<std::ptrdiff_t>(lo), v.begin() + static_cast<std::ptrdiff_t>(hi));
}
}  // namespace

namespace {
// Calls fn(key, field, column, lo, hi) for each series field of [begin, end) matching filter
// with values [lo, hi) in range: what scan and scan_keys share.
template <typename It, typename Fn>
void cache_each_in_range(It begin, It end, const SeriesFilter& filter, const TimeRange& range, Fn&& fn) {
  for (auto it = begin; it != end; ++it) {
    const auto& s = it->second;
    if (!series_matches(s.key, filter)) continue;
    for (const auto& [name, col] : s.fields) {
      if (filter.field && name != *filter.field) continue;
      const auto [lo, hi] = index_range(col, range);
      if (lo < hi) fn(s.key, name, col, lo, hi);
    }
  }
}
}  // namespace

void BucketCache::scan(const SeriesFilter& filter, const TimeRange& range,
                       const std::function<void(const SeriesKey&, std::string_view, const FieldColumn&)>& fn) const {
  auto [begin, end] = candidates(filter);
  FieldColumn out;
  cache_each_in_range(begin, end, filter, range,
                      [&](const SeriesKey& key, const std::string& name, const FieldColumn& col, size_t lo, size_t hi) {
                        out = FieldColumn{};
                        out.type = col.type;
                        copy_range(col.times, out.times, lo, hi);
                        copy_range(col.floats, out.floats, lo, hi);
                        copy_range(col.integers, out.integers, lo, hi);
                        copy_range(col.unsigneds, out.unsigneds, lo, hi);
                        copy_range(col.strings, out.strings, lo, hi);
                        copy_range(col.booleans, out.booleans, lo, hi);
                        fn(key, name, out);
                      });
}

void BucketCache::scan_keys(const SeriesFilter& filter, const TimeRange& range, const SeriesKeyFn& fn) const {
  auto [begin, end] = candidates(filter);
  cache_each_in_range(begin, end, filter, range,
                      [&](const SeriesKey& key, const std::string& name, const FieldColumn& col, size_t, size_t) {
                        fn(key, name, col.type);
                      });
}

size_t BucketCache::erase(const SeriesFilter& filter, const TimeRange& range) {
  auto [cbegin, cend] = candidates(filter);
  // Turn the const range into mutable iterators over the same elements.
  auto it = series_.erase(cbegin, cbegin);
  const auto end = series_.erase(cend, cend);
  size_t removed = 0;
  while (it != end) {
    Series& s = it->second;
    if (!matches(s, filter)) {
      ++it;
      continue;
    }
    for (auto f = s.fields.begin(); f != s.fields.end();) {
      FieldColumn& col = f->second;
      const auto [lo, hi] = (filter.field && f->first != *filter.field) ? std::pair<size_t, size_t>{0, 0} : index_range(col, range);
      if (lo < hi) {
        erase_range(col.times, lo, hi);
        erase_range(col.floats, lo, hi);
        erase_range(col.integers, lo, hi);
        erase_range(col.unsigneds, lo, hi);
        erase_range(col.strings, lo, hi);
        erase_range(col.booleans, lo, hi);
        removed += hi - lo;
      }
      if (col.times.empty()) {
        s.last_fields.clear();  // it may point at this column
        f = s.fields.erase(f);
      } else {
        ++f;
      }
    }
    if (s.fields.empty()) {
      series_by_id_.erase(it->first);
      it = series_.erase(it);
    } else {
      ++it;
    }
  }
  values_ -= removed;
  return removed;
}

}  // namespace tidewater::storage
