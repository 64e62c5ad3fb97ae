// Packing of int64 sequences, shared by the timestamp, integer, unsigned and float encoders.
//
// pack_ints writes one mode byte, then either
//   kZigzagSimple8b (0): simple8b words of zigzag(v)          (adapts per word: good with outliers)
//   kFrameOfReference (1): svarint min, width byte w (0..64), then ceil(n*w/8) bytes holding
//                          uint64(v) - uint64(min) in w bits each, LSB-first
//                          (exact widths: best for uniform data; w = 0 for a constant sequence)
// whichever is smaller. The count is stored by the caller; the packed form must be the tail of
// the caller's input (unpack_ints consumes its input exactly).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace tidewater::storage::encoding {

void pack_ints(std::span<const int64_t> values, std::string* out);
// Decodes exactly `count` values into out[0..count). False on malformed input.
bool unpack_ints(std::string_view in, size_t count, int64_t* out);

// Frame-of-reference bit-packing alone (no mode byte): the bytes after the mode byte above.
void bitpack_for(std::span<const int64_t> values, std::string* out);
bool bitunpack_for(std::string_view in, size_t count, int64_t* out);
// Bytes bitpack_for would write.
size_t bitpack_for_size(std::span<const int64_t> values);

}  // namespace tidewater::storage::encoding
