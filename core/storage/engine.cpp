#include "core/storage/engine.h"

#include "core/storage/write_batch.h"

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
  WriteBatch batch;
  if (!decode_write_batch(payload, &batch)) {
    // The CRC matched, so the bytes are what we wrote: a decoder bug or a newer format.
    replay_.damaged.push_back("undecodable WAL record skipped");
    return Status::Ok();
  }
  BucketCache& cache = buckets_[batch.bucket_id];
  for (const auto& p : batch.points) cache.insert(p);
  return Status::Ok();
}

Result<WriteOutcome> Engine::write(const std::string& bucket_id, std::vector<model::Point> points) {
  WriteOutcome out;
  auto it = buckets_.find(bucket_id);
  const BucketCache* cache = it == buckets_.end() ? nullptr : &it->second;
  // Field types are fixed by the first value a bucket stores for a measurement's field; the
  // batch itself can fix them too, so track what it introduces.
  std::map<std::pair<std::string, std::string>, model::FieldType> introduced;
  std::vector<model::Point> accepted;
  accepted.reserve(points.size());
  for (auto& p : points) {
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
  encode_write_batch(batch, &payload);
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
