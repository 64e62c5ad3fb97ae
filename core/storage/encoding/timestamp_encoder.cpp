#include "core/storage/encoding/timestamp_encoder.h"

#include <array>

#include "core/storage/encoding/packed_ints.h"

namespace tidewater::storage::encoding {
namespace {

constexpr uint8_t kRle = 0x11;
constexpr uint8_t kDelta = 0x12;
constexpr uint8_t kDod = 0x13;

constexpr std::array<int64_t, 19> make_pow10() {
  std::array<int64_t, 19> p{};
  p[0] = 1;
  for (size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}
constexpr auto kPow10 = make_pow10();

inline int64_t wrap_sub(int64_t a, int64_t b) { return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b)); }
inline int64_t wrap_add(int64_t a, int64_t b) { return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b)); }
inline int64_t wrap_mul(int64_t a, int64_t b) { return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b)); }

thread_local std::vector<int64_t> tl_deltas;
thread_local std::vector<int64_t> tl_dods;
thread_local std::string tl_alt;

void put_header(std::string* out, uint8_t kind, size_t count) {
  out->push_back(static_cast<char>(kind));
  util::put_varint(*out, count);
}

}  // namespace

void encode_timestamps(std::span<const int64_t> times, std::string* out) {
  const size_t n = times.size();
  if (n == 0) {
    put_header(out, kRle, 0);
    return;
  }
  std::vector<int64_t>& d = tl_deltas;
  d.resize(n - 1);
  bool constant = true;
  for (size_t i = 1; i < n; ++i) {
    d[i - 1] = wrap_sub(times[i], times[i - 1]);
    constant &= d[i - 1] == d[0];
  }
  if (constant) {
    put_header(out, kRle, n);
    put_svarint(out, times[0]);
    put_svarint(out, n > 1 ? d[0] : 0);
    return;
  }
  size_t k = kPow10.size() - 1;
  for (int64_t x : d) {
    while (k > 0 && x % kPow10[k] != 0) --k;
    if (k == 0) break;
  }
  if (k > 0) {
    for (auto& x : d) x /= kPow10[k];
  }
  std::vector<int64_t>& dd = tl_dods;
  dd.resize(d.size());
  dd[0] = d[0];
  for (size_t i = 1; i < d.size(); ++i) dd[i] = wrap_sub(d[i], d[i - 1]);

  const size_t start = out->size();
  put_header(out, kDelta, n);
  put_svarint(out, times[0]);
  out->push_back(static_cast<char>(k));
  const size_t body = out->size();
  pack_ints(d, out);
  std::string& alt = tl_alt;
  alt.clear();
  pack_ints(dd, &alt);
  if (alt.size() < out->size() - body) {
    (*out)[start] = static_cast<char>(kDod);
    out->resize(body);
    out->append(alt);
  }
}

Status decode_timestamps(std::string_view in, std::vector<int64_t>* out, size_t max_count) {
  Cursor r(in);
  uint8_t kind;
  uint64_t count;
  if (!r.byte(&kind) || !r.varint(&count)) return corrupt("timestamps: short header");
  if (count > max_count) return corrupt("timestamps: count too large");
  const size_t n = static_cast<size_t>(count);
  if (kind != kRle && kind != kDelta && kind != kDod) return corrupt("timestamps: unknown encoding");
  if (n == 0) {
    out->clear();
    return (kind == kRle && r.done()) ? Status::Ok() : corrupt("timestamps: bad empty block");
  }
  int64_t first;
  if (!r.svarint(&first)) return corrupt("timestamps: short header");
  if (kind == kRle) {
    int64_t delta;
    if (!r.svarint(&delta) || !r.done()) return corrupt("timestamps: bad run");
    out->resize(n);
    int64_t t = first;
    for (size_t i = 0; i < n; ++i) {
      (*out)[i] = t;
      t = wrap_add(t, delta);
    }
    return Status::Ok();
  }
  uint8_t k;
  if (!r.byte(&k) || k >= kPow10.size()) return corrupt("timestamps: bad scale");
  const int64_t scale = kPow10[k];
  out->resize(n);
  int64_t* t = out->data();
  if (!unpack_ints(r.rest(), n - 1, t + 1)) return corrupt("timestamps: bad packed deltas");
  t[0] = first;
  if (kind == kDelta) {
    for (size_t i = 1; i < n; ++i) t[i] = wrap_add(t[i - 1], wrap_mul(t[i], scale));
  } else {
    int64_t delta = 0;
    for (size_t i = 1; i < n; ++i) {
      delta = wrap_add(delta, t[i]);
      t[i] = wrap_add(t[i - 1], wrap_mul(delta, scale));
    }
  }
  return Status::Ok();
}

}  // namespace tidewater::storage::encoding
