// The write-ahead log: a chain of small segment files of checksummed records.
//
// Why a chain of small files: IDBFS persists a changed file by rewriting it whole as one
// IndexedDB record, so appending to a big log would rewrite megabytes per sync. Segments roll
// over at about 1 MiB and a sync rewrites only the open one.
//
// Record layout: fixed32 payload length, fixed32 CRC-32C of the payload, payload. The WAL
// knows nothing about what payloads mean.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/status.h"
#include "core/util/file.h"

namespace tidewater::storage {

struct WalReplayReport {
  size_t segments = 0;
  size_t records = 0;
  // A torn or corrupt record ends its segment's replay; it is reported, never fatal.
  std::vector<std::string> damaged;  // "wal/00000003.wal: bad checksum at offset 4096"
};

class Wal {
 public:
  explicit Wal(std::string dir, size_t segment_bytes = 1 << 20) : dir_(std::move(dir)), segment_bytes_(segment_bytes) {}

  // Replays every record of every segment in order, then opens a NEW segment for appends:
  // never appending after a possibly torn tail keeps later records replayable.
  Status open(const std::function<Status(std::string_view payload)>& apply, WalReplayReport* report);

  // Appends one record; with sync, fsyncs before returning (the native durability point).
  Status append(std::string_view payload, bool sync);
  // Takes back the record the last successful append() wrote (a delete whose tombstone could
  // not be written): replay will not see it. Only right after that append.
  Status undo_last_append();

  // Deletes every closed segment (their contents are persisted elsewhere) and rolls over.
  Status truncate();

  std::vector<std::string> segment_names() const { return util::list_dir(dir_); }

 private:
  Status roll();
  std::string segment_path(uint64_t seq) const;

  std::string dir_;
  size_t segment_bytes_;
  uint64_t next_seq_ = 1;
  util::AppendFile current_;
  size_t size_before_append_ = 0;  // the current segment's size before the last append
};

}  // namespace tidewater::storage
