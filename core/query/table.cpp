#include "core/query/table.h"

namespace tidewater::query {

std::string_view csv_datatype_name(ColumnType type) {
  switch (type) {
    case ColumnType::kBool: return "boolean";
    case ColumnType::kInt: return "long";
    case ColumnType::kUInt: return "unsignedLong";
    case ColumnType::kFloat: return "double";
    case ColumnType::kString: return "string";
    case ColumnType::kTime: return "dateTime:RFC3339";
    case ColumnType::kDuration: return "duration";
  }
  return "string";
}

size_t Column::size() const {
  switch (type) {
    case ColumnType::kBool: return bools.size();
    case ColumnType::kInt:
    case ColumnType::kTime:
    case ColumnType::kDuration: return ints.size();
    case ColumnType::kUInt: return uints.size();
    case ColumnType::kFloat: return floats.size();
    case ColumnType::kString: return strings.size();
  }
  return 0;
}

Cell Column::cell(size_t row) const {
  if (is_null(row)) return Cell{};
  switch (type) {
    case ColumnType::kBool: return Cell{bools[row] != 0};
    case ColumnType::kInt:
    case ColumnType::kTime:
    case ColumnType::kDuration: return Cell{ints[row]};
    case ColumnType::kUInt: return Cell{uints[row]};
    case ColumnType::kFloat: return Cell{floats[row]};
    case ColumnType::kString: return Cell{strings[row]};
  }
  return Cell{};
}

void Column::append_null() {
  size_t n = size();
  if (valid.empty()) valid.assign(n, 1);
  valid.push_back(0);
  switch (type) {
    case ColumnType::kBool: bools.push_back(0); break;
    case ColumnType::kInt:
    case ColumnType::kTime:
    case ColumnType::kDuration: ints.push_back(0); break;
    case ColumnType::kUInt: uints.push_back(0); break;
    case ColumnType::kFloat: floats.push_back(0); break;
    case ColumnType::kString: strings.emplace_back(); break;
  }
}

void Column::append(const Cell& c) {
  bool ok = false;
  switch (type) {
    case ColumnType::kBool:
      if (auto* v = std::get_if<bool>(&c.data)) { bools.push_back(*v); ok = true; }
      break;
    case ColumnType::kInt:
    case ColumnType::kTime:
    case ColumnType::kDuration:
      if (auto* v = std::get_if<int64_t>(&c.data)) { ints.push_back(*v); ok = true; }
      break;
    case ColumnType::kUInt:
      if (auto* v = std::get_if<uint64_t>(&c.data)) { uints.push_back(*v); ok = true; }
      break;
    case ColumnType::kFloat:
      if (auto* v = std::get_if<double>(&c.data)) { floats.push_back(*v); ok = true; }
      break;
    case ColumnType::kString:
      if (auto* v = std::get_if<std::string>(&c.data)) { strings.push_back(*v); ok = true; }
      break;
  }
  if (!ok) {
    append_null();
  } else if (!valid.empty()) {
    valid.push_back(1);
  }
}

void Column::append_repeated(const Cell& c, size_t count) {
  reserve(size() + count);
  for (size_t i = 0; i < count; ++i) append(c);
}

void Column::reserve(size_t n) {
  switch (type) {
    case ColumnType::kBool: bools.reserve(n); break;
    case ColumnType::kInt:
    case ColumnType::kTime:
    case ColumnType::kDuration: ints.reserve(n); break;
    case ColumnType::kUInt: uints.reserve(n); break;
    case ColumnType::kFloat: floats.reserve(n); break;
    case ColumnType::kString: strings.reserve(n); break;
  }
}

namespace {
template <typename T>
void keep_rows(std::vector<T>& v, const std::vector<uint8_t>& keep) {
  if (v.empty()) return;
  size_t out = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    if (keep[i]) {
      if (out != i) v[out] = std::move(v[i]);
      ++out;
    }
  }
  v.resize(out);
}
}  // namespace

void Column::filter_rows(const std::vector<uint8_t>& keep) {
  keep_rows(bools, keep);
  keep_rows(ints, keep);
  keep_rows(uints, keep);
  keep_rows(floats, keep);
  keep_rows(strings, keep);
  keep_rows(valid, keep);
}

bool GroupKey::has(std::string_view name) const { return find(name) != nullptr; }

const GroupKey::Entry* GroupKey::find(std::string_view name) const {
  for (const auto& e : entries) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

int Table::column_index(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

const Column* Table::column(std::string_view name) const {
  int i = column_index(name);
  return i < 0 ? nullptr : &columns[i];
}

void Table::filter_rows(const std::vector<uint8_t>& keep) {
  for (auto& c : columns) c.filter_rows(keep);
}

size_t Table::memory_bytes() const {
  size_t bytes = sizeof(Table);
  for (const auto& c : columns) {
    bytes += sizeof(Column) + c.name.size() + c.bools.size() + c.valid.size() + 8 * (c.ints.size() + c.uints.size() + c.floats.size());
    for (const auto& s : c.strings) bytes += sizeof(std::string) + (s.size() > 15 ? s.size() : 0);
  }
  for (const auto& e : key.entries) bytes += sizeof(e) + e.name.size();
  return bytes;
}

}  // namespace tidewater::query
