#include "core/storage/wal_record.h"

#include <cstring>

#include "core/util/coding.h"

namespace tidewater::storage {

using util::put_string;
using util::put_varint;

namespace {

// Record kinds; persisted, never renumber.
constexpr uint8_t kWriteBatch = 1;
constexpr uint8_t kDeleteRange = 2;

void encode_optional(std::string& out, const std::optional<std::string>& s) {
  out.push_back(s ? 1 : 0);
  if (s) put_string(out, *s);
}

bool decode_optional(util::ByteReader& r, std::optional<std::string>* s) {
  uint8_t present;
  if (!r.byte(&present)) return false;
  if (!present) {
    s->reset();
    return true;
  }
  std::string v;
  if (!r.string(&v)) return false;
  *s = std::move(v);
  return true;
}

void encode_write_batch(const WriteBatch& batch, std::string* out) {
  out->push_back(static_cast<char>(kWriteBatch));
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

void encode_delete_range(const DeleteRange& d, std::string* out) {
  out->push_back(static_cast<char>(kDeleteRange));
  put_string(*out, d.bucket_id);
  encode_optional(*out, d.predicate.measurement);
  encode_optional(*out, d.predicate.field);
  put_varint(*out, d.predicate.tag_equals.size());
  for (const auto& t : d.predicate.tag_equals) {
    put_string(*out, t.key);
    put_string(*out, t.value);
  }
  put_varint(*out, util::zigzag(d.range.start));
  put_varint(*out, util::zigzag(d.range.stop));
}

bool decode_delete_range(util::ByteReader& r, DeleteRange* d) {
  uint64_t ntags, start, stop;
  if (!r.string(&d->bucket_id) || !decode_optional(r, &d->predicate.measurement) ||
      !decode_optional(r, &d->predicate.field) || !r.varint(&ntags))
    return false;
  for (uint64_t i = 0; i < ntags && !r.failed(); ++i) {
    model::Tag t;
    if (r.string(&t.key) && r.string(&t.value)) d->predicate.tag_equals.push_back(std::move(t));
  }
  if (!r.varint(&start) || !r.varint(&stop)) return false;
  d->range = {util::unzigzag(start), util::unzigzag(stop)};
  return r.done();
}

bool decode_write_batch(util::ByteReader& r, std::string_view in, WriteBatch* out) {
  uint64_t npoints;
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

}  // namespace

void encode_wal_record(const WalRecord& record, std::string* out) {
  if (const auto* w = std::get_if<WriteBatch>(&record)) encode_write_batch(*w, out);
  else encode_delete_range(std::get<DeleteRange>(record), out);
}

bool decode_wal_record(std::string_view in, WalRecord* out) {
  util::ByteReader r(in);
  uint8_t kind;
  if (!r.byte(&kind)) return false;
  if (kind == kWriteBatch) {
    WriteBatch w;
    if (!decode_write_batch(r, in, &w)) return false;
    *out = std::move(w);
    return true;
  }
  if (kind == kDeleteRange) {
    DeleteRange d;
    if (!decode_delete_range(r, &d)) return false;
    *out = std::move(d);
    return true;
  }
  return false;
}

}  // namespace tidewater::storage
