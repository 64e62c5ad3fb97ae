// The table model shared by every query language: a stream of tables, each with a group key
// and typed columns with nulls, as Flux defines it.
//
// Flux (and the InfluxQL engine that will be built on the same reads) operate on sequences of
// tables. A table's group key is the set of columns whose value is the same in every row;
// downstream operations (and the annotated CSV encoder) rely on it. The model is deliberately
// language-neutral: it holds plain C++ scalars, never Flux runtime values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tidewater::query {

// Flux's column types. Times and durations are int64 nanoseconds.
enum class ColumnType : uint8_t { kBool, kInt, kUInt, kFloat, kString, kTime, kDuration };

// "boolean", "long", "unsignedLong", "double", "string", "dateTime:RFC3339", "duration":
// the names annotated CSV's #datatype row uses.
std::string_view csv_datatype_name(ColumnType type);

// One typed scalar, or null (monostate). Used for group key values and single cells.
struct Cell {
  using Data = std::variant<std::monostate, bool, int64_t, uint64_t, double, std::string>;
  Data data;
  bool is_null() const { return data.index() == 0; }
  bool operator==(const Cell&) const = default;
};

// A column of one type. Only the vector matching the type is used; kTime and kDuration use
// `ints`. `valid` is either empty (no nulls) or has one entry per row (0 = null).
struct Column {
  std::string name;
  ColumnType type = ColumnType::kString;
  std::vector<uint8_t> bools;
  std::vector<int64_t> ints;
  std::vector<uint64_t> uints;
  std::vector<double> floats;
  std::vector<std::string> strings;
  std::vector<uint8_t> valid;

  Column() = default;
  Column(std::string n, ColumnType t) : name(std::move(n)), type(t) {}

  size_t size() const;
  bool is_null(size_t row) const { return !valid.empty() && !valid[row]; }
  Cell cell(size_t row) const;
  // Appends a value; a null cell (or a cell of another type) appends null.
  void append(const Cell& c);
  void append_null();
  // Appends `count` copies of c (constant columns such as _start, _field, tags).
  void append_repeated(const Cell& c, size_t count);
  // Keeps only the rows whose keep[row] is nonzero.
  void filter_rows(const std::vector<uint8_t>& keep);
  void reserve(size_t n);
};

// The columns that identify a table, with their values.
struct GroupKey {
  struct Entry {
    std::string name;
    ColumnType type;
    Cell value;
    bool operator==(const Entry&) const = default;
  };
  std::vector<Entry> entries;

  bool has(std::string_view name) const;
  const Entry* find(std::string_view name) const;
  bool operator==(const GroupKey&) const = default;
};

struct Table {
  GroupKey key;
  std::vector<Column> columns;

  size_t rows() const { return columns.empty() ? 0 : columns[0].size(); }
  bool empty() const { return rows() == 0; }
  // Index of the column with that label, or -1.
  int column_index(std::string_view name) const;
  const Column* column(std::string_view name) const;
  // Keeps only the rows whose keep[row] is nonzero, in every column.
  void filter_rows(const std::vector<uint8_t>& keep);
  // An estimate of the heap bytes the table holds (cells, strings, labels).
  size_t memory_bytes() const;
};

}  // namespace tidewater::query
