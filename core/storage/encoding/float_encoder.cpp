#include "core/storage/encoding/float_encoder.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>

#include "core/storage/encoding/packed_ints.h"

namespace tidewater::storage::encoding {
namespace {

constexpr uint8_t kGorilla = 0x21;
constexpr uint8_t kDecimal = 0x22;
constexpr uint8_t kModeDelta = 0;
constexpr uint8_t kModeValues = 1;
constexpr int kMaxExponent = 18;

constexpr std::array<double, kMaxExponent + 1> make_pow10() {
  std::array<double, kMaxExponent + 1> p{};
  double x = 1;
  for (auto& v : p) {
    v = x;
    x *= 10;  // exact up to 1e22
  }
  return p;
}
constexpr auto kPow10 = make_pow10();
constexpr double kRoundLimit = 2251799813685248.0;   // 2^51
constexpr double kMagic = 6755399441055744.0;        // 2^52 + 2^51: (x + kMagic) - kMagic rounds x to an integer

inline uint64_t bits_of(double v) { return double_bits(v); }

// d with double(d) / 10^e == v bit-exactly, or false.
inline bool to_decimal(double v, int e, int64_t* d) {
  const double x = v * kPow10[e];
  if (!(std::fabs(x) < kRoundLimit)) return false;
  const auto r = static_cast<int64_t>((x + kMagic) - kMagic);  // round to nearest (never build with -ffast-math)
  if (bits_of(static_cast<double>(r) / kPow10[e]) != bits_of(v)) return false;
  *d = r;
  return true;
}

// The smallest exponent at which v is decimal, or -1.
inline int min_exponent(double v) {
  int64_t d;
  for (int e = 0; e <= kMaxExponent; ++e) {
    if (!(std::fabs(v * kPow10[e]) < kRoundLimit)) return -1;
    if (to_decimal(v, e, &d)) return e;
  }
  return -1;
}

constexpr size_t kSamples = 32;

// Picks the exponent for a block from a sample: an exception costs ~80 bits, one more decimal
// digit ~3.3 bits a value. Returns -1 when most of the sample is not decimal.
int choose_exponent(std::span<const double> values) {
  const size_t n = values.size();
  const size_t s = std::min(n, kSamples);
  std::array<int, kSamples> e{};
  std::array<int, kMaxExponent + 2> hist{};  // hist[e+1]
  for (size_t i = 0; i < s; ++i) {
    e[i] = min_exponent(values[(i * n) / s]);
    ++hist[static_cast<size_t>(e[i] + 1)];
    if (i == 7 && hist[0] == 8) return -1;
  }
  int best = -1;
  double best_cost = 0;
  size_t covered = 0;
  for (int c = 0; c <= kMaxExponent; ++c) {
    covered += static_cast<size_t>(hist[static_cast<size_t>(c + 1)]);
    if (hist[static_cast<size_t>(c + 1)] == 0) continue;
    const double cost = static_cast<double>(s - covered) * 80.0 + static_cast<double>(s) * 3.33 * c;
    if (best < 0 || cost < best_cost) {
      best = c;
      best_cost = cost;
    }
  }
  if (best < 0) return -1;
  size_t ok = 0;
  for (int c = 0; c <= best; ++c) ok += static_cast<size_t>(hist[static_cast<size_t>(c + 1)]);
  return ok * 2 >= s ? best : -1;
}

class BitWriter {
 public:
  explicit BitWriter(char* p) : p_(p) {}
  // n in 1..64; v < 2^n.
  void put(uint64_t v, uint32_t n) {
    acc_ |= v << fill_;
    const uint32_t nf = fill_ + n;
    if (nf >= 64) {
      std::memcpy(p_, &acc_, 8);
      p_ += 8;
      acc_ = fill_ ? v >> (64 - fill_) : 0;
      fill_ = nf - 64;
    } else {
      fill_ = nf;
    }
  }
  char* finish() {
    const uint32_t bytes = (fill_ + 7) / 8;
    std::memcpy(p_, &acc_, bytes);
    return p_ + bytes;
  }

 private:
  char* p_;
  uint64_t acc_ = 0;
  uint32_t fill_ = 0;
};

class BitReader {
 public:
  explicit BitReader(std::string_view in) : p_(in.data()), size_(in.size()), total_(static_cast<uint64_t>(in.size()) * 8) {}
  // n in 1..64.
  bool get(uint32_t n, uint64_t* v) {
    if (total_ - pos_ < n) return false;
    const size_t at = static_cast<size_t>(pos_ >> 3);
    const uint32_t sh = static_cast<uint32_t>(pos_ & 7);
    uint64_t x = load(at) >> sh;
    if (sh + n > 64) x |= load(at + 8) << (64 - sh);
    *v = n == 64 ? x : x & ((uint64_t{1} << n) - 1);
    pos_ += n;
    return true;
  }
  // Every bit consumed, up to the padding of the last byte.
  bool done() const { return (pos_ + 7) / 8 == size_; }

