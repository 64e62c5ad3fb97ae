// The storage engine: durable writes through the WAL, reads through per-bucket readers.
//
// Files under root/: wal/ (segment chain). Later: data/<bucket>/<shard>/ segment files and
// index/. All I/O goes through core/util/file.h, so the same engine runs on a real disk and on
// Emscripten's IDBFS tree.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/model/status.h"
#include "core/storage/cache.h"
#include "core/storage/series.h"
#include "core/storage/wal/wal.h"

namespace tidewater::storage {

struct EngineOptions {
  // fsync each WAL record before acknowledging (native durability). The browser host turns it
  // off: there durability comes from the IDBFS sync that follows the call.
  bool sync = true;
  size_t wal_segment_bytes = 1 << 20;
};

// What a write did. Points whose field types conflict with the bucket are dropped, the rest
// are written, as InfluxDB does; the API answers 422 "partial write" for them.
struct WriteOutcome {
  size_t points_written = 0;
  size_t points_dropped = 0;    // field type conflicts
  size_t points_expired = 0;    // older than the bucket's retention allows
  std::string first_conflict;   // InfluxDB's text for the first conflicting field
};

class Engine {
 public:
  static Result<std::unique_ptr<Engine>> open(const std::string& root, const EngineOptions& options);

  // Points older than min_time (now minus the bucket's retention period) are dropped, as
  // InfluxDB drops writes beyond its retention policy.
  Result<WriteOutcome> write(const std::string& bucket_id, std::vector<model::Point> points,
                             int64_t min_time = model::kMinTime);

  // Deletes matching values in range (InfluxDB's /api/v2/delete). Durable like a write: it is
  // logged, so replay repeats it in order. Returns how many values were removed.
  Result<size_t> delete_where(const std::string& bucket_id, const SeriesFilter& predicate, const TimeRange& range);

  // Drops every value older than cutoff (retention). Not logged: it is repeated after every
  // open, so data that expired and came back by replay goes again.
  size_t enforce_retention(const std::string& bucket_id, int64_t cutoff);

  // A reader over the bucket's data as of now; an unknown or empty bucket reads as empty.
  std::unique_ptr<BucketReader> reader(const std::string& bucket_id) const;

  Status drop_bucket(const std::string& bucket_id);

  const WalReplayReport& replay_report() const { return replay_; }
  size_t series_count(const std::string& bucket_id) const;

 private:
  Engine(std::string root, EngineOptions options);
  Status apply(std::string_view wal_payload);

  std::string root_;
  EngineOptions options_;
  Wal wal_;
  WalReplayReport replay_;
  std::map<std::string, BucketCache, std::less<>> buckets_;
};

}  // namespace tidewater::storage
