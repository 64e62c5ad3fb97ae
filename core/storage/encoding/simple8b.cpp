#include "core/storage/encoding/simple8b.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "core/util/coding.h"

namespace tidewater::storage::encoding {
namespace {

constexpr uint8_t kHeaderSimple8b = 1;

constexpr std::array<uint32_t, 16> kN = {0, 60, 30, 20, 15, 12, 10, 8, 7, 6, 5, 4, 3, 2, 1, 0};
constexpr std::array<uint32_t, 16> kB = {0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 30, 60, 0};
constexpr uint64_t kRunValueLimit = uint64_t{1} << 40;
constexpr size_t kMaxRun = (size_t{1} << 20) - 1;
constexpr uint64_t kRawLimit = uint64_t{1} << 60;
constexpr size_t kMaxRaw = (size_t{1} << 20) - 1;

// The narrowest selector whose width holds `bits` bits (bits in 0..60).
constexpr std::array<uint8_t, 61> make_sel_for_bits() {
  std::array<uint8_t, 61> t{};
  for (uint32_t b = 0; b <= 60; ++b) {
    uint8_t s = 1;
    while (kB[s] < b) ++s;
    t[b] = s;
  }
  return t;
}
constexpr auto kSelForBits = make_sel_for_bits();

inline uint32_t bits_of(uint64_t v) { return static_cast<uint32_t>(64 - std::countl_zero(v)); }

inline void put_word(std::string* out, uint64_t w) {
  char b[8];
  std::memcpy(b, &w, 8);  // wasm and x86-64 are little-endian
  out->append(b, 8);
}

inline uint64_t load_word(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

template <uint32_t N, uint32_t B>
inline void unpack_word(uint64_t w, uint64_t* out, size_t take) {
  constexpr uint64_t mask = (B == 64) ? ~uint64_t{0} : ((uint64_t{1} << B) - 1);
  if (take == N) {
    for (uint32_t k = 0; k < N; ++k) out[k] = (w >> (k * B)) & mask;
  } else {
    for (uint32_t k = 0; k < take; ++k) out[k] = (w >> (k * B)) & mask;
  }
}

}  // namespace

uint32_t simple8b_slots_for_bits(uint32_t bits) { return bits > 60 ? 0 : kN[kSelForBits[bits]]; }

void simple8b_pack(std::span<const uint64_t> values, std::string* out) {
  const size_t n = values.size();
  const uint64_t* in = values.data();
  size_t i = 0;
  while (i < n) {
    const uint64_t v = in[i];
    // A run longer than one packed word can hold becomes one run word.
    if (v < kRunValueLimit && i + 1 < n && in[i + 1] == v) {
      const size_t cap = kN[kSelForBits[bits_of(v)]];
      const size_t limit = std::min(n - i, kMaxRun);
      size_t r = 2;
      while (r < limit && in[i + r] == v) ++r;
      if (r > cap) {
        put_word(out, (uint64_t{0} << 60) | (static_cast<uint64_t>(r) << 40) | v);
        i += r;
        continue;
      }
    }
    if (v >= kRawLimit) {
      size_t k = 1;
      const size_t limit = std::min(n - i, kMaxRaw);
      while (k < limit && in[i + k] >= kRawLimit) ++k;
      put_word(out, (uint64_t{15} << 60) | k);
      for (size_t j = 0; j < k; ++j) put_word(out, in[i + j]);
      i += k;
      continue;
    }
    // Take values while the widest so far still leaves room for one more.
    uint32_t m = 0;
    size_t cnt = 0;
    const size_t rem = n - i;
    while (cnt < rem && cnt < 60) {
      const uint64_t x = in[i + cnt];
      if (x >= kRawLimit) break;
      const uint32_t nm = std::max(m, bits_of(x));
      if (cnt + 1 > kN[kSelForBits[nm]]) break;
      m = nm;
      ++cnt;
    }
    uint32_t sel = kSelForBits[m];
    if (cnt < kN[sel] && cnt < rem) {
      // Stopped early, not at the end: use the narrowest selector with N <= cnt.
      while (kN[sel] > cnt) ++sel;
    }
    const uint32_t take = static_cast<uint32_t>(std::min<size_t>(kN[sel], rem));
    const uint32_t b = kB[sel];
    uint64_t w = static_cast<uint64_t>(sel) << 60;
    for (uint32_t k = 0; k < take; ++k) w |= in[i + k] << (k * b);
    put_word(out, w);
    i += take;
  }
}

bool simple8b_unpack(std::string_view in, size_t count, uint64_t* out) {
  if (in.size() % 8 != 0) return false;
  const char* p = in.data();
  const char* end = p + in.size();
  size_t i = 0;
  while (i < count) {
    if (p == end) return false;
    const uint64_t w = load_word(p);
    p += 8;
    const size_t rem = count - i;
    const uint32_t sel = static_cast<uint32_t>(w >> 60);
    switch (sel) {
      case 0: {
        const size_t r = static_cast<size_t>((w >> 40) & 0xFFFFF);
        const uint64_t v = w & (kRunValueLimit - 1);
        if (r == 0 || r > rem) return false;
        std::fill(out + i, out + i + r, v);
        i += r;
        break;
      }
      case 15: {
        const uint64_t k = w & (kRawLimit - 1);
        if (k == 0 || k > rem || k > static_cast<uint64_t>(end - p) / 8) return false;
        std::memcpy(out + i, p, static_cast<size_t>(k) * 8);
        p += k * 8;
        i += static_cast<size_t>(k);
        break;
      }
#define TW_S8B_CASE(S)                                                \
  case S: {                                                           \
    const size_t take = std::min<size_t>(kN[S], rem);                 \
    unpack_word<kN[S], kB[S]>(w, out + i, take);                      \
    i += take;                                                        \
    break;                                                            \
  }
        TW_S8B_CASE(1)
        TW_S8B_CASE(2)
        TW_S8B_CASE(3)
        TW_S8B_CASE(4)
        TW_S8B_CASE(5)
        TW_S8B_CASE(6)
        TW_S8B_CASE(7)
        TW_S8B_CASE(8)
        TW_S8B_CASE(9)
        TW_S8B_CASE(10)
        TW_S8B_CASE(11)
        TW_S8B_CASE(12)
        TW_S8B_CASE(13)
        TW_S8B_CASE(14)
#undef TW_S8B_CASE
    }
  }
  return p == end;
}

void encode_simple8b(std::span<const uint64_t> values, std::string* out) {
  out->push_back(static_cast<char>(kHeaderSimple8b));
  util::put_varint(*out, values.size());
  simple8b_pack(values, out);
}

Status decode_simple8b(std::string_view in, std::vector<uint64_t>* out, size_t max_count) {
  Cursor r(in);
  uint8_t header;
  uint64_t count;
  if (!r.byte(&header) || !r.varint(&count)) return corrupt("simple8b: short header");
  if (header != kHeaderSimple8b) return corrupt("simple8b: unknown header");
  if (count > max_count) return corrupt("simple8b: count too large");
  out->resize(static_cast<size_t>(count));
  if (!simple8b_unpack(r.rest(), static_cast<size_t>(count), out->data()))
    return corrupt("simple8b: malformed words");
  return Status::Ok();
}

}  // namespace tidewater::storage::encoding
