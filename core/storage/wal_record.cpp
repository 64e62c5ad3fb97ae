#include "core/storage/wal_record.h"

#include <cstring>
#include <unordered_map>

#include "core/util/coding.h"

namespace tidewater::storage {

using util::put_string;
using util::put_varint;

namespace {

// Record kinds; persisted, never renumber.
constexpr uint8_t kWriteBatch = 1;
constexpr uint8_t kDeleteRange = 2;
constexpr uint8_t kWriteBatchKeyed = 3;

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

// Points of one batch share few series and field keys (a client writes every series each
// interval), so the record lists each distinct series key and field key once and points refer
// to them by index: about a tenth of the bytes to CRC, fsync and replay.
//
//   byte 3, string bucket, varint series count, per series: string measurement, varint tag
//   count, (string key, string value)*; varint field key count, string key*; varint point
//   count, per point: varint series index, varint field count, per field: varint key index,
//   byte type, value (float fixed64 bits, integer zigzag varint, unsigned varint, string,
//   boolean byte); svarint time minus the previous point's time.
struct SeriesOf {
  const model::Point* p;
};
struct SeriesHash {
  size_t operator()(SeriesOf s) const {
    size_t h = std::hash<std::string_view>()(s.p->measurement);
    for (const auto& t : s.p->tags) {
      h = h * 31 + std::hash<std::string_view>()(t.key);
      h = h * 31 + std::hash<std::string_view>()(t.value);
    }
    return h;
  }
};
struct SeriesEq {
  bool operator()(SeriesOf a, SeriesOf b) const { return a.p->measurement == b.p->measurement && a.p->tags == b.p->tags; }
};

void put_field_value(std::string& out, const model::FieldValue& v) {
  out.push_back(static_cast<char>(v.index()));
  switch (model::type_of(v)) {
    case model::FieldType::kFloat: {
      uint64_t bits;
      const double d = std::get<double>(v);
      std::memcpy(&bits, &d, 8);
      util::put_fixed64(out, bits);
      break;
    }
    case model::FieldType::kInteger: put_varint(out, util::zigzag(std::get<int64_t>(v))); break;
    case model::FieldType::kUnsigned: put_varint(out, std::get<uint64_t>(v)); break;
    case model::FieldType::kString: put_string(out, std::get<std::string>(v)); break;
    case model::FieldType::kBoolean: out.push_back(std::get<bool>(v) ? 1 : 0); break;
  }
}

bool get_field_value(util::ByteReader& r, model::FieldValue* v) {
  uint8_t type;
  uint64_t u;
  if (!r.byte(&type)) return false;
  switch (static_cast<model::FieldType>(type)) {
    case model::FieldType::kFloat: {
      if (!r.fixed64(&u)) return false;
      double d;
      std::memcpy(&d, &u, 8);
      *v = d;
      return true;
    }
    case model::FieldType::kInteger:
      if (!r.varint(&u)) return false;
      *v = util::unzigzag(u);
      return true;
    case model::FieldType::kUnsigned:
      if (!r.varint(&u)) return false;
      *v = u;
      return true;
    case model::FieldType::kString: {
      std::string s;
      if (!r.string(&s)) return false;
      *v = std::move(s);
      return true;
    }
    case model::FieldType::kBoolean: {
      uint8_t b;
      if (!r.byte(&b)) return false;
      *v = b != 0;
      return true;
    }
  }
  return false;
}

void encode_keyed_batch(const WriteBatch& batch, std::string* out) {
  std::unordered_map<SeriesOf, uint32_t, SeriesHash, SeriesEq> series;
  std::unordered_map<std::string_view, uint32_t> keys;
  std::vector<const model::Point*> series_list;
  std::vector<std::string_view> key_list;
  std::vector<uint32_t> series_index(batch.points.size());
  // Each field's key index, in point order. Points repeat the previous point's field keys, so
  // a key equal to the one at the same position there needs no hash lookup.
  std::vector<uint32_t> key_index;
  std::vector<uint32_t> previous_keys;
  series.reserve(batch.points.size());
  key_index.reserve(batch.points.size() * (batch.points.empty() ? 0 : batch.points[0].fields.size()));
  for (size_t i = 0; i < batch.points.size(); ++i) {
    const model::Point& p = batch.points[i];
    auto [it, added] = series.try_emplace(SeriesOf{&p}, static_cast<uint32_t>(series_list.size()));
    if (added) series_list.push_back(&p);
    series_index[i] = it->second;
    if (previous_keys.size() < p.fields.size()) previous_keys.resize(p.fields.size(), UINT32_MAX);
    for (size_t j = 0; j < p.fields.size(); ++j) {
      const std::string& key = p.fields[j].key;
      uint32_t k = previous_keys[j];
      if (k == UINT32_MAX || key_list[k] != key) {
        auto [known, fresh] = keys.try_emplace(key, static_cast<uint32_t>(key_list.size()));
        if (fresh) key_list.push_back(key);
        k = known->second;
        previous_keys[j] = k;
      }
      key_index.push_back(k);
    }
  }
  out->push_back(static_cast<char>(kWriteBatchKeyed));
  put_string(*out, batch.bucket_id);
  put_varint(*out, series_list.size());
  for (const model::Point* p : series_list) {
    put_string(*out, p->measurement);
    put_varint(*out, p->tags.size());
    for (const auto& t : p->tags) {
      put_string(*out, t.key);
      put_string(*out, t.value);
    }
  }
  put_varint(*out, key_list.size());
  for (auto k : key_list) put_string(*out, k);
  put_varint(*out, batch.points.size());
  int64_t prev = 0;
  size_t field_at = 0;
  for (size_t i = 0; i < batch.points.size(); ++i) {
    const model::Point& p = batch.points[i];
    put_varint(*out, series_index[i]);
    put_varint(*out, p.fields.size());
    for (const auto& f : p.fields) {
      put_varint(*out, key_index[field_at++]);
      put_field_value(*out, f.value);
    }
    put_varint(*out, util::zigzag(static_cast<int64_t>(static_cast<uint64_t>(p.time) - static_cast<uint64_t>(prev))));
    prev = p.time;
  }
}

bool decode_keyed_batch(util::ByteReader& r, std::string_view in, WriteBatch* out) {
  uint64_t nseries, nkeys, npoints;
  if (!r.string(&out->bucket_id) || !r.varint(&nseries) || nseries > in.size()) return false;
  std::vector<model::Point> series(nseries);
  for (auto& s : series) {
    uint64_t ntags;
    if (!r.string(&s.measurement) || !r.varint(&ntags) || ntags > in.size()) return false;
    s.tags.resize(ntags);
    for (auto& t : s.tags) {
      if (!r.string(&t.key) || !r.string(&t.value)) return false;
    }
  }
  if (!r.varint(&nkeys) || nkeys > in.size()) return false;
  std::vector<std::string> keys(nkeys);
  for (auto& k : keys) {
    if (!r.string(&k)) return false;
  }
  if (!r.varint(&npoints) || npoints > in.size()) return false;
  out->points.clear();
  out->points.reserve(npoints);
  int64_t prev = 0;
  for (uint64_t i = 0; i < npoints; ++i) {
    uint64_t si, nfields, dt;
    if (!r.varint(&si) || si >= nseries || !r.varint(&nfields) || nfields > in.size()) return false;
    model::Point p;
    p.measurement = series[si].measurement;
    p.tags = series[si].tags;
    p.fields.resize(nfields);
    for (auto& f : p.fields) {
      uint64_t ki;
      if (!r.varint(&ki) || ki >= nkeys || !get_field_value(r, &f.value)) return false;
      f.key = keys[ki];
    }
    if (!r.varint(&dt)) return false;
    p.time = static_cast<int64_t>(static_cast<uint64_t>(prev) + static_cast<uint64_t>(util::unzigzag(dt)));
    prev = p.time;
    out->points.push_back(std::move(p));
  }
  return !r.failed() && r.done();
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
      if (!r.string(&f.key) || !get_field_value(r, &f.value)) return false;
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
  if (const auto* w = std::get_if<WriteBatch>(&record)) encode_keyed_batch(*w, out);
  else encode_delete_range(std::get<DeleteRange>(record), out);
}

void encode_write_batch(const WriteBatch& batch, std::string* out) { encode_keyed_batch(batch, out); }

bool decode_wal_record(std::string_view in, WalRecord* out) {
  util::ByteReader r(in);
  uint8_t kind;
  if (!r.byte(&kind)) return false;
  if (kind == kWriteBatch || kind == kWriteBatchKeyed) {
    WriteBatch w;
    if (!(kind == kWriteBatch ? decode_write_batch(r, in, &w) : decode_keyed_batch(r, in, &w))) return false;
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
