// A block: up to ~1000 points of one series field, the unit segment files store.
//
//   byte    format version (0xB1)
//   byte    field type (model::FieldType)
//   varint  count
//   svarint min time, varint max time - min time (modulo 2^64)
//   stats   (count > 0, every type but string), so window aggregates over whole blocks never
//           decompress:
//             float:    fixed64 x 5: sum, min, max, first, last (IEEE bits; min/max skip NaN)
//             integer:  svarint x 5: sum (wrapping, as Go's int64), min, max, first, last
//             unsigned: varint  x 5: sum (wrapping), min, max, first, last
//             boolean:  varint number of trues, byte first | last << 1
//   varint  length, encoded timestamps (timestamp_encoder.h)
//   varint  length, encoded values (float/integer/unsigned/boolean/string_encoder.h)
//   fixed32 CRC-32C of every byte above
//
// decode_block and read_block_stats check the CRC first, then parse defensively: any input,
// however damaged, yields a Status, never a crash or an out-of-bounds read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/model/point.h"
#include "core/model/status.h"
#include "core/storage/series.h"

namespace tidewater::storage::encoding {

// The most points one block holds; encode_block stops there.
inline constexpr size_t kMaxBlockPoints = size_t{1} << 20;

struct BlockStats {
  model::FieldType type = model::FieldType::kFloat;
  size_t count = 0;
  int64_t min_time = 0;
  int64_t max_time = 0;
  // False for strings and empty blocks. Otherwise sum/min/max/first/last hold the field's own
  // type (double, int64_t, uint64_t), except booleans: sum is the number of trues (int64_t),
  // min/max/first/last are bools.
  bool has_values = false;
  model::FieldValue sum, min, max, first, last;
};

// Appends one block holding points [begin, end) of col (clamped to the column and to
// kMaxBlockPoints points). Returns the number of points written.
size_t encode_block(const FieldColumn& col, size_t begin, size_t end, std::string* out);

// Decodes a whole block: sets out->type and fills out->times and the type's value vector
// (the other value vectors are cleared).
Status decode_block(std::string_view block, FieldColumn* out);

// Reads only the header (type, count, time range, statistics); still checks the CRC unless
// verify_checksum is false (e.g. when the caller already verified the segment file).
Status read_block_stats(std::string_view block, BlockStats* out, bool verify_checksum = true);

}  // namespace tidewater::storage::encoding
