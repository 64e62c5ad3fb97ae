// The storage engine: durable writes through the WAL, reads through per-bucket readers.
//
// Files under root/:
//   wal/                                   the WAL segment chain (wal/wal.h)
//   data/<bucket>/<shard>-<seq>.tsm        immutable segment files (segment/segment_format.h);
//                                          shard = shard start time, seq = per-bucket sequence
//   data/<bucket>/<seq>.tomb               immutable tombstones: one delete each, hiding the
//                                          matching data of every segment with a smaller seq
// All I/O goes through core/util/file.h, so the same engine runs on a real disk and on
// Emscripten's IDBFS tree.
//
// Reads merge segments (oldest seq first) then the cache; a later source overrides values at
// equal times. There is no persisted series index: every segment's index is loaded at open and
// kept in memory (that is also where field types come from after a restart); a separate index
// file would only pay off with far more series than a browser database holds.
//
// Crash safety of flush(): segments are written to .tmp, fsynced and renamed; only when every
// bucket's segments are durable does the WAL get truncated. A crash before the truncation leaves
// the data in both places; replay then rebuilds the same cache, whose values equal the
// segment's, so every point reads back exactly once (same series, field and time overwrite).
// A crash part-way through the truncation leaves a suffix of the old WAL: replaying a suffix of
// (idempotent) writes and deletes on top of data that already reflects it changes nothing. WAL
// segments are never written by flush, only deleted; segment files only created and deleted.
//
// Deletes: the WAL record first (the acknowledgement point), then a tombstone file if the
// bucket has segments, then the cache. Replay writes the tombstone of every replayed delete
// unless an identical one newer than every segment exists, so a crash between the record and
// its tombstone loses nothing. A replayed tombstone may also hide values of a segment flushed
// after the delete (crash before truncation); the replayed cache holds those values again.
//
// Retention: whole segment files older than the cutoff are deleted; the rest is filtered on
// read by the cutoff last passed to enforce_retention (core/api repeats it after every open)
// and dropped for good by compaction.
//
// Compaction merges a shard's files into a new file with a new seq (so it is newer than every
// tombstone it absorbed), then deletes the inputs, then tombstones older than every remaining
// segment. A crash in between leaves inputs and/or tombstones that re-hide or re-supply only
// what the merged file already holds.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/model/status.h"
#include "core/storage/cache.h"
#include "core/storage/segment/segment_reader.h"
#include "core/storage/series.h"
#include "core/storage/wal/wal.h"
#include "core/storage/wal_record.h"

namespace tidewater::storage {

struct EngineOptions {
  // fsync each WAL record before acknowledging (native durability). The browser host turns it
  // off: there durability comes from the IDBFS sync that follows the call.
  bool sync = true;
  size_t wal_segment_bytes = 1 << 20;
  // Flush the caches into segment files once they hold this many values (about 64 MiB of cache
  // at ~32 bytes a value); 0 flushes only when flush() or close() is called.
  size_t flush_after_values = 2'000'000;
  // Merge a shard's segment files into one when it has more than this many.
  size_t compact_after_segments = 4;
  // Shard duration of buckets without set_shard_duration (InfluxDB's for infinite retention).
  int64_t default_shard_duration = int64_t{7} * 24 * 3600 * 1'000'000'000;
  // Points that would add a series to a bucket already holding this many are dropped (a
  // partial write, "max-series-per-database limit exceeded", as InfluxDB 1.x's
  // max-series-per-database); 0 = no limit. See series_limit.cpp for the cost.
  size_t max_series_per_bucket = 0;
};

// InfluxDB's shard group duration for a retention period (0 = infinite): < 2 days → 1 hour,
// ≤ 6 months → 1 day, otherwise 7 days.
int64_t shard_duration_for_retention(int64_t retention_ns);

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

  // Writes every bucket's cache into new segment files, empties the caches and truncates the
  // WAL; then compacts shards with too many files. Called automatically past
  // options.flush_after_values.
  Status flush();
  // Flushes; call before dropping the engine on a clean shutdown (dropping it without close()
  // is a crash as far as the files are concerned, and replay recovers).
  Status close() { return flush(); }
  // The shard duration new segment files of the bucket use (see shard_duration_for_retention).
  void set_shard_duration(const std::string& bucket_id, int64_t duration_ns);
  // Merges the segment files of each of the bucket's shards holding more than max_files, and
  // rewrites every shard that tombstones or the retention cutoff still apply to, so the
  // tombstones can go (a full compaction).
  Status compact(const std::string& bucket_id, size_t max_files);

  // Segment and tombstone files that failed their checks at open: reported and skipped.
  const std::vector<std::string>& damaged_files() const { return damaged_; }
  size_t segment_count(const std::string& bucket_id) const;
  size_t tombstone_count(const std::string& bucket_id) const;

  // One bucket's state: its cache, its segment and tombstone files (ascending seq).
  struct SegmentFile {
    uint64_t seq = 0;
    int64_t shard_start = 0;
    std::string path;
    std::shared_ptr<segment::SegmentReader> reader;
  };
  struct Tombstone {
    uint64_t seq = 0;
    std::string path;
    std::string payload;  // the delete's WAL record bytes
    DeleteRange del;
  };
  struct Bucket {
    BucketCache cache;
    std::vector<SegmentFile> segments;
    std::vector<Tombstone> tombstones;
    uint64_t next_seq = 1;
    // Retention: segment values older than this read as gone (whole files are deleted).
    int64_t retention_cutoff = model::kMinTime;
  };

 private:
  Engine(std::string root, EngineOptions options);
  Status apply(std::string_view wal_payload);
  // Drops from *points those of series the bucket lacks once it holds max_series_per_bucket.
  void drop_series_over_limit(const std::string& bucket_id, std::vector<model::Point>* points, WriteOutcome* out) const;
  Status load_bucket(const std::string& bucket_id);
  Status write_tombstone(const std::string& bucket_id, Bucket& b, std::string_view payload);
  Status compact_bucket(const std::string& bucket_id, Bucket& b, size_t max_files, bool absorb_tombstones);
  void collect_tombstones(const std::string& bucket_id, Bucket& b);
  std::string bucket_dir(std::string_view bucket_id) const;
  int64_t shard_duration(const std::string& bucket_id) const;

  std::string root_;
  EngineOptions options_;
  Wal wal_;
  WalReplayReport replay_;
  std::map<std::string, Bucket, std::less<>> buckets_;
  std::map<std::string, int64_t, std::less<>> shard_durations_;
  std::vector<std::string> damaged_;
  size_t cached_values_ = 0;  // across buckets, to decide when to flush
};

}  // namespace tidewater::storage
