#include "core/model/point.h"

namespace tidewater::model {

std::string_view flux_type_name(FieldType type) {
  switch (type) {
    case FieldType::kFloat: return "double";
    case FieldType::kInteger: return "long";
    case FieldType::kUnsigned: return "unsignedLong";
    case FieldType::kString: return "string";
    case FieldType::kBoolean: return "boolean";
  }
  return "string";
}

std::string_view field_type_name(FieldType type) {
  switch (type) {
    case FieldType::kFloat: return "float";
    case FieldType::kInteger: return "integer";
    case FieldType::kUnsigned: return "unsigned";
    case FieldType::kString: return "string";
    case FieldType::kBoolean: return "boolean";
  }
  return "string";
}

bool parse_precision(std::string_view t, Precision* out) {
  // InfluxDB 2.7 accepts exactly ns, us, ms, s on /api/v2/write; the v1 API also takes n, u, µ.
  if (t == "ns" || t == "n" || t.empty()) *out = Precision::kNanoseconds;
  else if (t == "us" || t == "u" || t == "µ" || t == "µs") *out = Precision::kMicroseconds;
  else if (t == "ms") *out = Precision::kMilliseconds;
  else if (t == "s") *out = Precision::kSeconds;
  else return false;
  return true;
}

int64_t precision_multiplier(Precision p) {
  switch (p) {
    case Precision::kNanoseconds: return 1;
    case Precision::kMicroseconds: return 1000;
    case Precision::kMilliseconds: return 1000000;
    case Precision::kSeconds: return 1000000000;
    case Precision::kMinutes: return 60'000'000'000;
    case Precision::kHours: return 3'600'000'000'000;
  }
  return 1;
}

}  // namespace tidewater::model
