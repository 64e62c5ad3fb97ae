// Shared machinery of aggregates (one row per table) and selectors (chosen rows, all columns).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/query/flux/functions/arguments.h"

namespace tidewater::query::flux {

// Reduces a column to one cell of the returned type; a null cell when there is nothing to
// reduce. Errors (unsupported types) carry the call's span.
struct Reduced {
  ColumnType type;
  Cell value;
};
using ColumnReducer = std::function<Result<Reduced>(const Column& column, const Span& span)>;

// Output tables hold the group key columns, then `column` with the reduced value: one row even
// for an empty table, as Flux's aggregates do (count() of nothing is 0, mean() is null).
Result<Value> aggregate_column(const Arguments& args, std::string_view fn, const std::string& column,
                               ColumnReducer reduce);
// The aggregate of one table, as above.
Result<Table> aggregate_table(const Table& t, std::string_view fn, const std::string& column,
                              const ColumnReducer& reduce, const Span& span);

// Chooses row indexes of a table from its column (which exists); rows keep every column.
using RowChooser = std::function<std::vector<size_t>(const Column& column)>;
Result<Value> select_rows(const Arguments& args, std::string_view fn, const std::string& column, RowChooser choose);

// sum(): what pushed counts are added up with.
Result<Value> sum_aggregate(Interpreter& interp, const Arguments& args);

// The non-null values of a numeric column as doubles; false for other types.
bool numeric_values(const Column& c, std::vector<double>* out);

// What count(), sum() and mean() reduce a column to, and the rows first(), last(), min() and
// max() keep: aggregateWindow's per-window path (window_aggregate.h) runs this same code.
Result<Reduced> count_reducer(const Column& c, const Span& span);
Result<Reduced> sum_reducer(const Column& c, const Span& span);
Result<Reduced> mean_reducer(const Column& c, const Span& span);
std::vector<size_t> first_row_chooser(const Column& c);
std::vector<size_t> last_row_chooser(const Column& c);
std::vector<size_t> min_row_chooser(const Column& c);
std::vector<size_t> max_row_chooser(const Column& c);

}  // namespace tidewater::query::flux
