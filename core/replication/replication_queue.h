// The durable queue of one replication: batches of line protocol waiting to be sent to the
// remote, kept in the database's own files so that they survive reloads, offline periods and
// crashes.
//
// Layout under its folder: append-only segment files "<20-digit number>.seg" holding records
// [fixed32 length][fixed32 crc32c][line protocol], and "offset", the committed read position
// (segment, byte offset) rewritten atomically on each acknowledgement. Each append is fsync'd
// (through util::AppendFile, so the same code runs on a real disk and on IDBFS). A reopen
// starts a new segment: older ones are only read, and a truncated or corrupt tail (a crash
// mid-append) ends a segment's records without losing the ones before it.
//
// Delivery is at least once: peek() hands out a batch, acknowledge() commits it; a crash in
// between sends the batch again, which InfluxDB takes as an overwrite of the same points.
// When an append would pass max_bytes, the oldest records are dropped (committed unsent), and
// records older than max_age_ns are dropped before each append and read. A record's age counts
// from its append; records read back on open count from their segment file's last change
// (the newest any of them can be), so a reopen never drops a record early.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/model/status.h"
#include "core/util/file.h"

namespace tidewater::replication {

// A place in the queue: a byte offset inside a segment. Ordered by (segment, offset).
struct QueuePosition {
  uint64_t segment = 0;
  uint64_t offset = 0;
  friend bool operator<(const QueuePosition& a, const QueuePosition& b) {
    return a.segment != b.segment ? a.segment < b.segment : a.offset < b.offset;
  }
  friend bool operator==(const QueuePosition& a, const QueuePosition& b) = default;
  std::string to_string() const;                                   // "segment:offset"
  static std::optional<QueuePosition> parse(std::string_view text);
};

// Records from the read position, concatenated; `end` is what acknowledge() takes.
struct QueueBatch {
  std::string lines;
  QueuePosition end;
  size_t records = 0;
};

struct QueueOptions {
  uint64_t max_bytes = 64ull << 20;      // queued record bytes kept before dropping the oldest
  uint64_t segment_bytes = 8ull << 20;   // a new segment file starts past this size
  bool sync = true;                      // fsync each append (IDBFS hosts sync the mount instead)
  int64_t max_age_ns = 0;                // records older than this are dropped; 0 keeps them
  std::function<int64_t()> now_ns;       // Unix ns; empty: the system clock (tests inject one)
};

class ReplicationQueue {
 public:
  static Result<std::unique_ptr<ReplicationQueue>> open(const std::string& dir, const QueueOptions& options);

  // Appends one batch (whole lines ending in '\n'); durable when it returns Ok.
  Status append(std::string_view lines);
  // Up to max_bytes of line protocol from the read position (at least one record), or nullopt
  // when the queue is empty.
  Result<std::optional<QueueBatch>> peek(size_t max_bytes);
  // Commits everything before `end`: it will not be handed out again, even after a reopen.
  Status acknowledge(const QueuePosition& end);

  uint64_t queued_bytes() const { return queued_bytes_; }
  size_t queued_records() const { return records_.size(); }
  uint64_t dropped_bytes() const { return dropped_bytes_; }  // since open
  void set_max_bytes(uint64_t max_bytes) { options_.max_bytes = max_bytes; }
  void set_max_age_ns(int64_t max_age_ns) { options_.max_age_ns = max_age_ns; }
  // Drops (commits unsent) the records older than max_age_ns; append() and peek() call it.
  Status drop_expired();

 private:
  struct Record {
    QueuePosition at;
    uint32_t length;  // of the line protocol, without the 8-byte header
    int64_t written_ns = 0;  // when appended (on open: its segment file's last change)
    uint64_t size() const { return length + 8ull; }
    QueuePosition end() const { return {at.segment, at.offset + size()}; }
  };

  ReplicationQueue(std::string dir, const QueueOptions& options) : dir_(std::move(dir)), options_(options) {}
  Status load();
  int64_t now_ns() const;
  std::string segment_path(uint64_t segment) const;
  Status commit(const QueuePosition& end);  // persists the read position, drops done segments
  Result<const std::string*> segment_data(uint64_t segment, uint64_t needed_size);

  std::string dir_;
  QueueOptions options_;
  std::deque<Record> records_;        // unacknowledged, in order
  uint64_t queued_bytes_ = 0;
  uint64_t dropped_bytes_ = 0;
  QueuePosition committed_;
  uint64_t write_segment_ = 0;        // 0: none open yet (or the last append failed)
  uint64_t next_segment_ = 1;
  util::AppendFile writer_;
  uint64_t cached_segment_ = 0;       // peek() reads whole segments; the last one is kept
  std::string cached_data_;
};

}  // namespace tidewater::replication
