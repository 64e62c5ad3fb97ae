#include "core/lineprotocol/point_parser.h"

#include <string>
#include <utility>

#include "core/lineprotocol/escape.h"
#include "core/lineprotocol/go_strconv.h"

namespace tidewater::lineprotocol::internal {
namespace {

// InfluxDB's MaxKeyLength: measurement plus tags, and that plus 4 plus each field key.
constexpr size_t kMaxKeyLength = 65535;

bool fail(ScanError* err, size_t pos, std::string reason) {
  err->pos = pos;
  err->reason = std::move(reason);
  return false;
}

// Go's Time.Truncate for times after year 1: round down to a multiple of the unit.
int64_t floor_to_multiple(int64_t t, int64_t unit) {
  int64_t r = t % unit;
  if (r < 0) r += unit;
  return t - r;
}

std::string value_error(std::string_view key, std::string_view what, std::string_view value,
                        std::string_view func, NumError e) {
  std::string reason = "invalid value for field ";
  append_go_quote(reason, key);
  reason += ": unable to parse ";
  reason += what;
  reason += ' ';
  append_go_quote(reason, value);
  reason += ": ";
  reason += go_num_error_text(func, value, e);
  return reason;
}

// Decodes one raw field value as InfluxDB's field iterator types and parses it: a quote
// starts a string, a digit, '-', '.', 'n', 'N', 'i', 'I' or 'u' a number typed by its last
// byte, anything else is a boolean.
bool decode_value(std::string_view key, std::string_view raw, model::FieldValue* value,
                  std::string* reason) {
  if (raw.empty()) {
    *reason = "invalid value for field ";
    append_go_quote(*reason, key);
    *reason += ": empty value";
    return false;
  }
  const char first = raw[0];
  if (first == '"') {
    if (raw.size() < 2) {  // InfluxDB panics slicing this value
      *reason = "invalid value for field ";
      append_go_quote(*reason, key);
      *reason += ": unterminated string";
      return false;
    }
    // Like InfluxDB, drop the first and the last byte, whatever the last one is.
    if (auto* s = std::get_if<std::string>(value)) {
      assign_unescaped_string(*s, raw.substr(1, raw.size() - 2));
    } else {
      std::string text;
      assign_unescaped_string(text, raw.substr(1, raw.size() - 2));
      *value = std::move(text);
    }
    return true;
  }
  if (std::string_view("0123456789-.nNiIu").find(first) != std::string_view::npos) {
    const char last = raw.back();
    if (last == 'i') {
      const std::string_view text = raw.substr(0, raw.size() - 1);
      int64_t v;
      NumError e = parse_go_int64(text, &v);
      if (e != NumError::kNone) {
        *reason = value_error(key, "integer value", text, "ParseInt", e);
        return false;
      }
      *value = v;
    } else if (last == 'u') {
      const std::string_view text = raw.substr(0, raw.size() - 1);
      uint64_t v;
      NumError e = parse_go_uint64(text, &v);
      if (e != NumError::kNone) {
        *reason = value_error(key, "unsigned value", text, "ParseUint", e);
        return false;
      }
      *value = v;
    } else {
      double v;
      NumError e = parse_go_float(raw, &v);
      if (e != NumError::kNone) {
        *reason = value_error(key, "floating point value", raw, "ParseFloat", e);
        return false;
      }
      *value = v;
    }
    return true;
  }
  bool b;
  if (!parse_go_bool(raw, &b)) {
    *reason = value_error(key, "bool value", raw, "ParseBool", NumError::kSyntax);
    return false;
  }
  *value = b;
  return true;
}

}  // namespace

PointParser::PointParser(model::Precision precision, int64_t default_time_ns)
    : multiplier_(model::precision_multiplier(precision)),
      default_time_(floor_to_multiple(default_time_ns, model::precision_multiplier(precision))) {}

bool PointParser::parse(std::string_view line, model::Point* point, ScanError* err) {
  Span measurement;
  size_t key_end = 0;
  if (!scan_key(line, &measurement, &tag_spans_, &key_end, err)) return false;
  if (!build_tags(line, point, err)) return false;
  if (key_end > kMaxKeyLength) {
    return fail(err, 0,
                "max key length exceeded: " + std::to_string(key_end) + " > " +
                    std::to_string(kMaxKeyLength));
  }
  Span fields;
  if (!scan_fields(line, key_end, &fields, err)) return false;
  if (fields.size() == 0) return fail(err, fields.begin, "missing fields");
  // InfluxDB finds undecodable values only after the whole line has parsed, so a value error
  // is reported only if nothing else is wrong with the line.
  ScanError value_err;
  if (!build_fields(line, fields, key_end, point, err, &value_err)) return false;
  Span timestamp;
  if (!scan_time(line, fields.end, &timestamp, err)) return false;
  if (!parse_time(line, timestamp, &point->time, err)) return false;
  if (!value_err.reason.empty()) {
    *err = std::move(value_err);
    return false;
  }
  assign_unescaped_name(point->measurement, measurement.of(line));
  return true;
}

bool PointParser::build_tags(std::string_view line, model::Point* point, ScanError* err) {
  const size_t n = tag_spans_.size();
  point->tags.resize(n);
  tag_key_pos_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    model::Tag& tag = point->tags[i];
    assign_unescaped_tag(tag.key, tag_spans_[i].key.of(line));
    assign_unescaped_tag(tag.value, tag_spans_[i].value.of(line));
    tag_key_pos_[i] = tag_spans_[i].key.begin;
  }
  // Insertion sort: tags usually arrive sorted, which makes this one linear pass.
  for (size_t i = 1; i < n; ++i) {
    for (size_t j = i; j > 0 && point->tags[j].key < point->tags[j - 1].key; --j) {
      std::swap(point->tags[j], point->tags[j - 1]);
      std::swap(tag_key_pos_[j], tag_key_pos_[j - 1]);
    }
  }
  for (size_t i = 1; i < n; ++i) {
    if (point->tags[i].key == point->tags[i - 1].key) {
      return fail(err, std::max(tag_key_pos_[i], tag_key_pos_[i - 1]), "duplicate tags");
    }
  }
  return true;
}

