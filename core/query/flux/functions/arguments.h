// Typed readers for builtin arguments, stream wrappers and calls back into Flux functions.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/status.h"
#include "core/query/flux/interpreter.h"
#include "core/query/flux/stream.h"
#include "core/query/flux/value.h"

namespace tidewater::query::flux {

// Each returns the default when the argument is absent and no default makes it required.
Result<std::vector<std::string>> string_list_argument(const Arguments& args, std::string_view fn,
                                                      std::string_view name,
                                                      const std::vector<std::string>* default_value = nullptr);
Result<bool> bool_argument(const Arguments& args, std::string_view fn, std::string_view name, bool default_value);
Result<int64_t> int_argument(const Arguments& args, std::string_view fn, std::string_view name,
                             const int64_t* default_value = nullptr);
// Accepts an int or a float.
Result<double> float_argument(const Arguments& args, std::string_view fn, std::string_view name,
                              const double* default_value = nullptr);
Result<DurationValue> duration_argument(const Arguments& args, std::string_view fn, std::string_view name,
                                        const DurationValue* default_value = nullptr);
// A function argument, or null when absent and not required.
Result<std::shared_ptr<const Function>> function_argument(const Arguments& args, std::string_view fn,
                                                          std::string_view name, bool required);

// The duration Flux's `inf` stands for: longer than any time range.
inline constexpr int64_t kInfiniteNanos = INT64_MAX;
inline bool is_infinite(const DurationValue& d) { return d.months == 0 && d.nanos == kInfiniteNanos; }

using StreamTransform = std::function<Result<std::vector<Table>>(Interpreter&, std::vector<Table>)>;
// The builtin's result: the piped input transformed lazily.
Result<Value> transform_stream(const Arguments& args, std::string_view fn, StreamTransform transform);
// The same, one table at a time; tables the function leaves empty are kept. With
// merge_keys, tables whose keys became equal are merged afterwards.
using TableTransform = std::function<Status(Interpreter&, Table&)>;
Result<Value> transform_each_table(const Arguments& args, std::string_view fn, TableTransform transform,
                                   bool merge_keys = false);

Value stream_value(std::shared_ptr<const TableStream> stream);

// Row `row` of t as a record {column: value, ...}.
Value row_record(const Table& t, size_t row);
// Calls fn with named arguments (and an optional piped value).
Result<Value> call_function(Interpreter& interp, const Function& fn, const Span& span,
                            std::vector<std::pair<std::string, Value>> named,
                            std::optional<Value> pipe = std::nullopt);

// Builds a table from records: columns in order of first appearance, each typed by its first
// non-null value (or by the key or input column of that name); map(), reduce() and join's `as`.
Result<Table> table_from_records(const std::vector<std::shared_ptr<const Record>>& records, const GroupKey& key,
                                 const Table* input, const Span& span, std::string_view fn);

// "column \"x\" does not exist" and friends, as Flux words them.
Status column_missing(const Span& span, std::string_view fn, std::string_view column);

}  // namespace tidewater::query::flux
