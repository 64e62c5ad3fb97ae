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

// A bounds-checked reader over an encoded form. Like util::ByteReader (same varint format,
// written by util::put_varint), plus what decoders of nested sections need: the position
// (`rest()`) and sub-ranges (`bytes(n)`). Every getter returns false on short input.
class Cursor {
 public:
  explicit Cursor(std::string_view in) : p_(in.data()), end_(in.data() + in.size()) {}

  bool byte(uint8_t* b) {
    if (p_ == end_) return false;
    *b = static_cast<uint8_t>(*p_++);
    return true;
  }
  bool varint(uint64_t* v) {
    uint64_t r = 0;
    for (int shift = 0; shift < 64 && p_ < end_; shift += 7) {
      const auto b = static_cast<unsigned char>(*p_++);
      r |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (b < 0x80) {
        *v = r;
        return true;
      }
    }
    return false;
  }
  bool svarint(int64_t* v) {
    uint64_t u;
    if (!varint(&u)) return false;
    *v = util::unzigzag(u);
    return true;
  }
  bool fixed64(uint64_t* v) {
    if (end_ - p_ < 8) return false;
    std::memcpy(v, p_, 8);  // wasm and x86-64 are little-endian
    p_ += 8;
    return true;
  }
  bool fixed32(uint32_t* v) {
    if (end_ - p_ < 4) return false;
    *v = util::decode_fixed32(p_);
    p_ += 4;
    return true;
  }
  bool bytes(uint64_t n, std::string_view* s) {
    if (n > static_cast<uint64_t>(end_ - p_)) return false;
    *s = std::string_view(p_, static_cast<size_t>(n));
    p_ += n;
    return true;
  }
  // A varint length, then that many bytes.
  bool section(std::string_view* s) {
    uint64_t n;
    return varint(&n) && bytes(n, s);
  }
  std::string_view rest() const { return std::string_view(p_, static_cast<size_t>(end_ - p_)); }
  size_t remaining() const { return static_cast<size_t>(end_ - p_); }
  bool done() const { return p_ == end_; }

 private:
  const char* p_;
  const char* end_;
};

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
