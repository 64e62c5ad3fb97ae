#include "core/query/flux/value.h"

#include "core/model/civil_time.h"
#include "core/model/format.h"
#include "core/query/flux/literals.h"

namespace tidewater::query::flux {

std::string_view kind_name(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::kNull: return "null";
    case Value::Kind::kBool: return "bool";
    case Value::Kind::kInt: return "int";
    case Value::Kind::kUInt: return "uint";
    case Value::Kind::kFloat: return "float";
    case Value::Kind::kString: return "string";
    case Value::Kind::kTime: return "time";
    case Value::Kind::kDuration: return "duration";
    case Value::Kind::kRegex: return "regexp";
    case Value::Kind::kArray: return "array";
    case Value::Kind::kRecord: return "record";
    case Value::Kind::kFunction: return "function";
    case Value::Kind::kTables: return "stream";
  }
  return "unknown";
}

const Value* Record::get(std::string_view key) const {
  for (const auto& [k, v] : properties) {
    if (k == key) return &v;
  }
  return nullptr;
}

const Value* Arguments::get(std::string_view name) const {
  for (const auto& [k, v] : named) {
    if (k == name) return &v;
  }
  return nullptr;
}

const Value* Scope::lookup(std::string_view name) const {
  for (const Scope* s = this; s != nullptr; s = s->parent_.get()) {
    for (auto it = s->vars_.rbegin(); it != s->vars_.rend(); ++it) {
      if (it->first == name) return &it->second;
    }
  }
  return nullptr;
}

bool Scope::has_local(std::string_view name) const {
  for (const auto& [k, v] : vars_) {
    if (k == name) return true;
  }
  return false;
}

void Scope::set(std::string name, Value v) {
  for (auto& [k, old] : vars_) {
    if (k == name) {
      old = std::move(v);
      return;
    }
  }
  vars_.emplace_back(std::move(name), std::move(v));
}

Value value_from_cell(ColumnType type, const Cell& cell) {
  if (cell.is_null()) return Value();
  switch (type) {
    case ColumnType::kBool: return Value(std::get<bool>(cell.data));
    case ColumnType::kInt: return Value(std::get<int64_t>(cell.data));
    case ColumnType::kUInt: return Value(std::get<uint64_t>(cell.data));
    case ColumnType::kFloat: return Value(std::get<double>(cell.data));
    case ColumnType::kString: return Value(std::get<std::string>(cell.data));
    case ColumnType::kTime: return Value(TimeValue{std::get<int64_t>(cell.data)});
    case ColumnType::kDuration: return Value(DurationValue{0, std::get<int64_t>(cell.data)});
  }
  return Value();
}

Value value_from_column(const Column& c, size_t row) {
  if (c.is_null(row)) return Value();
  switch (c.type) {
    case ColumnType::kBool: return Value(c.bools[row] != 0);
    case ColumnType::kInt: return Value(c.ints[row]);
    case ColumnType::kUInt: return Value(c.uints[row]);
    case ColumnType::kFloat: return Value(c.floats[row]);
    case ColumnType::kString: return Value(c.strings[row]);
    case ColumnType::kTime: return Value(TimeValue{c.ints[row]});
    case ColumnType::kDuration: return Value(DurationValue{0, c.ints[row]});
  }
  return Value();
}

bool column_type_of(const Value& v, ColumnType* out) {
  switch (v.kind()) {
    case Value::Kind::kBool: *out = ColumnType::kBool; return true;
    case Value::Kind::kInt: *out = ColumnType::kInt; return true;
    case Value::Kind::kUInt: *out = ColumnType::kUInt; return true;
    case Value::Kind::kFloat: *out = ColumnType::kFloat; return true;
    case Value::Kind::kString: *out = ColumnType::kString; return true;
    case Value::Kind::kTime: *out = ColumnType::kTime; return true;
    case Value::Kind::kDuration: *out = ColumnType::kDuration; return true;
    default: return false;
  }
}

Cell cell_from_value(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kBool: return Cell{v.as_bool()};
    case Value::Kind::kInt: return Cell{v.as_int()};
    case Value::Kind::kUInt: return Cell{v.as_uint()};
    case Value::Kind::kFloat: return Cell{v.as_float()};
    case Value::Kind::kString: return Cell{v.as_string()};
    case Value::Kind::kTime: return Cell{v.as_time().unix_nanos};
    case Value::Kind::kDuration: return Cell{v.as_duration().nanos};
    default: return Cell{};
  }
}

namespace {
constexpr int64_t kNanosPerDay = 86400LL * 1000000000LL;
}  // namespace

int64_t add_duration(int64_t t, const DurationValue& d) {
  if (d.months != 0) {
    int64_t days = t / kNanosPerDay;
    int64_t rem = t % kNanosPerDay;
    if (rem < 0) {
      rem += kNanosPerDay;
      --days;
    }
    const model::CivilDate date = model::civil_from_days(days);
    const int64_t total = date.year * 12 + (date.month - 1) + d.months;
    const int64_t ny = total >= 0 ? total / 12 : (total - 11) / 12;
    const unsigned nm = static_cast<unsigned>(total - ny * 12) + 1;
    // Adding months keeps the day of the month, clamped to the new month's length, as Flux does.
    const unsigned day = std::min(date.day, model::days_in_month(ny, nm));
    t = model::days_from_civil(ny, nm, day) * kNanosPerDay + rem;
  }
  return t + d.nanos;
}

std::string value_to_display_string(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull: return "<null>";
    case Value::Kind::kBool: return v.as_bool() ? "true" : "false";
    case Value::Kind::kInt: return std::to_string(v.as_int());
    case Value::Kind::kUInt: return std::to_string(v.as_uint());
    case Value::Kind::kFloat: return model::format_float(v.as_float());
    case Value::Kind::kString: return v.as_string();
    case Value::Kind::kTime: return model::format_rfc3339(v.as_time().unix_nanos);
    case Value::Kind::kDuration: return format_duration(v.as_duration().months, v.as_duration().nanos);
    case Value::Kind::kRegex: return v.as_regex().pattern;
    case Value::Kind::kArray: {
      std::string out = "[";
      const auto& els = v.as_array().elements;
      for (size_t i = 0; i < els.size(); ++i) {
        if (i) out += ", ";
        out += value_to_display_string(els[i]);
      }
      return out + "]";
    }
    case Value::Kind::kRecord: {
      std::string out = "{";
      const auto& props = v.as_record().properties;
      for (size_t i = 0; i < props.size(); ++i) {
        if (i) out += ", ";
        out += props[i].first + ": " + value_to_display_string(props[i].second);
      }
      return out + "}";
    }
    case Value::Kind::kFunction: return "<function>";
    case Value::Kind::kTables: return "<stream>";
  }
  return "";
}

}  // namespace tidewater::query::flux
