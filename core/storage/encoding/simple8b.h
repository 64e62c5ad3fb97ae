// Simple-8b: packs unsigned 64-bit integers into 64-bit words (Anh & Moffat 2010), with two
// extensions of the classic table:
//
//   word = selector (top 4 bits) << 60 | payload (60 bits), stored little-endian
//   selector 1..14: N values of B bits each, value k in bits [k*B, (k+1)*B) of the payload
//                   N x B = 60x1 30x2 20x3 15x4 12x5 10x6 8x7 7x8 6x10 5x12 4x15 3x20 2x30 1x60
//   selector 0:     a run: payload = count (20 bits, >= 1) << 40 | value (< 2^40)
//                   (replaces the classic "240/120 zeros": any small value, up to 2^20-1 copies)
//   selector 15:    payload = k (>= 1); the k next words are raw 64-bit values (values >= 2^60)
//
// The stream does not store its length: the caller stores the count. The last packed word
// may be partial (slots past the count are zero and ignored); only the last one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/storage/encoding/common.h"

namespace tidewater::storage::encoding {

// Low level: appends the words packing `values` (no count, no header).
void simple8b_pack(std::span<const uint64_t> values, std::string* out);
// Low level: decodes exactly `count` values into out[0..count) from `in`, which must hold
// exactly the words that carry them. False on malformed or short/long input.
bool simple8b_unpack(std::string_view in, size_t count, uint64_t* out);

// How many values one word holds when the widest of them needs `bits` bits (0 when bits > 60:
// raw words). 8.0 / slots is a lower bound of a value's share of the output, outside runs.
uint32_t simple8b_slots_for_bits(uint32_t bits);

// Self-describing form: header byte, varint count, words.
void encode_simple8b(std::span<const uint64_t> values, std::string* out);
Status decode_simple8b(std::string_view in, std::vector<uint64_t>* out, size_t max_count = kMaxDecodedValues);

}  // namespace tidewater::storage::encoding
