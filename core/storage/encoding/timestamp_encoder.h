// Timestamps (int64 nanoseconds, normally ascending). Header byte, varint count, then:
//   kRle   (0x11): svarint first, svarint delta                  (constant interval: the common case)
//   kDelta (0x12): svarint first, byte k, packed ints of the deltas / 10^k
//   kDod   (0x13): svarint first, byte k, packed ints of [d0, d1-d0, d2-d1, ...] / 10^k
// 10^k is the largest power of ten (k <= 18) dividing every delta (InfluxDB's trick: timestamps
// written in s or ms precision have deltas that are multiples of 10^9 or 10^6 ns). The encoder
// writes RLE when the interval is constant, otherwise the smaller of delta and delta-of-delta.
// Any int64 sequence round-trips (deltas wrap modulo 2^64; unsorted input only costs space).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/storage/encoding/common.h"

namespace tidewater::storage::encoding {

void encode_timestamps(std::span<const int64_t> times, std::string* out);
Status decode_timestamps(std::string_view in, std::vector<int64_t>* out, size_t max_count = kMaxDecodedValues);

}  // namespace tidewater::storage::encoding
