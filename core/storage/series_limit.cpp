// EngineOptions::max_series_per_bucket: refuse new series past a bound, as InfluxDB 1.x's
// max-series-per-database does, so a runaway tag (a timestamp or a UUID as a tag value)
// fails loudly instead of growing the in-memory index until the tab dies.
//
// Cost: each distinct series of a batch is looked up in the cache and, by binary search, in
// each segment's sorted index; only a batch that brings new series also counts the bucket's
// series (Engine::series_count), so steady writes to known series stay cheap.
#include <algorithm>
#include <optional>
#include <set>

#include "core/storage/engine.h"
#include "core/storage/segment/segment_format.h"

namespace tidewater::storage {

void Engine::drop_series_over_limit(const std::string& bucket_id, std::vector<model::Point>* points,
                                    WriteOutcome* out) const {
  const size_t limit = options_.max_series_per_bucket;
  auto it = buckets_.find(bucket_id);
  const Bucket* bucket = it == buckets_.end() ? nullptr : &it->second;
  auto stored = [&](const std::string& id) {
    if (!bucket) return false;
    if (bucket->cache.has_series(id)) return true;
    for (const SegmentFile& s : bucket->segments) {
      const auto& entries = s.reader->entries();
      auto at = std::lower_bound(entries.begin(), entries.end(), id,
                                 [](const segment::SegmentEntry& e, const std::string& v) { return e.id < v; });
      if (at != entries.end() && at->id == id) return true;
    }
    return false;
  };
  std::set<std::string> known;     // series of this batch found stored or admitted
  std::set<std::string> refused;   // series of this batch over the limit
  std::optional<size_t> count;     // the bucket's series plus those admitted, once needed
  size_t kept = 0;
  for (auto& p : *points) {
    SeriesKey key{p.measurement, p.tags};
    const std::string id = segment::series_id(key);
    bool keep = known.count(id) > 0;
    if (!keep && !refused.count(id)) {
      if (stored(id)) {
        keep = true;
      } else {
        if (!count) count = series_count(bucket_id);
        keep = *count < limit;
        if (keep) ++*count;
      }
      (keep ? known : refused).insert(id);
    }
    if (!keep) {
      ++out->points_dropped;
      if (out->first_conflict.empty())
        out->first_conflict = "max-series-per-database limit exceeded: (" + std::to_string(limit) + ")";
      continue;
    }
    if (&p != &(*points)[kept]) (*points)[kept] = std::move(p);
    ++kept;
  }
  points->resize(kept);
}

}  // namespace tidewater::storage
