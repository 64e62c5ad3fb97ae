#include "core/storage/encoding/boolean_encoder.h"

namespace tidewater::storage::encoding {
namespace {
constexpr uint8_t kConstant = 0x51;
constexpr uint8_t kBitPacked = 0x52;
}  // namespace

void encode_booleans(std::span<const uint8_t> values, std::string* out) {
  const size_t n = values.size();
  bool all_true = true, all_false = true;
  for (uint8_t v : values) {
    all_true &= v != 0;
    all_false &= v == 0;
  }
  if (all_true || all_false) {
    out->push_back(static_cast<char>(kConstant));
    util::put_varint(*out, n);
    if (n) out->push_back(all_true ? 1 : 0);
    return;
  }
  out->push_back(static_cast<char>(kBitPacked));
  util::put_varint(*out, n);
  const size_t start = out->size();
  out->resize(start + (n + 7) / 8);
  auto* p = reinterpret_cast<unsigned char*>(out->data() + start);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    unsigned b = 0;
    for (unsigned k = 0; k < 8; ++k) b |= (values[i + k] != 0 ? 1u : 0u) << k;
    *p++ = static_cast<unsigned char>(b);
  }
  if (i < n) {
    unsigned b = 0;
    for (unsigned k = 0; i + k < n; ++k) b |= (values[i + k] != 0 ? 1u : 0u) << k;
    *p = static_cast<unsigned char>(b);
  }
}

Status decode_booleans(std::string_view in, std::vector<uint8_t>* out, size_t max_count) {
  Cursor r(in);
  uint8_t kind;
  uint64_t count;
  if (!r.byte(&kind) || !r.varint(&count)) return corrupt("booleans: short header");
  if (count > max_count) return corrupt("booleans: count too large");
  const auto n = static_cast<size_t>(count);
  if (kind == kConstant) {
    uint8_t v = 0;
    if (n && (!r.byte(&v) || v > 1)) return corrupt("booleans: bad constant");
    if (!r.done()) return corrupt("booleans: trailing bytes");
    out->assign(n, v);
    return Status::Ok();
  }
  if (kind != kBitPacked) return corrupt("booleans: unknown encoding");
  if (r.remaining() != (n + 7) / 8) return corrupt("booleans: wrong length");
  const auto* p = reinterpret_cast<const unsigned char*>(r.rest().data());
  out->resize(n);
  uint8_t* o = out->data();
  for (size_t i = 0; i < n; ++i) o[i] = (p[i >> 3] >> (i & 7)) & 1;
  return Status::Ok();
}

}  // namespace tidewater::storage::encoding
