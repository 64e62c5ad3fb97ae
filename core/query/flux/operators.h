// Flux's binary operators on values.
//
// Arithmetic needs operands of one type (int, uint, float; string + string; time ± duration,
// duration ± duration). Comparisons also accept mixed int/uint/float, as Flux's runtime does.
// Any operation with a null operand gives null (so a filter on a missing column is false).
#pragma once

#include <string>

#include "core/query/flux/ast.h"
#include "core/query/flux/value.h"

namespace tidewater::query::flux {

// On failure returns false with *error set to Flux-like text ("cannot add string and int").
bool apply_binary(ast::BinaryOp op, const Value& left, const Value& right, Value* out, std::string* error);

// Deep equality for ==/!= of any comparable kind.
bool values_equal(const Value& a, const Value& b);

}  // namespace tidewater::query::flux