bool PointParser::build_fields(std::string_view line, Span span, size_t key_size,
                               model::Point* point, ScanError* err, ScanError* value_err) {
  // Split the section the way InfluxDB's walkFields and field iterator do, which is not
  // always how scan_fields saw it.
  const std::string_view fields = span.of(line);
  const size_t n = fields.size();
  size_t count = 0;
  size_t pos = 0;
  std::string reason;
  while (pos < n) {
    const size_t key_end = scan_to(fields, pos, '=');
    const std::string_view raw_key = fields.substr(pos, key_end - pos);
    if (key_end + 2 > n) {
      return fail(err, span.begin + pos, "invalid value: field-key=" + std::string(raw_key));
    }
    if (key_size + 4 + raw_key.size() > kMaxKeyLength) {
      return fail(err, span.begin + pos,
                  "max key length exceeded: " + std::to_string(key_size + 4 + raw_key.size()) +
                      " > " + std::to_string(kMaxKeyLength));
    }
    const size_t value_end = scan_field_value(fields, key_end + 1);
    const std::string_view raw_value = fields.substr(key_end + 1, value_end - key_end - 1);

    if (count == point->fields.size()) point->fields.emplace_back();
    model::Field& field = point->fields[count];
    assign_unescaped_name(field.key, raw_key);
    // A repeated key keeps its first position and takes the last value, as InfluxDB's
    // Fields() map does.
    size_t slot = count;
    for (size_t i = 0; i < count; ++i) {
      if (point->fields[i].key == field.key) {
        slot = i;
        break;
      }
    }
    if (!decode_value(field.key, raw_value, &point->fields[slot].value, &reason) &&
        value_err->reason.empty()) {
      value_err->pos = span.begin + key_end + 1;
      value_err->reason = std::move(reason);
    }
    if (slot == count) ++count;
    pos = value_end + 1;
  }
  point->fields.resize(count);
  return true;
}

bool PointParser::parse_time(std::string_view line, Span timestamp, int64_t* time,
                             ScanError* err) {
  if (timestamp.size() == 0) {
    *time = default_time_;
    return true;
  }
  const std::string_view text = timestamp.of(line);
  int64_t value;
  NumError e = parse_go_int64(text, &value);
  if (e != NumError::kNone) {
    return fail(err, timestamp.begin, go_num_error_text("ParseInt", text, e));
  }
  int64_t ns;
  if (__builtin_mul_overflow(value, multiplier_, &ns) || ns < model::kMinTime ||
      ns > model::kMaxTime) {
    return fail(err, timestamp.begin,
                "time outside range " + std::to_string(model::kMinTime) + " - " +
                    std::to_string(model::kMaxTime));
  }
  // Only spaces may follow a timestamp.
  for (size_t i = timestamp.end; i < line.size(); ++i) {
    if (line[i] != ' ') return fail(err, i, "point is invalid");
  }
  *time = ns;
  return true;
}

}  // namespace tidewater::lineprotocol::internal
