#include "core/storage/encoding/unsigned_encoder.h"

#include "core/storage/encoding/integer_encoder.h"

namespace tidewater::storage::encoding {
namespace {
constexpr uint8_t kUnsignedBase = 0x40;
}  // namespace

// uint64_t and int64_t may alias each other: the integer codec works on the same bits.
void encode_unsigneds(std::span<const uint64_t> values, std::string* out) {
  detail::encode_int_family(std::span<const int64_t>(reinterpret_cast<const int64_t*>(values.data()), values.size()),
                            kUnsignedBase, out);
}

Status decode_unsigneds(std::string_view in, std::vector<uint64_t>* out, size_t max_count) {
  size_t n = 0;
  Status st = detail::decode_int_family_count(in, kUnsignedBase, max_count, &n);
  if (!st.ok()) return st;
  out->resize(n);
  return detail::decode_int_family(in, kUnsignedBase, n, reinterpret_cast<int64_t*>(out->data()));
}

}  // namespace tidewater::storage::encoding
