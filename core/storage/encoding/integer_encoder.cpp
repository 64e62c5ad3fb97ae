#include "core/storage/encoding/integer_encoder.h"

#include "core/storage/encoding/packed_ints.h"

namespace tidewater::storage::encoding {
namespace {

constexpr uint8_t kRle = 1;
constexpr uint8_t kDelta = 2;
constexpr uint8_t kValues = 3;
constexpr uint8_t kIntegerBase = 0x30;

inline int64_t wrap_sub(int64_t a, int64_t b) { return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b)); }
inline int64_t wrap_add(int64_t a, int64_t b) { return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b)); }

thread_local std::vector<int64_t> tl_deltas;
thread_local std::string tl_alt;

}  // namespace

namespace detail {

void encode_int_family(std::span<const int64_t> values, uint8_t base, std::string* out) {
  const size_t n = values.size();
  const size_t start = out->size();
  out->push_back(static_cast<char>(base + kRle));
  util::put_varint(*out, n);
  if (n == 0) return;
  std::vector<int64_t>& d = tl_deltas;
  d.resize(n - 1);
  bool constant = true;
  for (size_t i = 1; i < n; ++i) {
    d[i - 1] = wrap_sub(values[i], values[i - 1]);
    constant &= d[i - 1] == d[0];
  }
  if (constant) {
    put_svarint(out, values[0]);
    put_svarint(out, n > 1 ? d[0] : 0);
    return;
  }
  (*out)[start] = static_cast<char>(base + kDelta);
  const size_t body = out->size();
  put_svarint(out, values[0]);
  pack_ints(d, out);
  std::string& alt = tl_alt;
  alt.clear();
  pack_ints(values, &alt);
  if (alt.size() < out->size() - body) {
    (*out)[start] = static_cast<char>(base + kValues);
    out->resize(body);
    out->append(alt);
  }
}

Status decode_int_family_count(std::string_view in, uint8_t base, size_t max_count, size_t* count) {
  Cursor r(in);
  uint8_t kind;
  uint64_t n;
  if (!r.byte(&kind) || !r.varint(&n)) return corrupt("integers: short header");
  if (kind != base + kRle && kind != base + kDelta && kind != base + kValues) return corrupt("integers: unknown encoding");
  if (n > max_count) return corrupt("integers: count too large");
  *count = static_cast<size_t>(n);
  return Status::Ok();
}

Status decode_int_family(std::string_view in, uint8_t base, size_t n, int64_t* out) {
  Cursor r(in);
  uint8_t kind;
  uint64_t count;
  if (!r.byte(&kind) || !r.varint(&count) || count != n) return corrupt("integers: short header");
  if (n == 0) return (kind == base + kRle && r.done()) ? Status::Ok() : corrupt("integers: bad empty block");
  if (kind == base + kValues) return unpack_ints(r.rest(), n, out) ? Status::Ok() : corrupt("integers: bad packed values");
  int64_t first;
  if (!r.svarint(&first)) return corrupt("integers: short header");
  if (kind == base + kRle) {
    int64_t delta;
    if (!r.svarint(&delta) || !r.done()) return corrupt("integers: bad run");
    int64_t v = first;
    for (size_t i = 0; i < n; ++i) {
      out[i] = v;
      v = wrap_add(v, delta);
    }
    return Status::Ok();
  }
  if (kind != base + kDelta) return corrupt("integers: unknown encoding");
  if (!unpack_ints(r.rest(), n - 1, out + 1)) return corrupt("integers: bad packed deltas");
  out[0] = first;
  for (size_t i = 1; i < n; ++i) out[i] = wrap_add(out[i - 1], out[i]);
  return Status::Ok();
}

}  // namespace detail

void encode_integers(std::span<const int64_t> values, std::string* out) {
  detail::encode_int_family(values, kIntegerBase, out);
}

Status decode_integers(std::string_view in, std::vector<int64_t>* out, size_t max_count) {
  size_t n = 0;
  Status st = detail::decode_int_family_count(in, kIntegerBase, max_count, &n);
  if (!st.ok()) return st;
  out->resize(n);
  return detail::decode_int_family(in, kIntegerBase, n, out->data());
}

}  // namespace tidewater::storage::encoding
