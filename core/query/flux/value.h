// Flux runtime values: scalars, records, arrays, functions and table streams.
//
// A Value is a tagged variant; the Kind's number is the variant's index. Composite values are
// immutable and shared (shared_ptr<const T>), so copying a Value is cheap and closures can
// capture them freely.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/model/status.h"
#include "core/query/flux/token.h"
#include "core/query/table.h"

namespace tidewater::query::flux {

namespace ast {
struct FunctionExpr;
struct Program;
}  // namespace ast

class Interpreter;
class Scope;
class TableStream;
struct Record;
struct Array;
struct Function;

struct TimeValue {
  int64_t unix_nanos = 0;
  bool operator==(const TimeValue&) const = default;
};

// Calendar months plus exact nanoseconds, both carrying the sign.
struct DurationValue {
  int64_t months = 0;
  int64_t nanos = 0;
  bool operator==(const DurationValue&) const = default;
};

struct RegexValue {
  std::string pattern;
  std::regex re;
};

class Value {
 public:
  enum class Kind : uint8_t {
    kNull, kBool, kInt, kUInt, kFloat, kString, kTime, kDuration, kRegex,
    kArray, kRecord, kFunction, kTables,
  };
  using Data = std::variant<std::monostate, bool, int64_t, uint64_t, double, std::string, TimeValue,
                            DurationValue, std::shared_ptr<const RegexValue>, std::shared_ptr<const Array>,
                            std::shared_ptr<const Record>, std::shared_ptr<const Function>,
                            std::shared_ptr<const TableStream>>;

  Value() = default;
  template <typename T>
  Value(T v) : data_(std::move(v)) {}  // NOLINT: implicit from any alternative

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  bool is_null() const { return kind() == Kind::kNull; }
  bool is(Kind k) const { return kind() == k; }

  bool as_bool() const { return std::get<bool>(data_); }
  int64_t as_int() const { return std::get<int64_t>(data_); }
  uint64_t as_uint() const { return std::get<uint64_t>(data_); }
  double as_float() const { return std::get<double>(data_); }
  const std::string& as_string() const { return std::get<std::string>(data_); }
  TimeValue as_time() const { return std::get<TimeValue>(data_); }
  DurationValue as_duration() const { return std::get<DurationValue>(data_); }
  const RegexValue& as_regex() const { return *std::get<std::shared_ptr<const RegexValue>>(data_); }
  const Array& as_array() const { return *std::get<std::shared_ptr<const Array>>(data_); }
  const Record& as_record() const { return *std::get<std::shared_ptr<const Record>>(data_); }
  const std::shared_ptr<const Function>& as_function() const { return std::get<std::shared_ptr<const Function>>(data_); }
  const std::shared_ptr<const TableStream>& as_tables() const { return std::get<std::shared_ptr<const TableStream>>(data_); }

  const Data& data() const { return data_; }

 private:
  Data data_;
};

// Flux's type name for messages ("int", "float", "string", "time", "stream[A]"...).
std::string_view kind_name(Value::Kind kind);

struct Array {
  std::vector<Value> elements;
};

// Properties keep insertion order; labels are unique.
struct Record {
  std::vector<std::pair<std::string, Value>> properties;
  const Value* get(std::string_view key) const;
};

// The arguments of one call: named values plus the piped value, if any.
struct Arguments {
  std::vector<std::pair<std::string, Value>> named;
  std::optional<Value> pipe;
  Span span;  // the call, for errors

  const Value* get(std::string_view name) const;
};

using BuiltinFn = std::function<Result<Value>(Interpreter&, const Arguments&)>;

// Either a builtin (name + C++ implementation) or a Flux lambda with its closure scope.
struct Function {
  std::string name;
  BuiltinFn builtin;
  const ast::FunctionExpr* expr = nullptr;
  std::shared_ptr<Scope> closure;
  std::shared_ptr<const ast::Program> program;  // keeps `expr` alive
};

// Variables of one block; lookups walk up to the universe.
class Scope {
 public:
  explicit Scope(std::shared_ptr<Scope> parent = nullptr) : parent_(std::move(parent)) {}
  const Value* lookup(std::string_view name) const;
  void set(std::string name, Value v);
  bool has_local(std::string_view name) const;
  // Drops every variable: breaks the reference cycles closures create (a function stored in
  // the scope it captured) once a script is done.
  void clear() { vars_.clear(); }
  // This block's own variables, in definition order.
  const std::vector<std::pair<std::string, Value>>& variables() const { return vars_; }
  const std::shared_ptr<Scope>& parent() const { return parent_; }

 private:
  std::shared_ptr<Scope> parent_;
  std::vector<std::pair<std::string, Value>> vars_;
};

// Conversions between table cells and values.
Value value_from_cell(ColumnType type, const Cell& cell);
Value value_from_column(const Column& column, size_t row);
// The column type for a value, or false when the value cannot be a column (records...).
bool column_type_of(const Value& v, ColumnType* out);
Cell cell_from_value(const Value& v);

// Adds a duration to a time; months move the calendar date, clamping the day to the month.
int64_t add_duration(int64_t unix_nanos, const DurationValue& d);

// String interpolation and messages: how Flux prints a value.
std::string value_to_display_string(const Value& v);

}  // namespace tidewater::query::flux
