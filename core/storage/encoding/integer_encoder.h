// Integers (int64). Header byte, varint count, then:
//   kRle    (0x31): svarint first, svarint delta            (constant, or a constant step)
//   kDelta  (0x32): svarint first, packed ints of the deltas (counters, slowly moving gauges)
//   kValues (0x33): packed ints of the values                (uncorrelated values)
// Packed ints (packed_ints.h) are zigzag + simple8b or frame-of-reference bit-packing. The
// encoder writes RLE when it applies, otherwise the smaller of delta and values. Deltas wrap
// modulo 2^64, so INT64_MIN/INT64_MAX neighbours round-trip.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/storage/encoding/common.h"

namespace tidewater::storage::encoding {

void encode_integers(std::span<const int64_t> values, std::string* out);
Status decode_integers(std::string_view in, std::vector<int64_t>* out, size_t max_count = kMaxDecodedValues);

namespace detail {
// The integer format under a header base (0x30 integers, 0x40 unsigned), shared with unsigned_encoder.
void encode_int_family(std::span<const int64_t> values, uint8_t base, std::string* out);
// Reads the header and count (count <= max_count), then decodes into a caller-sized buffer.
Status decode_int_family_count(std::string_view in, uint8_t base, size_t max_count, size_t* count);
Status decode_int_family(std::string_view in, uint8_t base, size_t count, int64_t* out);
}  // namespace detail

}  // namespace tidewater::storage::encoding
