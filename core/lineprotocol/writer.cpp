#include "core/lineprotocol/writer.h"

#include <charconv>
#include <cmath>

#include "core/lineprotocol/escape.h"
#include "core/model/format.h"

namespace tidewater::lineprotocol {
namespace {

using internal::append_escaped_field_key;
using internal::append_escaped_measurement;
using internal::append_escaped_string;
using internal::append_escaped_tag;

template <typename Int>
void append_int(std::string& out, Int v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);  // integer to_chars exists in libc++ 14
  out.append(buf, r.ptr);
}

bool is_writable(const model::Field& field) {
  const double* f = std::get_if<double>(&field.value);
  return f == nullptr || std::isfinite(*f);
}

void append_value(std::string& out, const model::FieldValue& value) {
  switch (model::type_of(value)) {
    case model::FieldType::kFloat:
      model::append_float(out, std::get<double>(value));
      break;
    case model::FieldType::kInteger:
      append_int(out, std::get<int64_t>(value));
      out += 'i';
      break;
    case model::FieldType::kUnsigned:
      append_int(out, std::get<uint64_t>(value));
      out += 'u';
      break;
    case model::FieldType::kString:
      out += '"';
      append_escaped_string(out, std::get<std::string>(value));
      out += '"';
      break;
    case model::FieldType::kBoolean:
      out += std::get<bool>(value) ? "true" : "false";
      break;
  }
}

}  // namespace

void append_line(std::string& out, const model::Point& point) {
  const size_t rollback = out.size();
  append_escaped_measurement(out, point.measurement);
  for (const model::Tag& tag : point.tags) {
    if (tag.key.empty() || tag.value.empty()) continue;
    out += ',';
    append_escaped_tag(out, tag.key);
    out += '=';
    append_escaped_tag(out, tag.value);
  }
  out += ' ';
  bool first = true;
  for (const model::Field& field : point.fields) {
    if (!is_writable(field)) continue;
    if (field.key.empty() && !first) continue;  // no line protocol form
    if (!first) {
      out += ',';
    } else if (field.key.empty()) {
      // InfluxDB reads an empty key only at the start of the fields, after whitespace it
      // skips; a space there would be "missing field key", a tab is not.
      out += '\t';
    }
    first = false;
    append_escaped_field_key(out, field.key);
    out += '=';
    append_value(out, field.value);
  }
  if (first) {
    out.resize(rollback);
    return;
  }
  out += ' ';
  append_int(out, point.time);
  out += '\n';
}

void append_lines(std::string& out, const std::vector<model::Point>& points) {
  for (const model::Point& point : points) append_line(out, point);
}

std::string write_lines(const std::vector<model::Point>& points) {
  std::string out;
  append_lines(out, points);
  return out;
}

}  // namespace tidewater::lineprotocol
