#include "core/storage/wal/wal.h"

#include <cstdio>
#include <cstdlib>

#include "core/util/coding.h"
#include "core/util/crc32c.h"

namespace tidewater::storage {
namespace {

constexpr size_t kHeader = 8;
constexpr uint32_t kMaxRecord = 1u << 30;

bool parse_segment_name(const std::string& name, uint64_t* seq) {
  if (name.size() != 20 || name.compare(16, 4, ".wal") != 0) return false;
  char* end = nullptr;
  *seq = std::strtoull(name.c_str(), &end, 16);
  return end == name.c_str() + 16;
}

}  // namespace

std::string Wal::segment_path(uint64_t seq) const {
  char name[32];
  std::snprintf(name, sizeof name, "%016llx.wal", static_cast<unsigned long long>(seq));
  return dir_ + "/" + name;
}

Status Wal::open(const std::function<Status(std::string_view)>& apply, WalReplayReport* report) {
  if (Status s = util::make_dirs(dir_); !s.ok()) return s;
  for (const auto& name : util::list_dir(dir_)) {
    uint64_t seq;
    if (!parse_segment_name(name, &seq)) continue;
    next_seq_ = std::max(next_seq_, seq + 1);
    auto data = util::read_file(dir_ + "/" + name);
    if (!data.ok()) return data.status();
    ++report->segments;
    const std::string& d = *data;
    size_t off = 0;
    while (off < d.size()) {
      if (d.size() - off < kHeader) {
        report->damaged.push_back(name + ": torn record header at offset " + std::to_string(off));
        break;
      }
      const uint32_t len = util::decode_fixed32(d.data() + off);
      const uint32_t crc = util::decode_fixed32(d.data() + off + 4);
      if (len > kMaxRecord || len > d.size() - off - kHeader) {
        report->damaged.push_back(name + ": torn record at offset " + std::to_string(off));
        break;
      }
      const std::string_view payload(d.data() + off + kHeader, len);
      if (util::crc32c(payload) != crc) {
        report->damaged.push_back(name + ": bad checksum at offset " + std::to_string(off));
        break;
      }
      if (Status s = apply(payload); !s.ok()) return s;
      ++report->records;
      off += kHeader + len;
    }
  }
  return roll();
}

Status Wal::roll() {
  current_.close();
  return current_.open(segment_path(next_seq_++));
}

Status Wal::append(std::string_view payload, bool sync) {
  // A file closed by a failed append (its torn tail could not be cut off) is never reused.
  if (!current_.is_open() || current_.size() >= segment_bytes_) {
    if (Status s = roll(); !s.ok()) return s;
  }
  std::string rec;
  rec.reserve(kHeader + payload.size());
  util::put_fixed32(rec, static_cast<uint32_t>(payload.size()));
  util::put_fixed32(rec, util::crc32c(payload));
  rec.append(payload);
  // One write call per record: a crash leaves a whole record or a detectable torn tail.
  size_before_append_ = current_.size();
  if (Status s = current_.append(rec); !s.ok()) return s;
  return sync ? current_.sync() : Status::Ok();
}

Status Wal::undo_last_append() {
  if (!current_.is_open()) return Status(ErrorCode::kInternal, "WAL: no record to take back");
  if (Status s = current_.truncate(size_before_append_); !s.ok()) return s;
  return current_.sync();
}

Status Wal::truncate() {
  if (Status s = roll(); !s.ok()) return s;
  const std::string keep = segment_path(next_seq_ - 1);
  for (const auto& name : util::list_dir(dir_)) {
    uint64_t seq;
    if (parse_segment_name(name, &seq) && dir_ + "/" + name != keep) {
      if (Status s = util::remove_file(dir_ + "/" + name); !s.ok()) return s;
    }
  }
  return Status::Ok();
}

}  // namespace tidewater::storage
