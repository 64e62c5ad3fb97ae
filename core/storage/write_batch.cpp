#include "core/storage/write_batch.h"

#include <cstring>

#include "core/util/coding.h"

namespace tidewater::storage {

using util::put_string;
using util::put_varint;

namespace {
constexpr uint8_t kFormatVersion = 1;
}

void encode_write_batch(const WriteBatch& batch, std::string* out) {
  out->push_back(static_cast<char>(kFormatVersion));
  put_string(*out, batch.bucket_id);
  put_varint(*out, batch.points.size());
  for (const auto& p : batch.points) {
    put_string(*out, p.measurement);
    put_varint(*out, p.tags.size());
    for (const auto& t : p.tags) {
      put_string(*out, t.key);
      put_string(*out, t.value);
    }
    put_varint(*out, p.fields.size());
    for (const auto& f : p.fields) {
      put_string(*out, f.key);
      out->push_back(static_cast<char>(f.value.index()));
      switch (model::type_of(f.value)) {
        case model::FieldType::kFloat: {
          uint64_t bits;
          const double d = std::get<double>(f.value);
          std::memcpy(&bits, &d, 8);
          util::put_fixed64(*out, bits);
          break;
        }
        case model::FieldType::kInteger: put_varint(*out, util::zigzag(std::get<int64_t>(f.value))); break;
        case model::FieldType::kUnsigned: put_varint(*out, std::get<uint64_t>(f.value)); break;
        case model::FieldType::kString: put_string(*out, std::get<std::string>(f.value)); break;
        case model::FieldType::kBoolean: out->push_back(std::get<bool>(f.value) ? 1 : 0); break;
      }
    }
    put_varint(*out, util::zigzag(p.time));
  }
}

bool decode_write_batch(std::string_view in, WriteBatch* out) {
  util::ByteReader r(in);
  uint8_t version;
  uint64_t npoints;
  if (!r.byte(&version) || version != kFormatVersion) return false;
  if (!r.string(&out->bucket_id) || !r.varint(&npoints)) return false;
  out->points.clear();
  out->points.reserve(std::min<uint64_t>(npoints, in.size()));
  for (uint64_t i = 0; i < npoints; ++i) {
    model::Point p;
    uint64_t ntags, nfields, t;
    if (!r.string(&p.measurement) || !r.varint(&ntags)) return false;
    for (uint64_t k = 0; k < ntags && !r.failed(); ++k) {
      model::Tag tag;
      r.string(&tag.key) && r.string(&tag.value);
      p.tags.push_back(std::move(tag));
    }
    if (!r.varint(&nfields)) return false;
    for (uint64_t k = 0; k < nfields && !r.failed(); ++k) {
      model::Field f;
      uint8_t type;
      if (!r.string(&f.key) || !r.byte(&type)) return false;
      uint64_t u;
      switch (static_cast<model::FieldType>(type)) {
        case model::FieldType::kFloat: {
          if (!r.fixed64(&u)) return false;
          double d;
          std::memcpy(&d, &u, 8);
          f.value = d;
          break;
        }
        case model::FieldType::kInteger:
          if (!r.varint(&u)) return false;
          f.value = util::unzigzag(u);
          break;
        case model::FieldType::kUnsigned:
          if (!r.varint(&u)) return false;
          f.value = u;
          break;
        case model::FieldType::kString: {
          std::string s;
          if (!r.string(&s)) return false;
          f.value = std::move(s);
          break;
        }
        case model::FieldType::kBoolean: {
          uint8_t b;
          if (!r.byte(&b)) return false;
          f.value = b != 0;
          break;
        }
        default: return false;
      }
      p.fields.push_back(std::move(f));
    }
    if (!r.varint(&t)) return false;
    p.time = util::unzigzag(t);
    out->points.push_back(std::move(p));
  }
  return !r.failed() && r.done();
}

}  // namespace tidewater::storage
