// Segment files: immutable, compressed, one per bucket, time shard and flush (or compaction).
//
//   fixed32 magic "TWSG" (kSegmentMagic)   fixed32 version (1)
//   blocks  encode_block() output, back to back (each ≤ 1000 points of one series field)
//   index   varint entry count, then per series field, in (series key, field key) order:
//             string measurement, varint tag count, (string key, string value)*,
//             string field key, byte field type, varint block count, then per block:
//             varint offset, varint length, svarint min time, svarint max time, varint count
//   footer  fixed64 index offset, fixed64 index length, fixed32 CRC-32C of the index,
//           fixed32 CRC-32C of every byte before the index (header + blocks),
//           fixed32 magic                                                  (28 bytes)
//
// The reader verifies both checksums when it opens a file, so a byte damaged anywhere makes
// the whole file fail to open (reported, skipped) instead of surfacing half-way through a
// query. Segment files are written once (to name.tmp, then renamed) and never modified:
// IDBFS persists a changed file by rewriting it whole.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/storage/series.h"

namespace tidewater::storage::segment {

inline constexpr uint32_t kSegmentMagic = 0x47535754;  // "TWSG" little-endian
inline constexpr uint32_t kSegmentVersion = 1;
inline constexpr size_t kHeaderSize = 8;
inline constexpr size_t kFooterSize = 28;
inline constexpr size_t kPointsPerBlock = 1000;

// The order series are kept in everywhere in storage: measurement, then tag key/value pairs,
// \0-separated so "cpu" sorts before "cpu2" (what InfluxDB's storage returns).
inline std::string series_id(const SeriesKey& key) {
  std::string id = key.measurement;
  for (const auto& t : key.tags) {
    id += '\0';
    id += t.key;
    id += '\0';
    id += t.value;
  }
  return id;
}

inline bool field_matches(std::string_view field, const SeriesFilter& filter) {
  return !filter.field || *filter.field == field;
}

// Copies value i of src (same type) to the end of dst.
inline void append_value(FieldColumn& dst, const FieldColumn& src, size_t i) {
  dst.times.push_back(src.times[i]);
  switch (src.type) {
    case model::FieldType::kFloat: dst.floats.push_back(src.floats[i]); break;
    case model::FieldType::kInteger: dst.integers.push_back(src.integers[i]); break;
    case model::FieldType::kUnsigned: dst.unsigneds.push_back(src.unsigneds[i]); break;
    case model::FieldType::kString: dst.strings.push_back(src.strings[i]); break;
    case model::FieldType::kBoolean: dst.booleans.push_back(src.booleans[i]); break;
  }
}

// Merges two time-sorted columns of one type; at equal times the newer value wins.
inline FieldColumn merge_columns(const FieldColumn& older, const FieldColumn& newer) {
  FieldColumn out;
  out.type = newer.type;
  size_t i = 0, j = 0;
  while (i < older.size() || j < newer.size()) {
    if (j == newer.size() || (i < older.size() && older.times[i] < newer.times[j])) {
      append_value(out, older, i++);
    } else {
      if (i < older.size() && older.times[i] == newer.times[j]) ++i;
      append_value(out, newer, j++);
    }
  }
  return out;
}

// Keeps only values whose time is not in [range.start, range.stop).
inline void remove_range(FieldColumn& col, const TimeRange& range) {
  FieldColumn out;
  out.type = col.type;
  for (size_t i = 0; i < col.size(); ++i) {
    if (col.times[i] < range.start || col.times[i] >= range.stop) append_value(out, col, i);
  }
  col = std::move(out);
}

}  // namespace tidewater::storage::segment
