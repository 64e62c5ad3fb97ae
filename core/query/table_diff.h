// Compares two table streams the way Flux's testing.diff (experimental.diff, v0.196) does.
//
// Tables match by group key (same key columns and values), in any order; tables without rows
// are ignored. Columns match by label in any order; a column present on one side only must be
// all null. Rows compare positionally; floats are equal within 1e-6 (NaN equals NaN).
#pragma once

#include <string>
#include <vector>

#include "core/query/table.h"

namespace tidewater::query {

// Empty when the streams are equal, else a description of the first difference.
std::string diff_tables(const std::vector<Table>& want, const std::vector<Table>& got);

// A readable dump of a table for messages.
std::string describe_table(const Table& t);

}  // namespace tidewater::query
