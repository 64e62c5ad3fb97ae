#include "core/storage/encoding/packed_ints.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <vector>

#include "core/storage/encoding/common.h"
#include "core/storage/encoding/simple8b.h"

namespace tidewater::storage::encoding {
namespace {

constexpr uint8_t kZigzagSimple8b = 0;
constexpr uint8_t kFrameOfReference = 1;

size_t varint_size(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

struct Frame {
  int64_t min = 0;
  uint32_t width = 0;
};

Frame frame_of(std::span<const int64_t> values) {
  Frame f;
  if (values.empty()) return f;
  int64_t lo = values[0], hi = values[0];
  for (int64_t v : values) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  f.min = lo;
  f.width = static_cast<uint32_t>(64 - std::countl_zero(static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo)));
  return f;
}

size_t packed_bytes(size_t n, uint32_t width) { return (n * width + 7) / 8; }

// 64 bits starting at byte `at` of p[0..size), zero past the end.
inline uint64_t load_padded(const char* p, size_t size, size_t at) {
  uint64_t x = 0;
  if (at + 8 <= size) {
    std::memcpy(&x, p + at, 8);
  } else if (at < size) {
    std::memcpy(&x, p + at, size - at);
  }
  return x;
}

thread_local std::vector<uint64_t> tl_zigzag;
thread_local std::string tl_s8b;

}  // namespace

size_t bitpack_for_size(std::span<const int64_t> values) {
  const Frame f = frame_of(values);
  return varint_size(util::zigzag(f.min)) + 1 + packed_bytes(values.size(), f.width);
}

void bitpack_for(std::span<const int64_t> values, std::string* out) {
  const Frame f = frame_of(values);
  put_svarint(out, f.min);
  out->push_back(static_cast<char>(f.width));
  const uint32_t w = f.width;
  if (w == 0 || values.empty()) return;
  const size_t start = out->size();
  out->resize(start + packed_bytes(values.size(), w));
  char* dst = out->data() + start;
  const uint64_t base = static_cast<uint64_t>(f.min);
  uint64_t acc = 0;
  uint32_t fill = 0;
  for (int64_t v : values) {
    const uint64_t u = static_cast<uint64_t>(v) - base;
    acc |= u << fill;
    fill += w;
    if (fill >= 64) {
      std::memcpy(dst, &acc, 8);
      dst += 8;
      fill -= 64;
      acc = fill ? u >> (w - fill) : 0;
    }
  }
  if (fill) std::memcpy(dst, &acc, (fill + 7) / 8);
}

bool bitunpack_for(std::string_view in, size_t count, int64_t* out) {
  Cursor r(in);
  int64_t min;
  uint8_t w;
  if (!r.svarint(&min) || !r.byte(&w) || w > 64) return false;
  const std::string_view data = r.rest();
  const uint64_t base = static_cast<uint64_t>(min);
  if (w == 0) {
    if (!data.empty()) return false;
    std::fill(out, out + count, min);
    return true;
  }
  if (count > (data.size() * 8) / w + 1) return false;  // keeps count * w from overflowing
  if (data.size() != packed_bytes(count, w)) return false;
  const char* p = data.data();
  const size_t size = data.size();
  const uint64_t mask = w == 64 ? ~uint64_t{0} : (uint64_t{1} << w) - 1;
  size_t bit = 0;
  size_t i = 0;
  // Fast part: every value whose 8-byte window (plus one byte for w > 56) is in range.
  for (; i < count; ++i, bit += w) {
    const size_t at = bit >> 3;
    if (at + 9 > size) break;
    const uint32_t sh = static_cast<uint32_t>(bit & 7);
    uint64_t x;
    std::memcpy(&x, p + at, 8);
    x >>= sh;
    if (sh + w > 64) x |= static_cast<uint64_t>(static_cast<unsigned char>(p[at + 8])) << (64 - sh);
    out[i] = static_cast<int64_t>(base + (x & mask));
  }
  for (; i < count; ++i, bit += w) {
    const size_t at = bit >> 3;
    const uint32_t sh = static_cast<uint32_t>(bit & 7);
    uint64_t x = load_padded(p, size, at) >> sh;
    if (sh + w > 64) x |= load_padded(p, size, at + 8) << (64 - sh);
    out[i] = static_cast<int64_t>(base + (x & mask));
  }
  return true;
}

void pack_ints(std::span<const int64_t> values, std::string* out) {
  const size_t n = values.size();
  // One pass: the frame, and a lower bound of the simple8b size (a value needing b bits takes
  // at least 1/slots(b) of a word, unless it repeats its predecessor and may sit in a run).
  const Frame f = frame_of(values);
  const size_t for_size = varint_size(util::zigzag(f.min)) + 1 + packed_bytes(n, f.width);
  uint64_t lower = 0;  // in 1/840 words: 840 is a multiple of every slot count
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && values[i] == values[i - 1]) continue;
    const uint32_t slots = simple8b_slots_for_bits(static_cast<uint32_t>(64 - std::countl_zero(util::zigzag(values[i]))));
    lower += slots ? 840 / slots : 840;  // a raw value takes a whole word
  }
  if (lower * 8 / 840 >= for_size) {
    out->push_back(static_cast<char>(kFrameOfReference));
    bitpack_for(values, out);
    return;
  }
  std::vector<uint64_t>& zz = tl_zigzag;
  zz.resize(n);
  for (size_t i = 0; i < n; ++i) zz[i] = util::zigzag(values[i]);
  std::string& s8b = tl_s8b;
  s8b.clear();
  simple8b_pack(zz, &s8b);
  if (for_size < s8b.size()) {
    out->push_back(static_cast<char>(kFrameOfReference));
    bitpack_for(values, out);
  } else {
    out->push_back(static_cast<char>(kZigzagSimple8b));
    out->append(s8b);
  }
}

bool unpack_ints(std::string_view in, size_t count, int64_t* out) {
  if (in.empty()) return false;
  const auto mode = static_cast<uint8_t>(in[0]);
  in.remove_prefix(1);
  if (mode == kFrameOfReference) return bitunpack_for(in, count, out);
  if (mode != kZigzagSimple8b) return false;
  auto* u = reinterpret_cast<uint64_t*>(out);  // int64_t and uint64_t may alias
  if (!simple8b_unpack(in, count, u)) return false;
  for (size_t i = 0; i < count; ++i) out[i] = util::unzigzag(u[i]);
  return true;
}

}  // namespace tidewater::storage::encoding
