#include "core/storage/engine.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "core/storage/bucket_reader.h"
#include "core/storage/segment/segment_writer.h"
#include "core/util/coding.h"
#include "core/util/crc32c.h"
#include "core/util/file.h"

namespace tidewater::storage {
namespace {

constexpr int64_t kHour = int64_t{3600} * 1'000'000'000;
constexpr uint32_t kTombstoneMagic = 0x42545754;  // "TWTB"

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool parse_hex16(const std::string& s, size_t at, uint64_t* v) {
  if (s.size() < at + 16) return false;
  for (size_t i = at; i < at + 16; ++i) {
    if (!std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  *v = std::strtoull(s.substr(at, 16).c_str(), nullptr, 16);
  return true;
}

std::string hex16(uint64_t v) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// "<shard start as 64-bit hex>-<seq hex>.tsm"
bool parse_segment_name(const std::string& name, int64_t* shard, uint64_t* seq) {
  uint64_t s;
  if (name.size() != 37 || name[16] != '-' || !ends_with(name, ".tsm") || !parse_hex16(name, 0, &s) ||
      !parse_hex16(name, 17, seq))
    return false;
  *shard = static_cast<int64_t>(s);
  return true;
}

bool parse_tombstone_name(const std::string& name, uint64_t* seq) {
  return name.size() == 21 && ends_with(name, ".tomb") && parse_hex16(name, 0, seq);
}

// The start of the shard holding t: t rounded down to a multiple of duration.
int64_t shard_start(int64_t t, int64_t duration) {
  const int64_t r = ((t % duration) + duration) % duration;
  if (static_cast<uint64_t>(t) - static_cast<uint64_t>(INT64_MIN) < static_cast<uint64_t>(r)) return INT64_MIN;
  return t - r;
}

// Makes renames and unlinks in dir durable (natively; MEMFS/IDBFS persist on syncfs).
void sync_dir(const std::string& dir) {
#ifndef __EMSCRIPTEN__
  const int fd = ::open(dir.c_str(), O_RDONLY);
  if (fd >= 0) {
    (void)::fsync(fd);
    ::close(fd);
  }
#else
  (void)dir;
#endif
}

}  // namespace

int64_t shard_duration_for_retention(int64_t retention_ns) {
  if (retention_ns <= 0) return 7 * 24 * kHour;
  if (retention_ns < 2 * 24 * kHour) return kHour;
  if (retention_ns <= 180 * 24 * kHour) return 24 * kHour;
  return 7 * 24 * kHour;
}

Engine::Engine(std::string root, EngineOptions options)
    : root_(std::move(root)), options_(options), wal_(root_ + "/wal", options.wal_segment_bytes) {}

std::string Engine::bucket_dir(std::string_view bucket_id) const { return root_ + "/data/" + std::string(bucket_id); }

int64_t Engine::shard_duration(const std::string& bucket_id) const {
  auto it = shard_durations_.find(bucket_id);
  const int64_t d = it == shard_durations_.end() ? options_.default_shard_duration : it->second;
  return d > 0 ? d : 7 * 24 * kHour;
}

void Engine::set_shard_duration(const std::string& bucket_id, int64_t duration_ns) {
  shard_durations_[bucket_id] = duration_ns;
}

Result<std::unique_ptr<Engine>> Engine::open(const std::string& root, const EngineOptions& options) {
  std::unique_ptr<Engine> e(new Engine(root, options));
  if (Status s = util::make_dirs(root + "/data"); !s.ok()) return s;
  // Segment files first (their types and data), then the WAL records written after them.
  for (const auto& name : util::list_dir(root + "/data")) {
    if (Status s = e->load_bucket(name); !s.ok()) return s;
  }
  Status s = e->wal_.open([&](std::string_view payload) { return e->apply(payload); }, &e->replay_);
  if (!s.ok()) return s;
  return e;
}

Status Engine::load_bucket(const std::string& bucket_id) {
  const std::string dir = bucket_dir(bucket_id);
  Bucket& b = buckets_[bucket_id];
  for (const auto& name : util::list_dir(dir)) {
    const std::string path = dir + "/" + name;
    int64_t shard;
    uint64_t seq;
    if (ends_with(name, ".tmp")) {
      // A file a crash left half-written; the data is still in the WAL (or the inputs of a
      // compaction).
      if (Status s = util::remove_file(path); !s.ok()) return s;
    } else if (parse_segment_name(name, &shard, &seq)) {
      b.next_seq = std::max(b.next_seq, seq + 1);
      auto r = segment::SegmentReader::open_file(path);
      if (!r.ok()) {
        damaged_.push_back(r.status().message());
        continue;
      }
      b.segments.push_back(SegmentFile{seq, shard, path, std::move(*r)});
    } else if (parse_tombstone_name(name, &seq)) {
      b.next_seq = std::max(b.next_seq, seq + 1);
      auto data = util::read_file(path);
      if (!data.ok()) return data.status();
      const std::string& d = *data;
      WalRecord rec;
      if (d.size() < 8 || util::decode_fixed32(d.data()) != kTombstoneMagic ||
          util::crc32c(std::string_view(d.data() + 4, d.size() - 8)) != util::decode_fixed32(d.data() + d.size() - 4) ||
          !decode_wal_record(std::string_view(d.data() + 4, d.size() - 8), &rec) ||
          !std::holds_alternative<DeleteRange>(rec)) {
        damaged_.push_back(path + ": damaged tombstone");
        continue;
      }
      b.tombstones.push_back(Tombstone{seq, path, d.substr(4, d.size() - 8), std::get<DeleteRange>(std::move(rec))});
    }
  }
  std::sort(b.segments.begin(), b.segments.end(), [](const auto& x, const auto& y) { return x.seq < y.seq; });
  std::sort(b.tombstones.begin(), b.tombstones.end(), [](const auto& x, const auto& y) { return x.seq < y.seq; });
  for (const auto& seg : b.segments) {
    for (const auto& entry : seg.reader->entries()) b.cache.set_field_type(entry.key.measurement, entry.field, entry.type);
  }
  return Status::Ok();
}

Status Engine::write_tombstone(const std::string& bucket_id, Bucket& b, std::string_view payload) {
  const uint64_t seq = b.next_seq++;
  const std::string dir = bucket_dir(bucket_id);
  const std::string path = dir + "/" + hex16(seq) + ".tomb";
  std::string data;
  util::put_fixed32(data, kTombstoneMagic);
  data.append(payload);
  util::put_fixed32(data, util::crc32c(payload));
  if (Status s = util::make_dirs(dir); !s.ok()) return s;
  if (Status s = util::write_file_atomic(path, data); !s.ok()) return s;
  sync_dir(dir);
  WalRecord rec;
  if (!decode_wal_record(payload, &rec)) return Status(ErrorCode::kInternal, "tombstone: undecodable delete");
  b.tombstones.push_back(Tombstone{seq, path, std::string(payload), std::get<DeleteRange>(std::move(rec))});
  return Status::Ok();
}

Status Engine::apply(std::string_view payload) {
  WalRecord record;
  if (!decode_wal_record(payload, &record)) {
    // The CRC matched, so the bytes are what we wrote: a decoder bug or a newer format.
    replay_.damaged.push_back("undecodable WAL record skipped");
    return Status::Ok();
  }
  if (auto* batch = std::get_if<WriteBatch>(&record)) {
    BucketCache& cache = buckets_[batch->bucket_id].cache;
    const size_t before = cache.value_count();
    for (const auto& p : batch->points) cache.insert(p);
    cached_values_ += cache.value_count() - before;
  } else {
    const auto& d = std::get<DeleteRange>(record);
    auto it = buckets_.find(d.bucket_id);
    if (it == buckets_.end()) return Status::Ok();
    Bucket& b = it->second;
    cached_values_ -= b.cache.erase(d.predicate, d.range);
    // The delete must also hide segment data. Its tombstone may not have been written before
    // a crash: write it unless an identical one newer than every segment exists (for those,
    // one copy hides exactly what two would). A tombstone newer than a segment flushed after
    // the delete also hides that segment's matching values, but the cache this replay
    // rebuilds holds the same values again, so what reads back is unchanged.
    if (!b.segments.empty()) {
      const uint64_t newest = b.segments.back().seq;
      bool have = false;
      for (const auto& t : b.tombstones) have = have || (t.seq > newest && t.payload == payload);
      if (!have) {
        if (Status s = write_tombstone(d.bucket_id, b, payload); !s.ok()) return s;
      }
    }
  }
  return Status::Ok();
}

Result<size_t> Engine::delete_where(const std::string& bucket_id, const SeriesFilter& predicate, const TimeRange& range) {
  auto it = buckets_.find(bucket_id);
  if (it == buckets_.end() || range.start >= range.stop) return size_t{0};
  Bucket& b = it->second;
  size_t removed = 0;
  if (!b.segments.empty()) {
    make_bucket_reader(&b)->scan(predicate, range, [&](const SeriesKey&, std::string_view, const FieldColumn& c) { removed += c.size(); });
  }
  std::string payload;
  encode_wal_record(DeleteRange{bucket_id, predicate, range}, &payload);
  if (Status s = wal_.append(payload, options_.sync); !s.ok()) return s;
  // Durable from here (replay repeats it, tombstone included), unless the tombstone cannot be
  // written (disk full): then the record is taken back and the delete fails having changed
  // nothing. Cutting a file needs no free space.
  if (!b.segments.empty()) {
    if (Status s = write_tombstone(bucket_id, b, payload); !s.ok()) {
      if (Status undo = wal_.undo_last_append(); !undo.ok()) {
        return Status(s.code(), s.message() + "; the delete could not be taken back and applies after a restart");
      }
      return s;
    }
  }
  const size_t from_cache = b.cache.erase(predicate, range);
  cached_values_ -= from_cache;
  return b.segments.empty() ? from_cache : removed;
}

size_t Engine::enforce_retention(const std::string& bucket_id, int64_t cutoff) {
  auto it = buckets_.find(bucket_id);
  if (it == buckets_.end()) return 0;
  Bucket& b = it->second;
  const size_t from_cache = b.cache.erase(SeriesFilter{}, TimeRange{model::kMinTime, cutoff});
  cached_values_ -= from_cache;
  size_t removed = from_cache;
  b.retention_cutoff = std::max(b.retention_cutoff, cutoff);
  // Whole files past the cutoff go; the rest is filtered on read and dropped by compaction.
  bool dropped = false;
  for (auto s = b.segments.begin(); s != b.segments.end();) {
    if (s->reader->max_time() < cutoff && util::remove_file(s->path).ok()) {
      removed += s->reader->value_count();
      s = b.segments.erase(s);
      dropped = true;
    } else {
      ++s;
    }
  }
  if (dropped) {
    sync_dir(bucket_dir(bucket_id));
    collect_tombstones(bucket_id, b);
  }
  return removed;
}

// Tombstones older than every segment hide nothing any more.
void Engine::collect_tombstones(const std::string& bucket_id, Bucket& b) {
  uint64_t oldest = UINT64_MAX;
  for (const auto& s : b.segments) oldest = std::min(oldest, s.seq);
  for (auto t = b.tombstones.begin(); t != b.tombstones.end();) {
    if (t->seq < oldest && util::remove_file(t->path).ok()) t = b.tombstones.erase(t);
    else ++t;
  }
}

Result<WriteOutcome> Engine::write(const std::string& bucket_id, std::vector<model::Point> points, int64_t min_time) {
  WriteOutcome out;
  auto it = buckets_.find(bucket_id);
  const BucketCache* cache = it == buckets_.end() ? nullptr : &it->second.cache;
  // Field types are fixed by the first value a bucket stores for a measurement's field; the
  // batch itself can fix them too, so track what it introduces.
  std::map<std::pair<std::string, std::string>, model::FieldType> introduced;
  std::vector<model::Point> accepted;
  accepted.reserve(points.size());
  // Points of a batch mostly repeat the previous point's measurement and field keys/types,
  // which were checked already.
  const model::Point* checked = nullptr;
  auto same_shape = [](const model::Point& a, const model::Point& b) {
    if (a.measurement != b.measurement || a.fields.size() != b.fields.size()) return false;
    for (size_t i = 0; i < a.fields.size(); ++i) {
      if (a.fields[i].key != b.fields[i].key || a.fields[i].value.index() != b.fields[i].value.index()) return false;
    }
    return true;
  };
  for (auto& p : points) {
    if (p.time < min_time) {
      ++out.points_expired;
      continue;
    }
    if (checked && same_shape(*checked, p)) {
      accepted.push_back(std::move(p));
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
    checked = &accepted.back();  // stable: accepted never grows past its reserve
  }
  if (options_.max_series_per_bucket > 0) drop_series_over_limit(bucket_id, &accepted, &out);
  if (accepted.empty()) return out;

  WriteBatch batch{bucket_id, std::move(accepted)};
  std::string payload;
  encode_write_batch(batch, &payload);
  if (Status s = wal_.append(payload, options_.sync); !s.ok()) return s;
  BucketCache& target = buckets_[bucket_id].cache;
  const size_t before = target.value_count();
  for (const auto& p : batch.points) target.insert(p);
  cached_values_ += target.value_count() - before;
  out.points_written = batch.points.size();
  if (options_.flush_after_values > 0 && cached_values_ >= options_.flush_after_values) {
    // The write is durable in the WAL already; a failed flush leaves the data there and is
    // retried by the next write.
    (void)flush();
  }
  return out;
}

Status Engine::flush() {
  // 1. Every bucket's cache into new segment files: <name>.tmp, fsync, rename.
  std::vector<Bucket*> flushed;
  for (auto& [bucket_id, b] : buckets_) {
    if (b.cache.value_count() == 0) continue;
    const int64_t duration = shard_duration(bucket_id);
    std::map<int64_t, segment::SegmentWriter> writers;
    b.cache.scan(SeriesFilter{}, TimeRange{}, [&](const SeriesKey& key, std::string_view field, const FieldColumn& col) {
      // Times are sorted, so each shard's values are one run.
      for (size_t lo = 0; lo < col.size();) {
        const int64_t shard = shard_start(col.times[lo], duration);
        size_t hi = lo + 1;
        while (hi < col.size() && shard_start(col.times[hi], duration) == shard) ++hi;
        if (lo == 0 && hi == col.size()) {
          writers[shard].add(key, field, col);
        } else {
          FieldColumn part;
          part.type = col.type;
          for (size_t i = lo; i < hi; ++i) segment::append_value(part, col, i);
          writers[shard].add(key, field, part);
        }
        lo = hi;
      }
    });
    const std::string dir = bucket_dir(bucket_id);
    if (Status s = util::make_dirs(dir); !s.ok()) return s;
    for (auto& [shard, w] : writers) {
      const uint64_t seq = b.next_seq++;
      const std::string path = dir + "/" + hex16(static_cast<uint64_t>(shard)) + "-" + hex16(seq) + ".tsm";
      std::string bytes = w.finish();
      if (Status s = segment::write_segment_file(path, bytes); !s.ok()) return s;
      auto r = segment::SegmentReader::open(std::move(bytes), path);
      if (!r.ok()) return r.status();
      // Visible at once: newer than every tombstone, and the cache (same values) overrides it
      // until it is cleared below.
      b.segments.push_back(SegmentFile{seq, shard, path, std::move(*r)});
    }
    sync_dir(dir);
    flushed.push_back(&b);
  }
  // 2. Every acknowledged point is now in a durable segment file: empty the caches, then
  // drop the WAL segments that held them. A crash before the truncation replays them into
  // the cache again (duplicates of segment values, which read back once).
  for (Bucket* b : flushed) b->cache.clear_values();
  cached_values_ = 0;
  for (const auto& [bucket_id, b] : buckets_) cached_values_ += b.cache.value_count();
  if (Status s = wal_.truncate(); !s.ok()) return s;
  // 3. Compaction and tombstone collection.
  for (auto& [bucket_id, b] : buckets_) {
    if (b.segments.empty()) continue;
    if (options_.compact_after_segments > 0) {
      // Tombstones are absorbed (their shards rewritten) once there are enough of them to
      // cost reads noticeably.
      if (Status s = compact_bucket(bucket_id, b, options_.compact_after_segments, b.tombstones.size() > 8); !s.ok())
        return s;
    }
    collect_tombstones(bucket_id, b);
  }
  return Status::Ok();
}

Status Engine::compact(const std::string& bucket_id, size_t max_files) {
  auto it = buckets_.find(bucket_id);
  if (it == buckets_.end()) return Status::Ok();
  if (Status s = compact_bucket(bucket_id, it->second, std::max<size_t>(max_files, 1), true); !s.ok()) return s;
  collect_tombstones(bucket_id, it->second);
  return Status::Ok();
}

// Merges each shard with more than max_files segments (and, with absorb_tombstones, each shard
// some tombstone still applies to) into one new file with a NEW seq, written to .tmp and
// renamed, then deletes the inputs. Tombstones and the retention cutoff are applied while
// merging; being newer than every tombstone, the new file lets collect_tombstones() drop
// them. A crash before the deletions leaves the inputs beside the merged file: they read
// first and the merged file (the same or newer values) overrides them.
//
// A shard is skipped when a segment outside it, newer than its oldest input, overlaps its
// time range (possible only after the bucket's shard duration changed): the new seq would
// otherwise let older values override newer ones.
Status Engine::compact_bucket(const std::string& bucket_id, Bucket& b, size_t max_files, bool absorb_tombstones) {
  std::map<int64_t, std::vector<const SegmentFile*>> shards;
  for (const auto& s : b.segments) shards[s.shard_start].push_back(&s);
  const std::string dir = bucket_dir(bucket_id);
  std::set<uint64_t> retired;
  std::vector<SegmentFile> added;
  for (auto& [shard, files] : shards) {
    bool go = files.size() > max_files;
    if (!go && absorb_tombstones) {
      for (const auto& t : b.tombstones) go = go || t.seq > files.front()->seq;
      go = go || files.front()->reader->min_time() < b.retention_cutoff;
    }
    if (!go) continue;
    int64_t lo = model::kMaxTime, hi = model::kMinTime;
    for (const auto* f : files) {
      lo = std::min(lo, f->reader->min_time());
      hi = std::max(hi, f->reader->max_time());
    }
    bool overlap = false;
    for (const auto& s : b.segments) {
      overlap = overlap || (s.shard_start != shard && s.seq > files.front()->seq && s.reader->max_time() >= lo &&
                            s.reader->min_time() <= hi);
    }
    if (overlap) continue;
    segment::SegmentWriter w;
    std::vector<std::string> errors;
    merged_scan(files, b.tombstones, b.retention_cutoff, nullptr, SeriesFilter{}, TimeRange{},
                [&](const SeriesKey& key, std::string_view field, const FieldColumn& col) { w.add(key, field, col); }, &errors);
    if (!errors.empty()) {
      damaged_.push_back("compaction skipped: " + errors.front());
      continue;
    }
    for (const auto* f : files) retired.insert(f->seq);
    if (w.empty()) continue;  // everything in the shard was deleted
    const uint64_t seq = b.next_seq++;
    const std::string path = dir + "/" + hex16(static_cast<uint64_t>(shard)) + "-" + hex16(seq) + ".tsm";
    std::string bytes = w.finish();
    if (Status s = segment::write_segment_file(path, bytes); !s.ok()) return s;
    auto r = segment::SegmentReader::open(std::move(bytes), path);
    if (!r.ok()) return r.status();
    added.push_back(SegmentFile{seq, shard, path, std::move(*r)});
  }
  if (retired.empty()) return Status::Ok();
  sync_dir(dir);  // the merged files are durable before any input goes
  for (auto& f : added) b.segments.push_back(std::move(f));
  for (auto s = b.segments.begin(); s != b.segments.end();) {
    if (retired.count(s->seq)) {
      if (Status st = util::remove_file(s->path); !st.ok()) return st;
      s = b.segments.erase(s);
    } else {
      ++s;
    }
  }
  sync_dir(dir);
  return Status::Ok();
}

std::unique_ptr<BucketReader> Engine::reader(const std::string& bucket_id) const {
  auto it = buckets_.find(bucket_id);
  return make_bucket_reader(it == buckets_.end() ? nullptr : &it->second);
}

Status Engine::drop_bucket(const std::string& bucket_id) {
  // A dropped bucket's WAL records stay in the log until the next flush; its ID is never
  // reused, so replay recreates a cache nothing can reach (and a flush writes it out again
  // under data/<id>, unreachable too).
  auto it = buckets_.find(bucket_id);
  if (it != buckets_.end()) {
    cached_values_ -= it->second.cache.value_count();
    buckets_.erase(it);
  }
  return util::remove_tree(bucket_dir(bucket_id));
}

size_t Engine::series_count(const std::string& bucket_id) const {
  auto it = buckets_.find(bucket_id);
  if (it == buckets_.end()) return 0;
  const Bucket& b = it->second;
  if (b.segments.empty()) return b.cache.series_count();
  std::set<std::string> ids;
  if (!b.tombstones.empty() || b.retention_cutoff > model::kMinTime) {
    // Some segment series may be deleted entirely: count what reads back.
    make_bucket_reader(&b)->scan({}, {}, [&](const SeriesKey& key, std::string_view, const FieldColumn&) {
      ids.insert(segment::series_id(key));
    });
    return ids.size();
  }
  for (auto& id : b.cache.series_ids()) ids.insert(std::move(id));
  for (const auto& s : b.segments) {
    for (const auto& e : s.reader->entries()) ids.insert(e.id);
  }
  return ids.size();
}

size_t Engine::segment_count(const std::string& bucket_id) const {
  auto it = buckets_.find(bucket_id);
  return it == buckets_.end() ? 0 : it->second.segments.size();
}

size_t Engine::tombstone_count(const std::string& bucket_id) const {
  auto it = buckets_.find(bucket_id);
  return it == buckets_.end() ? 0 : it->second.tombstones.size();
}

}  // namespace tidewater::storage
