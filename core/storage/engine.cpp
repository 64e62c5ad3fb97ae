#include "core/storage/engine.h"

#include "core/storage/wal_record.h"

namespace tidewater::storage {
namespace {

class CacheReader final : public BucketReader {
 public:
  explicit CacheReader(const BucketCache* cache) : cache_(cache) {}
  void scan(const SeriesFilter& filter, const TimeRange& range,
            const std::function<void(const SeriesKey&, std::string_view, const FieldColumn&)>& fn) const override {
    if (cache_) cache_->scan(filter, range, fn);
  }

 private:
  const BucketCache* cache_;
};

}  // namespace

Engine::Engine(std::string root, EngineOptions options)
    : root_(std::move(root)), options_(options), wal_(root_ + "/wal", options.wal_segment_bytes) {}

Result<std::unique_ptr<Engine>> Engine::open(const std::string& root, const EngineOptions& options) {
  std::unique_ptr<Engine> e(new Engine(root, options));
  Status s = e->wal_.open([&](std::string_view payload) { return e->apply(payload); }, &e->replay_);
  if (!s.ok()) return s;
  return e;
}

Status Engine::apply(std::string_view payload) {
  WalRecord record;
  if (!decode_wal_record(payload, &record)) {
    // The CRC matched, so the bytes are what we wrote: a decoder bug or a newer format.
    replay_.damaged.push_back("undecodable WAL record skipped");
    return Status::Ok();
  }
  if (auto* batch = std::get_if<WriteBatch>(&record)) {
    BucketCache& cache = buckets_[batch->bucket_id];
    for (const auto& p : batch->points) cache.insert(p);
  } else {
    const auto& d = std::get<DeleteRange>(record);
    if (auto it = buckets_.find(d.bucket_id); it != buckets_.end()) it->second.erase(d.predicate, d.range);
  }
  return Status::Ok();
}

Result<size_t> Engine::delete_where(const std::string& bucket_id, const SeriesFilter& predicate, const TimeRange& range) {
  auto it = buckets_.find(bucket_id);
  if (it == buckets_.end() || range.start >= range.stop) return size_t{0};
  std::string payload;
  encode_wal_record(DeleteRange{bucket_id, predicate, range}, &payload);
  if (Status s = wal_.append(payload, options_.sync); !s.ok()) return s;
  return it->second.erase(predicate, range);
}

size_t Engine::enforce_retention(const std::string& bucket_id, int64_t cutoff) {
  auto it = buckets_.find(bucket_id);
  if (it == buckets_.end()) return 0;
  return it->second.erase(SeriesFilter{}, TimeRange{model::kMinTime, cutoff});
}

Result<WriteOutcome> Engine::write(const std::string& bucket_id, std::vector<model::Point> points, int64_t min_time) {
  WriteOutcome out;
  auto it = buckets_.find(bucket_id);
  const BucketCache* cache = it == buckets_.end() ? nullptr : &it->second;
  // Field types are fixed by the first value a bucket stores for a measurement's field; the
  // batch itself can fix them too, so track what it introduces.
  std::map<std::pair<std::string, std::string>, model::FieldType> introduced;
  std::vector<model::Point> accepted;
  accepted.reserve(points.size());
  for (auto& p : points) {
    if (p.time < min_time) {
      ++out.points_expired;
      continue;
    }
    bool conflict = false;
    for (const auto& f : p.fields) {
      const auto type = model::type_of(f.value);
      std::optional<model::FieldType> have = cache ? cache->field_type(p.measurement, f.key) : std::nullopt;
      if (!have) {
        auto in = introduced.find({p.measurement, f.key});
        if (in != introduced.end()) have = in->second;
      }
      if (have && *have != type) {
        if (out.first_conflict.empty()) {
          out.first_conflict = "field type conflict: input field \"" + f.key + "\" on measurement \"" + p.measurement +
                               "\" is type " + std::string(model::field_type_name(type)) + ", already exists as type " +
                               std::string(model::field_type_name(*have));
        }
        conflict = true;
        break;
      }
    }
    if (conflict) {
      ++out.points_dropped;
      continue;
    }
    for (const auto& f : p.fields) introduced.emplace(std::make_pair(p.measurement, f.key), model::type_of(f.value));
    accepted.push_back(std::move(p));
  }
  if (accepted.empty()) return out;

  WriteBatch batch{bucket_id, std::move(accepted)};
  std::string payload;
  encode_wal_record(batch, &payload);
  if (Status s = wal_.append(payload, options_.sync); !s.ok()) return s;
  BucketCache& target = buckets_[bucket_id];
  for (const auto& p : batch.points) target.insert(p);
  out.points_written = batch.points.size();
  return out;
}

std::unique_ptr<BucketReader> Engine::reader(const std::string& bucket_id) const {
  auto it = buckets_.find(bucket_id);
  return std::make_unique<CacheReader>(it == buckets_.end() ? nullptr : &it->second);
}

Status Engine::drop_bucket(const std::string& bucket_id) {
  // Until data lives in per-bucket segment files, a dropped bucket's WAL records stay in the
  // log; its ID is never reused, so replay recreates a cache nothing can reach.
  buckets_.erase(bucket_id);
  return Status::Ok();
}

size_t Engine::series_count(const std::string& bucket_id) const {
  auto it = buckets_.find(bucket_id);
  return it == buckets_.end() ? 0 : it->second.series_count();
}

}  // namespace tidewater::storage
