#include "core/query/table_ops.h"

#include <algorithm>
#include <cmath>

#include "core/query/csv/annotated_csv_writer.h"

namespace tidewater::query {

namespace {
template <typename T>
int three_way(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}
int compare_floats(double a, double b) {
  bool na = std::isnan(a), nb = std::isnan(b);
  if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
  return three_way(a, b);
}
}  // namespace

int compare_cells(ColumnType type, const Cell& a, const Cell& b) {
  if (a.is_null() || b.is_null()) return a.is_null() == b.is_null() ? 0 : (a.is_null() ? -1 : 1);
  switch (type) {
    case ColumnType::kBool: return three_way(std::get<bool>(a.data), std::get<bool>(b.data));
    case ColumnType::kInt:
    case ColumnType::kTime:
    case ColumnType::kDuration: return three_way(std::get<int64_t>(a.data), std::get<int64_t>(b.data));
    case ColumnType::kUInt: return three_way(std::get<uint64_t>(a.data), std::get<uint64_t>(b.data));
    case ColumnType::kFloat: return compare_floats(std::get<double>(a.data), std::get<double>(b.data));
    case ColumnType::kString: return std::get<std::string>(a.data).compare(std::get<std::string>(b.data));
  }
  return 0;
}

int compare_column_cells(const Column& a, size_t i, const Column& b, size_t j) {
  bool an = a.is_null(i), bn = b.is_null(j);
  if (an || bn) return an == bn ? 0 : (an ? -1 : 1);
  switch (a.type) {
    case ColumnType::kBool: return three_way(a.bools[i], b.bools[j]);
    case ColumnType::kInt:
    case ColumnType::kTime:
    case ColumnType::kDuration: return three_way(a.ints[i], b.ints[j]);
    case ColumnType::kUInt: return three_way(a.uints[i], b.uints[j]);
    case ColumnType::kFloat: return compare_floats(a.floats[i], b.floats[j]);
    case ColumnType::kString: {
      int c = a.strings[i].compare(b.strings[j]);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
  }
  return 0;
}

void append_cell(Column& dst, const Column& src, size_t row) {
  if (dst.type != src.type || src.is_null(row)) {
    dst.append_null();
    return;
  }
  switch (dst.type) {
    case ColumnType::kBool: dst.bools.push_back(src.bools[row]); break;
    case ColumnType::kInt:
    case ColumnType::kTime:
    case ColumnType::kDuration: dst.ints.push_back(src.ints[row]); break;
    case ColumnType::kUInt: dst.uints.push_back(src.uints[row]); break;
    case ColumnType::kFloat: dst.floats.push_back(src.floats[row]); break;
    case ColumnType::kString: dst.strings.push_back(src.strings[row]); break;
  }
  if (!dst.valid.empty()) dst.valid.push_back(1);
}

Table empty_copy(const Table& t) {
  Table out;
  out.key = t.key;
  for (const auto& c : t.columns) out.columns.emplace_back(c.name, c.type);
  return out;
}

Table take_rows(const Table& t, const std::vector<size_t>& rows) {
  Table out = empty_copy(t);
  for (size_t c = 0; c < t.columns.size(); ++c) {
    out.columns[c].reserve(rows.size());
    for (size_t r : rows) append_cell(out.columns[c], t.columns[c], r);
  }
  return out;
}

Column constant_column(std::string name, ColumnType type, const Cell& value, size_t count) {
  Column c(std::move(name), type);
  c.append_repeated(value, count);
  return c;
}

GroupKey key_for_columns(const Table& t, const std::vector<std::string>& names, size_t row) {
  GroupKey key;
  for (const auto& c : t.columns) {
    if (std::find(names.begin(), names.end(), c.name) == names.end()) continue;
    key.entries.push_back({c.name, c.type, row < c.size() ? c.cell(row) : Cell{}});
  }
  return key;
}

bool key_less(const GroupKey& a, const GroupKey& b) {
  size_t n = std::min(a.entries.size(), b.entries.size());
  for (size_t i = 0; i < n; ++i) {
    const auto& x = a.entries[i];
    const auto& y = b.entries[i];
    if (x.name != y.name) return x.name < y.name;
    if (x.type != y.type) return x.type < y.type;
    int c = compare_cells(x.type, x.value, y.value);
    if (c != 0) return c < 0;
  }
  return a.entries.size() < b.entries.size();
}

std::string key_signature(const GroupKey& key) {
  std::string s;
  for (const auto& e : key.entries) {
    s += e.name;
    s += '\x1f';
    s += static_cast<char>('0' + static_cast<int>(e.type));
    s += e.value.is_null() ? '\x01' : '\x02';
    append_csv_cell(s, e.type, e.value);
    s += '\x1e';
  }
  return s;
}

void set_key_column(Table& t, const std::string& name, ColumnType type, const Cell& value) {
  Column c = constant_column(name, type, value, t.rows());
  int idx = t.column_index(name);
  if (idx >= 0) {
    t.columns[idx] = std::move(c);
  } else {
    t.columns.push_back(std::move(c));
  }
  for (auto& e : t.key.entries) {
    if (e.name == name) {
      e.type = type;
      e.value = value;
      return;
    }
  }
  // Keep the key in column order.
  GroupKey::Entry entry{name, type, value};
  GroupKey rebuilt;
  for (const auto& col : t.columns) {
    if (col.name == name) {
      rebuilt.entries.push_back(entry);
    } else if (const auto* e = t.key.find(col.name)) {
      rebuilt.entries.push_back(*e);
    }
  }
  t.key = std::move(rebuilt);
}

std::vector<Table> merge_equal_keys(std::vector<Table> tables) {
  std::vector<std::string> sigs;
  sigs.reserve(tables.size());
  for (const auto& t : tables) sigs.push_back(key_signature(t.key));
  std::vector<std::string> sorted = sigs;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end()) return tables;
  TableBuilderSet builders;
  for (const auto& t : tables) {
    size_t idx = builders.table_for(t.key);
    for (size_t r = 0; r < t.rows(); ++r) builders.append_row(idx, t, r);
  }
  std::vector<Table> out = builders.take(false);
  for (size_t i = 0; i < out.size(); ++i) {
    if (!out[i].columns.empty()) continue;
    // Only empty tables had this key: keep the first one's columns.
    for (const auto& t : tables) {
      if (key_signature(t.key) == key_signature(out[i].key)) {
        out[i] = empty_copy(t);
        break;
      }
    }
  }
  return out;
}

size_t TableBuilderSet::table_for(const GroupKey& key) {
  std::string sig = key_signature(key);
  auto it = std::lower_bound(index_.begin(), index_.end(), sig,
                             [](const auto& e, const std::string& s) { return e.first < s; });
  if (it != index_.end() && it->first == sig) return it->second;
  Table t;
  t.key = key;
  tables_.push_back(std::move(t));
  index_.insert(it, {std::move(sig), tables_.size() - 1});
  return tables_.size() - 1;
}

Column& TableBuilderSet::column_for(Table& t, const std::string& name, ColumnType type, size_t rows) {
  int idx = t.column_index(name);
  if (idx >= 0) return t.columns[idx];
  Column c(name, type);
  for (size_t i = 0; i < rows; ++i) c.append_null();
  t.columns.push_back(std::move(c));
  return t.columns.back();
}

void TableBuilderSet::append_row(size_t table, const Table& src, size_t row) {
  Table& t = tables_[table];
  size_t before = t.rows();
  for (const auto& c : src.columns) append_cell(column_for(t, c.name, c.type, before), c, row);
  for (auto& c : t.columns) {
    if (c.size() == before) c.append_null();
  }
}

void TableBuilderSet::append_cells(size_t table, const std::vector<std::string>& names,
                                   const std::vector<ColumnType>& types, const std::vector<Cell>& cells) {
  Table& t = tables_[table];
  size_t before = t.rows();
  for (size_t i = 0; i < names.size(); ++i) {
    Column& c = column_for(t, names[i], types[i], before);
    if (c.type == types[i]) {
      c.append(cells[i]);
    } else {
      c.append_null();
    }
  }
  for (auto& c : t.columns) {
    if (c.size() == before) c.append_null();
  }
}

std::vector<Table> TableBuilderSet::take(bool sort_by_key) {
  std::vector<Table> out = std::move(tables_);
  tables_.clear();
  index_.clear();
  if (sort_by_key) {
    std::stable_sort(out.begin(), out.end(), [](const Table& a, const Table& b) { return key_less(a.key, b.key); });
  }
  return out;
}

}  // namespace tidewater::query
