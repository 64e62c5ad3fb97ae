#include "core/storage/encoding/string_encoder.h"

#include <unordered_map>

#include "core/storage/encoding/packed_ints.h"

namespace tidewater::storage::encoding {
namespace {

constexpr uint8_t kPlain = 0x61;
constexpr uint8_t kDictionary = 0x62;

size_t varint_size(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

thread_local std::unordered_map<std::string_view, uint32_t> tl_dict;
thread_local std::vector<std::string_view> tl_entries;
thread_local std::vector<int64_t> tl_indices;

}  // namespace

void encode_strings(std::span<const std::string> values, std::string* out) {
  const size_t n = values.size();
  size_t plain = 0;
  for (const auto& s : values) plain += varint_size(s.size()) + s.size();
  // A dictionary only when values repeat.
  auto& dict = tl_dict;
  auto& entries = tl_entries;
  auto& idx = tl_indices;
  dict.clear();
  entries.clear();
  idx.clear();
  bool use_dict = n >= 4;
  if (use_dict) {
    idx.reserve(n);
    for (const auto& s : values) {
      auto [it, inserted] = dict.try_emplace(std::string_view(s), static_cast<uint32_t>(entries.size()));
      if (inserted) {
        entries.push_back(s);
        if (entries.size() * 2 > n) {
          use_dict = false;
          break;
        }
      }
      idx.push_back(it->second);
    }
  }
  if (use_dict) {
    const size_t start = out->size();
    out->push_back(static_cast<char>(kDictionary));
    util::put_varint(*out, n);
    util::put_varint(*out, entries.size());
    for (std::string_view e : entries) util::put_string(*out, e);
    pack_ints(idx, out);
    if (out->size() - start <= 1 + varint_size(n) + plain) return;
    out->resize(start);
  }
  out->push_back(static_cast<char>(kPlain));
  util::put_varint(*out, n);
  for (const auto& s : values) util::put_varint(*out, s.size());
  for (const auto& s : values) out->append(s);
}

Status decode_strings(std::string_view in, std::vector<std::string>* out, size_t max_count) {
  Cursor r(in);
  uint8_t kind;
  uint64_t count;
  if (!r.byte(&kind) || !r.varint(&count)) return corrupt("strings: short header");
  if (count > max_count) return corrupt("strings: count too large");
  const auto n = static_cast<size_t>(count);
  if (kind == kPlain) {
    if (n > r.remaining()) return corrupt("strings: count exceeds input");
    Cursor lengths = r;
    uint64_t total = 0;
    for (size_t i = 0; i < n; ++i) {
      uint64_t len;
      if (!r.varint(&len) || len > r.remaining()) return corrupt("strings: bad length");
      total += len;
      if (total > in.size()) return corrupt("strings: lengths exceed input");
    }
    if (total != r.remaining()) return corrupt("strings: lengths do not match the data");
    out->resize(n);
    for (size_t i = 0; i < n; ++i) {
      uint64_t len = 0;
      std::string_view s;
      lengths.varint(&len);
      r.bytes(len, &s);
      (*out)[i].assign(s);
    }
    return Status::Ok();
  }
  if (kind != kDictionary) return corrupt("strings: unknown encoding");
  uint64_t m;
  if (!r.varint(&m) || m > r.remaining() || (n > 0 && m == 0) || m > n) return corrupt("strings: bad dictionary size");
  auto& entries = tl_entries;
  entries.clear();
  for (uint64_t j = 0; j < m; ++j) {
    std::string_view s;
    if (!r.section(&s)) return corrupt("strings: bad dictionary entry");
    entries.push_back(s);
  }
  auto& idx = tl_indices;
  idx.resize(n);
  if (!unpack_ints(r.rest(), n, idx.data())) return corrupt("strings: bad indices");
  for (int64_t i : idx) {
    if (i < 0 || static_cast<uint64_t>(i) >= m) return corrupt("strings: index out of range");
  }
  out->resize(n);
  for (size_t i = 0; i < n; ++i) (*out)[i].assign(entries[static_cast<size_t>(idx[i])]);
  return Status::Ok();
}

}  // namespace tidewater::storage::encoding
