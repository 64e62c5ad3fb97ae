// Shared pieces of the block encodings (core/storage/encoding).
//
// Conventions, the same in every encoding of this folder:
//   void   encode_xxx(std::span<const T> values, std::string* out);   // APPENDS to *out
//   Status decode_xxx(std::string_view in, std::vector<T>* out,       // REPLACES *out
//                     size_t max_count = kMaxDecodedValues);
// Every encoded form starts with a 1-byte header naming the sub-encoding (so decoders
// dispatch and formats can evolve; unknown headers are rejected), then the value count as a
// varint. A decoder consumes its input exactly (trailing bytes are an error) and is safe on
// arbitrary bytes: it returns a Status and never reads out of bounds, never overflows
// (signed arithmetic is done wrapping, in uint64), never allocates more than max_count values
// (a forged count cannot make it allocate gigabytes). On error, *out holds unspecified values.
// All multi-byte fixed-width fields are little-endian.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/model/status.h"
#include "core/util/coding.h"

namespace tidewater::storage::encoding {

// Default bound on the count a decoder accepts (blocks hold ~1000 points).
inline constexpr size_t kMaxDecodedValues = size_t{1} << 20;

inline Status corrupt(std::string_view what) {
  return Status(ErrorCode::kInternal, "corrupt encoded block: " + std::string(what));
}

// The bounds-checked reader of encoded forms: every getter returns false on short input.
using Cursor = util::ByteReader;

// libc++ 14 (the wasm build) has no std::bit_cast.
inline uint64_t double_bits(double v) {
  uint64_t u;
  std::memcpy(&u, &v, 8);
  return u;
}
inline double bits_double(uint64_t u) {
  double v;
  std::memcpy(&v, &u, 8);
  return v;
}

inline void put_svarint(std::string* out, int64_t v) { util::put_varint(*out, util::zigzag(v)); }

}  // namespace tidewater::storage::encoding
