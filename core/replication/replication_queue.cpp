#include "core/replication/replication_queue.h"

#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>

#include "core/util/coding.h"
#include "core/util/crc32c.h"

namespace tidewater::replication {
namespace {

constexpr size_t kQueueRecordHeader = 8;
constexpr const char* kQueueSegmentSuffix = ".seg";

// "00000000000000000042.seg" -> 42; 0 for other names.
uint64_t queue_segment_number(const std::string& name) {
  if (name.size() != 20 + 4 || name.compare(20, 4, kQueueSegmentSuffix) != 0) return 0;
  uint64_t n = 0;
  auto [p, ec] = std::from_chars(name.data(), name.data() + 20, n);
  return ec == std::errc() && p == name.data() + 20 ? n : 0;
}

// When a segment file last changed (Unix ns), or `fallback` when it cannot be read. Hosts
// keep it: a real disk, MEMFS, and IDBFS (which stores each file's timestamp).
int64_t queue_segment_mtime_ns(const std::string& path, int64_t fallback) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return fallback;
  return static_cast<int64_t>(st.st_mtime) * 1'000'000'000;
}

}  // namespace

std::string QueuePosition::to_string() const { return std::to_string(segment) + ":" + std::to_string(offset); }

std::optional<QueuePosition> QueuePosition::parse(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  QueuePosition p;
  auto a = std::from_chars(text.data(), text.data() + colon, p.segment);
  auto b = std::from_chars(text.data() + colon + 1, text.data() + text.size(), p.offset);
  if (a.ec != std::errc() || a.ptr != text.data() + colon || b.ec != std::errc() || b.ptr != text.data() + text.size())
    return std::nullopt;
  return p;
}

Result<std::unique_ptr<ReplicationQueue>> ReplicationQueue::open(const std::string& dir, const QueueOptions& options) {
  if (Status s = util::make_dirs(dir); !s.ok()) return s;
  std::unique_ptr<ReplicationQueue> q(new ReplicationQueue(dir, options));
  if (Status s = q->load(); !s.ok()) return s;
  return q;
}

std::string ReplicationQueue::segment_path(uint64_t segment) const {
  char name[32];
  std::snprintf(name, sizeof name, "%020llu%s", static_cast<unsigned long long>(segment), kQueueSegmentSuffix);
  return dir_ + "/" + name;
}

Status ReplicationQueue::load() {
  auto offset = util::read_file(dir_ + "/offset");
  if (offset.ok()) {
    std::string_view text = *offset;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
    auto parsed = QueuePosition::parse(text);
    if (!parsed) return Status(ErrorCode::kInternal, "replication queue " + dir_ + ": unreadable offset file");
    committed_ = *parsed;
  } else if (offset.status().code() != ErrorCode::kNotFound) {
    return offset.status();
  }
  uint64_t last = 0;
  for (const std::string& name : util::list_dir(dir_)) {
    const uint64_t segment = queue_segment_number(name);
    if (segment == 0) continue;
    last = std::max(last, segment);
    if (segment < committed_.segment) {
      // Wholly sent before the crash that kept it from being removed.
      if (Status s = util::remove_file(dir_ + "/" + name); !s.ok()) return s;
      continue;
    }
    auto data = util::read_file(dir_ + "/" + name);
    if (!data.ok()) return data.status();
    // st_mtime has whole seconds: the next one is as new as any record in the file can be.
    const int64_t written_ns = queue_segment_mtime_ns(dir_ + "/" + name, now_ns()) + 1'000'000'000;
    // Records up to the first torn or corrupt one: nothing after it was acknowledged to a
    // writer, since appends are synced one by one and a failed one ends the segment.
    size_t pos = 0;
    while (pos + kQueueRecordHeader <= data->size()) {
      const uint32_t length = util::decode_fixed32(data->data() + pos);
      const uint32_t crc = util::decode_fixed32(data->data() + pos + 4);
      if (length > data->size() - pos - kQueueRecordHeader) break;
      if (util::crc32c(std::string_view(data->data() + pos + kQueueRecordHeader, length)) != crc) break;
      Record r{{segment, pos}, length, written_ns};
      if (!(r.at < committed_)) {
        records_.push_back(r);
        queued_bytes_ += r.size();
      }
      pos += r.size();
    }
  }
  // Appends go to a fresh segment: an old one may end in a torn record.
  write_segment_ = 0;
  next_segment_ = std::max(last, committed_.segment) + 1;
  return Status::Ok();
}

