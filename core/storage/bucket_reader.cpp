#include "core/storage/bucket_reader.h"

#include "core/storage/window_stats.h"

namespace tidewater::storage {
namespace {

class MergedReader final : public BucketReader {
 public:
  explicit MergedReader(const Engine::Bucket* bucket) : bucket_(bucket) {}

  void scan(const SeriesFilter& filter, const TimeRange& range, const ScanFn& fn) const override {
    if (!bucket_) return;
    if (bucket_->segments.empty()) return bucket_->cache.scan(filter, range, fn);  // nothing to merge
    merged_scan(segments(), bucket_->tombstones, bucket_->retention_cutoff, &bucket_->cache, filter, range, fn, nullptr);
  }

  void scan_keys(const SeriesFilter& filter, const TimeRange& range, const SeriesKeyFn& fn) const override {
    if (!bucket_) return;
    if (bucket_->segments.empty()) return bucket_->cache.scan_keys(filter, range, fn);
    keys_scan(segments(), bucket_->tombstones, bucket_->retention_cutoff, &bucket_->cache, filter, range, fn);
  }

  void scan_windows(const SeriesFilter& filter, const TimeRange& range, int64_t every, int64_t offset,
                    const WindowFn& fn) const override {
    if (!bucket_) return;
    window_scan(segments(), bucket_->tombstones, bucket_->retention_cutoff, &bucket_->cache, filter, range, every, offset, fn);
  }

 private:
  std::vector<const Engine::SegmentFile*> segments() const {
    std::vector<const Engine::SegmentFile*> out;
    for (const auto& s : bucket_->segments) out.push_back(&s);
    return out;
  }
  const Engine::Bucket* bucket_;
};

}  // namespace

bool tombstone_applies(const Engine::Tombstone& t, uint64_t segment_seq, const SeriesKey& key, std::string_view field) {
  return t.seq > segment_seq && series_matches(key, t.del.predicate) &&
         segment::field_matches(field, t.del.predicate);
}

SourceMap collect_sources(const std::vector<const Engine::SegmentFile*>& segments, const TimeRange& seg_range,
                          const BucketCache* cache, const SeriesFilter& filter, const TimeRange& range) {
  SourceMap items;
  if (seg_range.start < seg_range.stop) {
    for (const auto* seg : segments) {
      const auto& r = *seg->reader;
      if (r.max_time() < seg_range.start || r.min_time() >= seg_range.stop) continue;
      for (size_t i : r.find(filter)) {
        const auto& e = r.entries()[i];
        if (e.max_time() < seg_range.start || e.min_time() >= seg_range.stop) continue;
        SeriesFieldSources& item = items[{e.id, e.field}];
        if (item.parts.empty()) item.key = e.key;
        item.parts.push_back(SeriesFieldSources::Part{seg, i});
      }
    }
  }
  if (cache) {
    cache->scan(filter, range, [&](const SeriesKey& key, std::string_view field, const FieldColumn& col) {
      SeriesFieldSources& item = items[{segment::series_id(key), std::string(field)}];
      if (item.parts.empty()) item.key = key;
      item.has_cache = true;
      item.cache_col = col;
    });
  }
  return items;
}

void merged_scan(const std::vector<const Engine::SegmentFile*>& segments, const std::vector<Engine::Tombstone>& tombstones,
                 int64_t retention_cutoff, const BucketCache* cache, const SeriesFilter& filter, const TimeRange& range,
                 const ScanFn& fn, std::vector<std::string>* errors) {
  if (range.start >= range.stop) return;
  const TimeRange seg_range = segment_range(range, retention_cutoff);
  SourceMap items = collect_sources(segments, seg_range, cache, filter, range);
  FieldColumn acc, col;
  for (auto& [id_field, item] : items) {
    const std::string& field = id_field.second;
    acc = FieldColumn{};
    bool have = false;
    for (const auto& part : item.parts) {
      col = FieldColumn{};
      Status s = part.seg->reader->read(part.entry, seg_range, &col);
      if (!s.ok()) {
        if (errors) errors->push_back(s.message());
        continue;
      }
      for (const auto& t : tombstones) {
        if (tombstone_applies(t, part.seg->seq, item.key, field)) segment::remove_range(col, t.del.range);
      }
      if (!have || acc.type != col.type) {
        acc = std::move(col);
        have = true;
      } else {
        acc = segment::merge_columns(acc, col);
      }
    }
    if (item.has_cache) {
      if (!have || acc.type != item.cache_col.type) acc = std::move(item.cache_col);
      else acc = segment::merge_columns(acc, item.cache_col);
    }
    if (acc.size() > 0) fn(item.key, field, acc);
  }
}

std::unique_ptr<BucketReader> make_bucket_reader(const Engine::Bucket* bucket) {
  return std::make_unique<MergedReader>(bucket);
}

}  // namespace tidewater::storage