 private:
  uint64_t load(size_t at) const {
    uint64_t x = 0;
    if (at + 8 <= size_) {
      std::memcpy(&x, p_ + at, 8);
    } else if (at < size_) {
      std::memcpy(&x, p_ + at, size_ - at);
    }
    return x;
  }
  const char* p_;
  size_t size_;
  uint64_t total_;
  uint64_t pos_ = 0;
};

thread_local std::vector<int64_t> tl_ints;
thread_local std::vector<int64_t> tl_deltas;
thread_local std::vector<uint32_t> tl_exceptions;
thread_local std::string tl_alt;

void put_header(std::string* out, uint8_t kind, size_t count) {
  out->push_back(static_cast<char>(kind));
  util::put_varint(*out, count);
}

Status decode_gorilla(Cursor& r, size_t n, double* out) {
  BitReader br(r.rest());
  if (n == 0) return br.done() ? Status::Ok() : corrupt("floats: trailing bytes");
  uint64_t prev;
  if (!br.get(64, &prev)) return corrupt("floats: short gorilla stream");
  out[0] = bits_double(prev);
  uint32_t lead = 64, trail = 0;  // lead == 64: no window yet
  for (size_t i = 1; i < n; ++i) {
    uint64_t c;
    if (!br.get(1, &c)) return corrupt("floats: short gorilla stream");
    if (c) {
      if (!br.get(1, &c)) return corrupt("floats: short gorilla stream");
      if (c) {
        uint64_t h;
        if (!br.get(11, &h)) return corrupt("floats: short gorilla stream");
        lead = static_cast<uint32_t>(h & 31);
        const uint32_t len = static_cast<uint32_t>(h >> 5) + 1;
        if (lead + len > 64) return corrupt("floats: bad gorilla window");
        trail = 64 - lead - len;
      } else if (lead == 64) {
        return corrupt("floats: gorilla window used before set");
      }
      uint64_t x;
      if (!br.get(64 - lead - trail, &x)) return corrupt("floats: short gorilla stream");
      prev ^= x << trail;
    }
    out[i] = bits_double(prev);
  }
  return br.done() ? Status::Ok() : corrupt("floats: trailing bytes");
}

Status decode_decimal(Cursor& r, size_t n, double* out) {
  uint8_t e, mode;
  uint64_t k;
  if (!r.byte(&e) || !r.byte(&mode) || !r.varint(&k)) return corrupt("floats: short decimal header");
  if (e > kMaxExponent || (mode != kModeDelta && mode != kModeValues) || k > n)
    return corrupt("floats: bad decimal header");
  // Exceptions come first in the stream but are applied last.
  const std::string_view exceptions = r.rest();
  size_t pos = 0;
  for (uint64_t j = 0; j < k; ++j) {
    uint64_t gap, raw;
    if (!r.varint(&gap) || !r.fixed64(&raw)) return corrupt("floats: short exceptions");
    if (gap >= n - pos) return corrupt("floats: bad exception position");
    pos += static_cast<size_t>(gap) + 1;
  }
  std::vector<int64_t>& d = tl_ints;
  d.resize(n);
  if (n > 0) {
    if (mode == kModeDelta) {
      if (!r.svarint(&d[0]) || !unpack_ints(r.rest(), n - 1, d.data() + 1)) return corrupt("floats: bad packed integers");
      for (size_t i = 1; i < n; ++i) d[i] = static_cast<int64_t>(static_cast<uint64_t>(d[i - 1]) + static_cast<uint64_t>(d[i]));
    } else if (!unpack_ints(r.rest(), n, d.data())) {
      return corrupt("floats: bad packed integers");
    }
  } else if (!r.done()) {
    return corrupt("floats: trailing bytes");
  }
  const double p = kPow10[e];
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<double>(d[i]) / p;
  Cursor x(exceptions);
  pos = 0;
  for (uint64_t j = 0; j < k; ++j) {
    uint64_t gap = 0, raw = 0;
    x.varint(&gap);
    x.fixed64(&raw);
    pos += static_cast<size_t>(gap) + (j ? 1 : 0);
    out[pos] = bits_double(raw);
  }
  return Status::Ok();
}

}  // namespace

void encode_floats_gorilla(std::span<const double> values, std::string* out) {
  const size_t n = values.size();
  put_header(out, kGorilla, n);
  if (n == 0) return;
  const size_t start = out->size();
  out->resize(start + 8 + (n * 77 + 7) / 8 + 8);  // worst case: 2+11+64 bits a value
  BitWriter w(out->data() + start);
  uint64_t prev = bits_of(values[0]);
  w.put(prev, 64);
  uint32_t lead = 64, trail = 0;
  for (size_t i = 1; i < n; ++i) {
    const uint64_t cur = bits_of(values[i]);
    const uint64_t x = cur ^ prev;
    prev = cur;
    if (x == 0) {
      w.put(0, 1);
      continue;
    }
    const uint32_t lz = std::min<uint32_t>(static_cast<uint32_t>(std::countl_zero(x)), 31);
    const uint32_t tz = static_cast<uint32_t>(std::countr_zero(x));
    if (lead != 64 && lz >= lead && tz >= trail) {
      w.put(0b01, 2);
      w.put(x >> trail, 64 - lead - trail);
    } else {
      lead = lz;
      trail = tz;
      const uint32_t len = 64 - lz - tz;
      w.put(0b11 | (lz << 2) | ((len - 1) << 7), 13);
      w.put(x >> tz, len);
    }
  }
  char* end = w.finish();
  out->resize(static_cast<size_t>(end - out->data()));
}

static void encode_decimal(std::span<const double> values, int e, std::string* out) {
  const size_t n = values.size();
  std::vector<int64_t>& d = tl_ints;
  std::vector<uint32_t>& exc = tl_exceptions;
  d.resize(n);
  exc.clear();
  bool have = false;
  int64_t last = 0;
  for (size_t i = 0; i < n; ++i) {
    int64_t v;
    if (to_decimal(values[i], e, &v)) {
      if (!have) {
        for (size_t j = 0; j < i; ++j) d[j] = v;  // leading exceptions take the first integer
        have = true;
      }
      last = v;
    } else {
      exc.push_back(static_cast<uint32_t>(i));
    }
    d[i] = last;
  }
  put_header(out, kDecimal, n);
  out->push_back(static_cast<char>(e));
  const size_t mode_at = out->size();
  out->push_back(static_cast<char>(kModeDelta));
  util::put_varint(*out, exc.size());
  uint32_t prev = 0;
  for (size_t j = 0; j < exc.size(); ++j) {
    util::put_varint(*out, exc[j] - prev - (j ? 1 : 0));
    util::put_fixed64(*out, bits_of(values[exc[j]]));
    prev = exc[j];
  }
  if (n == 0) return;
  std::vector<int64_t>& delta = tl_deltas;
  delta.resize(n - 1);
  for (size_t i = 1; i < n; ++i) delta[i - 1] = static_cast<int64_t>(static_cast<uint64_t>(d[i]) - static_cast<uint64_t>(d[i - 1]));
  const size_t body = out->size();
  put_svarint(out, d[0]);
  pack_ints(delta, out);
  // Uncorrelated values: frame of reference over the integers themselves may be smaller.
  if (1 + bitpack_for_size(d) < out->size() - body) {
    std::string& alt = tl_alt;
    alt.clear();
    pack_ints(d, &alt);
    if (alt.size() < out->size() - body) {
      (*out)[mode_at] = static_cast<char>(kModeValues);
      out->resize(body);
      out->append(alt);
    }
  }
}

void encode_floats_decimal(std::span<const double> values, std::string* out) {
  encode_decimal(values, std::max(choose_exponent(values), 0), out);
}

void encode_floats(std::span<const double> values, std::string* out) {
  const size_t n = values.size();
  const int e = n == 0 ? -1 : choose_exponent(values);
  if (e < 0) {
    encode_floats_gorilla(values, out);
    return;
  }
  const size_t start = out->size();
  encode_decimal(values, e, out);
  const size_t decimal_size = out->size() - start;
  // Gorilla needs at least 64 + (n - 1) bits: skip it when it cannot win.
  if (decimal_size <= 1 + 5 + (64 + n - 1) / 8) return;
  std::string& alt = tl_alt;
  alt.clear();
  encode_floats_gorilla(values, &alt);
  if (alt.size() < decimal_size) {
    out->resize(start);
    out->append(alt);
  }
}

Status decode_floats(std::string_view in, std::vector<double>* out, size_t max_count) {
  Cursor r(in);
  uint8_t kind;
  uint64_t count;
  if (!r.byte(&kind) || !r.varint(&count)) return corrupt("floats: short header");
  if (count > max_count) return corrupt("floats: count too large");
  const auto n = static_cast<size_t>(count);
  if (kind != kGorilla && kind != kDecimal) return corrupt("floats: unknown encoding");
  out->resize(n);
  return kind == kGorilla ? decode_gorilla(r, n, out->data()) : decode_decimal(r, n, out->data());
}

}  // namespace tidewater::storage::encoding
