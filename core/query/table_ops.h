// Row and column operations on tables that transformations share: copying rows, ordering
// cells, building group keys from columns and regrouping rows into tables by key.
//
// Like table.h this is language-neutral: no Flux values appear here.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/query/table.h"

namespace tidewater::query {

// Orders two non-null cells of one column type (NaN after every other float).
int compare_cells(ColumnType type, const Cell& a, const Cell& b);
// Orders two rows' cells of columns of the same type; nulls come first.
int compare_column_cells(const Column& a, size_t i, const Column& b, size_t j);

// Appends src[row] to dst (same type; a mismatched type appends null).
void append_cell(Column& dst, const Column& src, size_t row);

// The table with the same key and columns but no rows.
Table empty_copy(const Table& t);
// The given rows of t, in that order.
Table take_rows(const Table& t, const std::vector<size_t>& rows);
// A column holding `count` copies of a cell.
Column constant_column(std::string name, ColumnType type, const Cell& value, size_t count);

// The group key made of the named columns that t has, in t's column order, with the values
// of row `row` (or null when the table has no rows).
GroupKey key_for_columns(const Table& t, const std::vector<std::string>& names, size_t row = 0);
// Total order on group keys: entry by entry, label then value; shorter keys first.
bool key_less(const GroupKey& a, const GroupKey& b);
// A string that is equal for equal keys (labels, types and values).
std::string key_signature(const GroupKey& key);

// Sets the value of a key column in every row and in the key (added when missing).
void set_key_column(Table& t, const std::string& name, ColumnType type, const Cell& value);

// Tables with equal group keys merged into one (rows concatenated, columns united), in order
// of first appearance; what Flux's table builder cache does when a transformation changes keys.
std::vector<Table> merge_equal_keys(std::vector<Table> tables);

// Collects rows into tables by key. Columns are added as rows bring them (earlier rows get
// nulls); a column seen with two types keeps the first one (later cells become null).
class TableBuilderSet {
 public:
  // Returns the index of the table with this key, creating it.
  size_t table_for(const GroupKey& key);
  void append_row(size_t table, const Table& src, size_t row);
  // Appends a row given column by column (cells of the named columns; others become null).
  void append_cells(size_t table, const std::vector<std::string>& names, const std::vector<ColumnType>& types,
                    const std::vector<Cell>& cells);
  // Tables in order of creation, or sorted by key.
  std::vector<Table> take(bool sort_by_key);

 private:
  Column& column_for(Table& t, const std::string& name, ColumnType type, size_t rows);
  std::vector<Table> tables_;
  std::vector<std::pair<std::string, size_t>> index_;  // signature → table, kept sorted
};

}  // namespace tidewater::query
