#include "core/storage/encoding/block.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "core/storage/encoding/boolean_encoder.h"
#include "core/storage/encoding/common.h"
#include "core/storage/encoding/float_encoder.h"
#include "core/storage/encoding/integer_encoder.h"
#include "core/storage/encoding/string_encoder.h"
#include "core/storage/encoding/timestamp_encoder.h"
#include "core/storage/encoding/unsigned_encoder.h"
#include "core/util/crc32c.h"

namespace tidewater::storage::encoding {
namespace {

using model::FieldType;

constexpr uint8_t kVersion = 0xB1;

size_t values_size(const FieldColumn& col) {
  switch (col.type) {
    case FieldType::kFloat: return col.floats.size();
    case FieldType::kInteger: return col.integers.size();
    case FieldType::kUnsigned: return col.unsigneds.size();
    case FieldType::kString: return col.strings.size();
    case FieldType::kBoolean: return col.booleans.size();
  }
  return 0;
}

void put_float_stats(std::span<const double> v, std::string* out) {
  double sum = 0;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  bool any = false;
  for (double x : v) {
    sum += x;
    if (x == x) {
      any = true;
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
  }
  if (!any) lo = hi = std::numeric_limits<double>::quiet_NaN();
  for (double x : {sum, lo, hi, v.front(), v.back()}) util::put_fixed64(*out, double_bits(x));
}

void put_integer_stats(std::span<const int64_t> v, std::string* out) {
  uint64_t sum = 0;
  int64_t lo = v[0], hi = v[0];
  for (int64_t x : v) {
    sum += static_cast<uint64_t>(x);
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  }
  for (int64_t x : {static_cast<int64_t>(sum), lo, hi, v.front(), v.back()}) put_svarint(out, x);
}

void put_unsigned_stats(std::span<const uint64_t> v, std::string* out) {
  uint64_t sum = 0, lo = v[0], hi = v[0];
  for (uint64_t x : v) {
    sum += x;
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  }
  for (uint64_t x : {sum, lo, hi, v.front(), v.back()}) util::put_varint(*out, x);
}

void put_boolean_stats(std::span<const uint8_t> v, std::string* out) {
  uint64_t trues = 0;
  for (uint8_t x : v) trues += x != 0;
  util::put_varint(*out, trues);
  out->push_back(static_cast<char>((v.front() != 0 ? 1 : 0) | (v.back() != 0 ? 2 : 0)));
}

// Encodes into `out` as a length-prefixed section, without a temporary copy: the length is
// written after the fact (moving the bytes only when it needs more than two varint bytes).
template <typename Fn>
void put_section(std::string* out, Fn fn) {
  const size_t at = out->size();
  out->append(2, '\0');
  fn(out);
  const size_t len = out->size() - at - 2;
  if (len < (1u << 14)) {
    (*out)[at] = static_cast<char>(0x80 | (len & 0x7F));
    (*out)[at + 1] = static_cast<char>(len >> 7);
  } else {
    std::string prefix;
    util::put_varint(prefix, len);
    out->replace(at, 2, prefix);
  }
}

struct Header {
  FieldType type;
  size_t count;
  int64_t min_time, max_time;
};

Status parse_header(Cursor& r, Header* h, BlockStats* stats) {
  uint8_t version, type;
  uint64_t count, span;
  int64_t min_time;
  if (!r.byte(&version) || !r.byte(&type) || !r.varint(&count) || !r.svarint(&min_time) || !r.varint(&span))
    return corrupt("block: short header");
  if (version != kVersion) return corrupt("block: unknown version");
  if (type > static_cast<uint8_t>(FieldType::kBoolean)) return corrupt("block: unknown field type");
  if (count > kMaxBlockPoints) return corrupt("block: count too large");
  h->type = static_cast<FieldType>(type);
  h->count = static_cast<size_t>(count);
  h->min_time = min_time;
  h->max_time = static_cast<int64_t>(static_cast<uint64_t>(min_time) + span);
  if (stats) {
    stats->type = h->type;
    stats->count = h->count;
    stats->min_time = h->min_time;
    stats->max_time = h->max_time;
    stats->has_values = false;
  }
  if (count == 0 || h->type == FieldType::kString) return Status::Ok();
  switch (h->type) {
    case FieldType::kFloat: {
      uint64_t v[5];
      for (auto& x : v)
        if (!r.fixed64(&x)) return corrupt("block: short statistics");
      if (stats) {
        stats->sum = bits_double(v[0]);
        stats->min = bits_double(v[1]);
        stats->max = bits_double(v[2]);
        stats->first = bits_double(v[3]);
        stats->last = bits_double(v[4]);
      }
      break;
    }
    case FieldType::kInteger: {
      int64_t v[5];
      for (auto& x : v)
        if (!r.svarint(&x)) return corrupt("block: short statistics");
      if (stats) {
        stats->sum = v[0];
        stats->min = v[1];
        stats->max = v[2];
        stats->first = v[3];
        stats->last = v[4];
      }
      break;
    }
    case FieldType::kUnsigned: {
      uint64_t v[5];
      for (auto& x : v)
        if (!r.varint(&x)) return corrupt("block: short statistics");
      if (stats) {
        stats->sum = v[0];
        stats->min = v[1];
        stats->max = v[2];
        stats->first = v[3];
        stats->last = v[4];
      }
      break;
    }
    case FieldType::kBoolean: {
      uint64_t trues;
      uint8_t ends;
      if (!r.varint(&trues) || !r.byte(&ends)) return corrupt("block: short statistics");
      if (trues > count || ends > 3) return corrupt("block: bad boolean statistics");
      if (stats) {
        stats->sum = static_cast<int64_t>(trues);
        stats->min = trues == count;
        stats->max = trues > 0;
        stats->first = (ends & 1) != 0;
        stats->last = (ends & 2) != 0;
      }
      break;
    }
    case FieldType::kString:
      break;
  }
  if (stats) stats->has_values = true;
  return Status::Ok();
}

Status check_crc(std::string_view block) {
  if (block.size() < 4) return corrupt("block: too short");
  const std::string_view body = block.substr(0, block.size() - 4);
  if (util::crc32c(body) != util::decode_fixed32(block.data() + body.size())) return corrupt("block: checksum mismatch");
  return Status::Ok();
}

}  // namespace

size_t encode_block(const FieldColumn& col, size_t begin, size_t end, std::string* out) {
  end = std::min({end, col.times.size(), values_size(col)});
  begin = std::min(begin, end);
  end = std::min(end, begin + kMaxBlockPoints);
  const size_t n = end - begin;
  const size_t start = out->size();
  out->push_back(static_cast<char>(kVersion));
  out->push_back(static_cast<char>(col.type));
  util::put_varint(*out, n);
  const std::span<const int64_t> times(col.times.data() + begin, n);
  int64_t min_time = 0, max_time = 0;
  if (n) {
    const auto [lo, hi] = std::minmax_element(times.begin(), times.end());
    min_time = *lo;
    max_time = *hi;
  }
  put_svarint(out, min_time);
  util::put_varint(*out, static_cast<uint64_t>(max_time) - static_cast<uint64_t>(min_time));
  if (n) {
    switch (col.type) {
      case FieldType::kFloat: put_float_stats({col.floats.data() + begin, n}, out); break;
      case FieldType::kInteger: put_integer_stats({col.integers.data() + begin, n}, out); break;
      case FieldType::kUnsigned: put_unsigned_stats({col.unsigneds.data() + begin, n}, out); break;
      case FieldType::kBoolean: put_boolean_stats({col.booleans.data() + begin, n}, out); break;
      case FieldType::kString: break;
    }
  }
  put_section(out, [&](std::string* o) { encode_timestamps(times, o); });
  put_section(out, [&](std::string* o) {
    switch (col.type) {
      case FieldType::kFloat: encode_floats({col.floats.data() + begin, n}, o); break;
      case FieldType::kInteger: encode_integers({col.integers.data() + begin, n}, o); break;
      case FieldType::kUnsigned: encode_unsigneds({col.unsigneds.data() + begin, n}, o); break;
      case FieldType::kString: encode_strings({col.strings.data() + begin, n}, o); break;
      case FieldType::kBoolean: encode_booleans({col.booleans.data() + begin, n}, o); break;
    }
  });
  util::put_fixed32(*out, util::crc32c(std::string_view(*out).substr(start)));
  return n;
}

Status read_block_stats(std::string_view block, BlockStats* out, bool verify_checksum) {
  if (verify_checksum) {
    Status st = check_crc(block);
    if (!st.ok()) return st;
  } else if (block.size() < 4) {
    return corrupt("block: too short");
  }
  Cursor r(block.substr(0, block.size() - 4));
  Header h;
  return parse_header(r, &h, out);
}

Status decode_block(std::string_view block, FieldColumn* out) {
  Status st = check_crc(block);
  if (!st.ok()) return st;
  Cursor r(block.substr(0, block.size() - 4));
  Header h;
  st = parse_header(r, &h, nullptr);
  if (!st.ok()) return st;
  std::string_view ts, vals;
  if (!r.section(&ts) || !r.section(&vals) || !r.done()) return corrupt("block: bad sections");
  out->type = h.type;
  out->floats.clear();
  out->integers.clear();
  out->unsigneds.clear();
  out->strings.clear();
  out->booleans.clear();
  st = decode_timestamps(ts, &out->times, h.count);
  if (!st.ok()) return st;
  if (out->times.size() != h.count) return corrupt("block: timestamp count mismatch");
  size_t got = 0;
  switch (h.type) {
    case FieldType::kFloat: st = decode_floats(vals, &out->floats, h.count); got = out->floats.size(); break;
    case FieldType::kInteger: st = decode_integers(vals, &out->integers, h.count); got = out->integers.size(); break;
    case FieldType::kUnsigned: st = decode_unsigneds(vals, &out->unsigneds, h.count); got = out->unsigneds.size(); break;
    case FieldType::kString: st = decode_strings(vals, &out->strings, h.count); got = out->strings.size(); break;
    case FieldType::kBoolean: st = decode_booleans(vals, &out->booleans, h.count); got = out->booleans.size(); break;
  }
  if (!st.ok()) return st;
  if (got != h.count) return corrupt("block: value count mismatch");
  return Status::Ok();
}

}  // namespace tidewater::storage::encoding