Status ReplicationQueue::append(std::string_view lines) {
  if (lines.empty()) return Status::Ok();
  if (lines.size() > UINT32_MAX - kQueueRecordHeader) return Status(ErrorCode::kInvalid, "replication batch too large");
  const uint64_t size = lines.size() + kQueueRecordHeader;
  if (Status s = drop_expired(); !s.ok()) return s;
  // Full: the oldest records go, committed as if sent.
  if (queued_bytes_ + size > options_.max_bytes && !records_.empty()) {
    QueuePosition end = records_.front().end();
    uint64_t freed = 0;
    for (const Record& r : records_) {
      if (queued_bytes_ - freed + size <= options_.max_bytes) break;
      freed += r.size();
      end = r.end();
    }
    dropped_bytes_ += freed;
    if (Status s = acknowledge(end); !s.ok()) return s;
  }
  if (write_segment_ != 0 && writer_.size() > 0 && writer_.size() + size > options_.segment_bytes) {
    writer_.close();
    write_segment_ = 0;
  }
  if (write_segment_ == 0) {
    const uint64_t segment = next_segment_++;
    if (Status s = writer_.open(segment_path(segment)); !s.ok()) return s;
    write_segment_ = segment;
  }
  std::string record;
  record.reserve(size);
  util::put_fixed32(record, static_cast<uint32_t>(lines.size()));
  util::put_fixed32(record, util::crc32c(lines));
  record.append(lines);
  const Record r{{write_segment_, writer_.size()}, static_cast<uint32_t>(lines.size()), now_ns()};
  Status s = writer_.append(record);
  if (s.ok() && options_.sync) s = writer_.sync();
  if (!s.ok()) {
    // A partial record may be on disk: later records go to a new segment, after which the
    // torn one ends this segment's records on reload.
    writer_.close();
    write_segment_ = 0;
    return s;
  }
  records_.push_back(r);
  queued_bytes_ += r.size();
  return Status::Ok();
}

Result<const std::string*> ReplicationQueue::segment_data(uint64_t segment, uint64_t needed_size) {
  if (cached_segment_ != segment || cached_data_.size() < needed_size) {
    auto data = util::read_file(segment_path(segment));
    if (!data.ok()) return data.status();
    cached_data_ = std::move(*data);
    cached_segment_ = segment;
    if (cached_data_.size() < needed_size)
      return Status(ErrorCode::kInternal, "replication queue " + dir_ + ": segment shorter than its records");
  }
  return &cached_data_;
}

int64_t ReplicationQueue::now_ns() const {
  if (options_.now_ns) return options_.now_ns();
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

Status ReplicationQueue::drop_expired() {
  if (options_.max_age_ns <= 0 || records_.empty()) return Status::Ok();
  const int64_t cutoff = now_ns() - options_.max_age_ns;
  // Records are in append order, so the expired ones are a prefix.
  uint64_t freed = 0;
  QueuePosition end;
  for (const Record& r : records_) {
    if (r.written_ns >= cutoff) break;
    freed += r.size();
    end = r.end();
  }
  if (freed == 0) return Status::Ok();
  dropped_bytes_ += freed;
  return acknowledge(end);
}

Result<std::optional<QueueBatch>> ReplicationQueue::peek(size_t max_bytes) {
  if (Status s = drop_expired(); !s.ok()) return s;
  if (records_.empty()) return std::optional<QueueBatch>();
  QueueBatch batch;
  for (const Record& r : records_) {
    if (batch.records > 0 && batch.lines.size() + r.length > max_bytes) break;
    auto data = segment_data(r.at.segment, r.end().offset);
    if (!data.ok()) return data.status();
    batch.lines.append(**data, r.at.offset + kQueueRecordHeader, r.length);
    batch.end = r.end();
    ++batch.records;
  }
  return std::optional<QueueBatch>(std::move(batch));
}

Status ReplicationQueue::acknowledge(const QueuePosition& end) {
  if (records_.empty() || !(records_.front().at < end)) return Status::Ok();  // already committed
  QueuePosition committed = committed_;
  size_t n = 0;
  uint64_t bytes = 0;
  for (const Record& r : records_) {
    if (!(r.at < end)) break;
    committed = r.end();
    bytes += r.size();
    ++n;
  }
  // When the queue empties, the next read starts where the next append will go.
  if (n == records_.size() && write_segment_ != 0) committed = {write_segment_, writer_.size()};
  if (Status s = util::write_file_atomic(dir_ + "/offset", committed.to_string() + "\n"); !s.ok()) return s;
  records_.erase(records_.begin(), records_.begin() + static_cast<std::ptrdiff_t>(n));
  queued_bytes_ -= bytes;
  committed_ = committed;
  // Segments before the committed one are done.
  for (const std::string& name : util::list_dir(dir_)) {
    const uint64_t segment = queue_segment_number(name);
    if (segment != 0 && segment < committed_.segment && segment != write_segment_) {
      if (Status s = util::remove_file(dir_ + "/" + name); !s.ok()) return s;
      if (cached_segment_ == segment) cached_segment_ = 0, cached_data_.clear();
    }
  }
  return Status::Ok();
}

}  // namespace tidewater::replication
