// What a query produces: named results, each a sequence of tables.
#pragma once

#include <string>
#include <vector>

#include "core/query/table.h"

namespace tidewater::query {

// One result of a query: "_result" by default, or the name given to Flux's yield(name:).
struct ResultSet {
  std::string name = "_result";
  std::vector<Table> tables;
};

}  // namespace tidewater::query
