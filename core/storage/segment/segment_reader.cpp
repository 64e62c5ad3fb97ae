#include "core/storage/segment/segment_reader.h"

#include <algorithm>

#include "core/storage/encoding/block.h"
#include "core/util/coding.h"
#include "core/util/crc32c.h"
#include "core/util/file.h"

namespace tidewater::storage::segment {
namespace {

uint64_t fixed64_at(const std::string& s, size_t off) {
  uint64_t v;
  std::memcpy(&v, s.data() + off, 8);
  return v;
}

Status damaged(const std::string& name, const std::string& what) {
  return Status(ErrorCode::kInternal, name + ": " + what);
}

}  // namespace

Result<std::shared_ptr<SegmentReader>> SegmentReader::open_file(const std::string& path) {
  auto data = util::read_file(path);
  if (!data.ok()) return data.status();
  return open(std::move(*data), path);
}

Result<std::shared_ptr<SegmentReader>> SegmentReader::open(std::string bytes, std::string name) {
  auto r = std::shared_ptr<SegmentReader>(new SegmentReader());
  r->name_ = std::move(name);
  r->bytes_ = std::move(bytes);
  const std::string& b = r->bytes_;
  if (b.size() < kHeaderSize + kFooterSize) return damaged(r->name_, "too short for a segment file");
  if (util::decode_fixed32(b.data()) != kSegmentMagic || util::decode_fixed32(b.data() + b.size() - 4) != kSegmentMagic)
    return damaged(r->name_, "bad magic");
  if (util::decode_fixed32(b.data() + 4) != kSegmentVersion) return damaged(r->name_, "unknown segment version");
  const size_t footer = b.size() - kFooterSize;
  const uint64_t index_offset = fixed64_at(b, footer);
  const uint64_t index_length = fixed64_at(b, footer + 8);
  if (index_offset < kHeaderSize || index_offset > footer || index_length != footer - index_offset)
    return damaged(r->name_, "bad footer");
  const std::string_view index(b.data() + index_offset, index_length);
  if (util::crc32c(index) != util::decode_fixed32(b.data() + footer + 16)) return damaged(r->name_, "index checksum mismatch");
  if (util::crc32c(std::string_view(b.data(), index_offset)) != util::decode_fixed32(b.data() + footer + 20))
    return damaged(r->name_, "data checksum mismatch");

  util::ByteReader in(index);
  uint64_t n;
  if (!in.varint(&n) || n > index_length) return damaged(r->name_, "bad index");
  r->entries_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    SegmentEntry e;
    uint64_t ntags, nblocks;
    uint8_t type;
    if (!in.string(&e.key.measurement) || !in.varint(&ntags) || ntags > index_length) return damaged(r->name_, "bad index");
    e.key.tags.resize(ntags);
    for (auto& t : e.key.tags) {
      if (!in.string(&t.key) || !in.string(&t.value)) return damaged(r->name_, "bad index");
    }
    if (!in.string(&e.field) || !in.byte(&type) || type > static_cast<uint8_t>(model::FieldType::kBoolean) ||
        !in.varint(&nblocks) || nblocks == 0 || nblocks > index_length)
      return damaged(r->name_, "bad index");
    e.type = static_cast<model::FieldType>(type);
    e.blocks.resize(nblocks);
    for (auto& blk : e.blocks) {
      uint64_t mn, mx;
      if (!in.varint(&blk.offset) || !in.varint(&blk.length) || !in.varint(&mn) || !in.varint(&mx) || !in.varint(&blk.count))
        return damaged(r->name_, "bad index");
      blk.min_time = util::unzigzag(mn);
      blk.max_time = util::unzigzag(mx);
      if (blk.offset < kHeaderSize || blk.offset > index_offset || blk.length > index_offset - blk.offset ||
          blk.min_time > blk.max_time || blk.count == 0)
        return damaged(r->name_, "bad block reference");
      r->values_ += blk.count;
    }
    e.id = series_id(e.key);
    r->min_time_ = std::min(r->min_time_, e.min_time());
    r->max_time_ = std::max(r->max_time_, e.max_time());
    r->entries_.push_back(std::move(e));
  }
  if (!in.done()) return damaged(r->name_, "trailing bytes in index");
  return r;
}

std::vector<size_t> SegmentReader::find(const SeriesFilter& filter) const {
  std::vector<size_t> out;
  size_t begin = 0, end = entries_.size();
  if (filter.measurement) {
    // Entries of one measurement are contiguous: "m" then "m\0...".
    const std::string& m = *filter.measurement;
    std::string past = m;
    past += '\1';
    auto cmp = [](const SegmentEntry& e, const std::string& id) { return e.id < id; };
    begin = static_cast<size_t>(std::lower_bound(entries_.begin(), entries_.end(), m, cmp) - entries_.begin());
    end = static_cast<size_t>(std::lower_bound(entries_.begin(), entries_.end(), past, cmp) - entries_.begin());
  }
  for (size_t i = begin; i < end; ++i) {
    if (series_matches(entries_[i].key, filter) && field_matches(entries_[i].field, filter)) out.push_back(i);
  }
  return out;
}

Status SegmentReader::read(size_t entry, const TimeRange& range, FieldColumn* out) const {
  const SegmentEntry& e = entries_.at(entry);
  out->type = e.type;
  FieldColumn block;
  for (size_t b = 0; b < e.blocks.size(); ++b) {
    const auto& blk = e.blocks[b];
    if (blk.max_time < range.start || blk.min_time >= range.stop) continue;
    if (Status s = read_block(entry, b, &block); !s.ok()) return s;
    for (size_t i = 0; i < block.size(); ++i) {
      if (block.times[i] >= range.start && block.times[i] < range.stop) append_value(*out, block, i);
    }
  }
  return Status::Ok();
}

Status SegmentReader::read_block(size_t entry, size_t block, FieldColumn* out) const {
  const SegmentEntry& e = entries_.at(entry);
  const BlockRef& blk = e.blocks.at(block);
  ++blocks_decoded_;
  Status s = encoding::decode_block(std::string_view(bytes_.data() + blk.offset, blk.length), out);
  if (!s.ok()) return damaged(name_, "block of " + e.key.measurement + " " + e.field + ": " + s.message());
  if (out->type != e.type) return damaged(name_, "block type differs from its index entry");
  return Status::Ok();
}

Status SegmentReader::read_block_stats(size_t entry, size_t block, encoding::BlockStats* out) const {
  const SegmentEntry& e = entries_.at(entry);
  const BlockRef& blk = e.blocks.at(block);
  Status s = encoding::read_block_stats(std::string_view(bytes_.data() + blk.offset, blk.length), out, false);
  if (!s.ok()) return damaged(name_, "block of " + e.key.measurement + " " + e.field + ": " + s.message());
  if (out->type != e.type || out->count != blk.count) return damaged(name_, "block header differs from its index entry");
  return Status::Ok();
}

}  // namespace tidewater::storage::segment
