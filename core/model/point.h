// Points as line protocol describes them: a measurement, sorted tags, typed fields, a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tidewater::model {

// The five field types of InfluxDB. The numeric values are persisted: never renumber.
enum class FieldType : uint8_t {
  kFloat = 0,
  kInteger = 1,
  kUnsigned = 2,
  kString = 3,
  kBoolean = 4,
};

// Flux's column type name for a field type ("double", "long", ...).
std::string_view flux_type_name(FieldType type);
// Line protocol / InfluxDB's own name ("float", "integer", ...).
std::string_view field_type_name(FieldType type);

// The alternative's index equals the FieldType's value.
using FieldValue = std::variant<double, int64_t, uint64_t, std::string, bool>;

inline FieldType type_of(const FieldValue& v) { return static_cast<FieldType>(v.index()); }

struct Tag {
  std::string key;
  std::string value;
  bool operator==(const Tag&) const = default;
};

struct Field {
  std::string key;
  FieldValue value;
  bool operator==(const Field&) const = default;
};

struct Point {
  std::string measurement;
  std::vector<Tag> tags;      // sorted by key, keys unique
  std::vector<Field> fields;  // in line order; at least one
  int64_t time = 0;           // nanoseconds since the Unix epoch
  bool operator==(const Point&) const = default;
};

// Time precision of line protocol timestamps.
// Minutes and hours exist only for the v1 /write API (precision=m, h).
enum class Precision { kNanoseconds, kMicroseconds, kMilliseconds, kSeconds, kMinutes, kHours };

// Parses "ns", "us", "ms", "s" (and InfluxDB's aliases "n", "u", "µ"...). False if unknown.
bool parse_precision(std::string_view text, Precision* out);
// Nanoseconds per unit of the precision.
int64_t precision_multiplier(Precision p);

// InfluxDB's valid time range, inclusive, in nanoseconds.
inline constexpr int64_t kMinTime = -9223372036854775806LL;
inline constexpr int64_t kMaxTime = 9223372036854775806LL;

}  // namespace tidewater::model
