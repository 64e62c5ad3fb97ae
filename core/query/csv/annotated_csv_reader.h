// Reads annotated CSV (as Flux's csv.from and the conformance vectors use it) into tables.
//
// #datatype/#group/#default rows describe the columns of the block that follows; a new
// annotation row after data, or an empty line, starts a new block. Rows are grouped into
// tables by the `table` column; empty cells take the #default value, else null.
#pragma once

#include <string_view>
#include <vector>

#include "core/model/status.h"
#include "core/query/result.h"

namespace tidewater::query {

// Results in order of first appearance, each with its tables in order.
Result<std::vector<ResultSet>> read_annotated_csv(std::string_view text);

}  // namespace tidewater::query
