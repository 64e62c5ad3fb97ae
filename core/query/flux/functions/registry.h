// Builtin functions and packages, and helpers for reading builtin arguments.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/model/point.h"
#include "core/model/status.h"
#include "core/query/flux/stream.h"
#include "core/query/flux/value.h"

namespace tidewater::query::flux {

// The universe scope: every builtin a script sees without importing anything.
std::shared_ptr<Scope> make_universe();
// An importable package by path ("strings", "influxdata/influxdb/schema"), or null.
const std::shared_ptr<const Record>* find_package(std::string_view path);

// Each registers its builtins into the universe.
void register_storage_functions(Scope& universe);    // from, range
void register_filter_function(Scope& universe);      // filter
void register_result_functions(Scope& universe);     // yield
void register_conversion_functions(Scope& universe); // now, time, int, float, string, bool
void register_column_functions(Scope& universe);     // keep, drop, rename, duplicate, set
void register_aggregate_functions(Scope& universe);  // count, sum, mean, spread, stddev, integral
void register_quantile_functions(Scope& universe);   // quantile, median
void register_selector_functions(Scope& universe);   // first, last, min, max, unique, distinct
void register_sort_limit_functions(Scope& universe); // sort, limit, tail, top, bottom
void register_group_functions(Scope& universe);      // group, union, pivot
void register_map_functions(Scope& universe);        // map, reduce
void register_window_functions(Scope& universe);     // window, aggregateWindow, inf
void register_difference_functions(Scope& universe); // difference, derivative, elapsed, cumulativeSum, increase
void register_histogram_functions(Scope& universe);  // histogram, histogramQuantile
void register_join_functions(Scope& universe);       // join
void register_table_info_functions(Scope& universe); // columns, keys, keyValues, mode, sample
void register_table_find_functions(Scope& universe); // tableFind, getColumn, getRecord, findColumn, findRecord
void register_output_functions(Scope& universe);     // to, buckets
void register_scalar_functions(Scope& universe);     // length, contains, display, die, today
void register_row_state_functions(Scope& universe);  // fill, movingAverage, exponentialMovingAverage,
                                                     // stateCount, stateDuration, timeShift, truncateTimeColumn

// Importable packages by path.
using PackageMap = std::map<std::string, std::shared_ptr<const Record>, std::less<>>;
void register_source_packages(PackageMap& packages);  // csv, array, internal/debug, internal/influxql
void register_join_package(PackageMap& packages);     // join
void register_strings_package(PackageMap& packages);  // strings, regexp
void register_date_package(PackageMap& packages);     // date, experimental (addDuration, subDuration)
void register_math_package(PackageMap& packages);     // math
void register_notification_packages(PackageMap& packages);  // slack, http, json, internal/monitor
// experimental's set, group (mode "extend"), objectKeys and to, added to the package's members.
void add_experimental_table_functions(std::vector<std::pair<std::string, Value>>& members);
// set()'s edit: every row's cell of the column (and the key's value when it is a key column).
void set_column_value(Table& t, const std::string& name, ColumnType type, const Cell& cell);
// Rows as experimental.to writes them: _measurement and _time as such, group-key columns (but
// _start, _stop) as tags, the other columns as fields (nulls skipped).
Result<std::vector<model::Point>> rows_as_tagged_points(const Table& t, const Span& span);

// Packages written in Flux itself (influxdata/influxdb/schema, influxdata/influxdb/v1,
// influxdata/influxdb/monitor, slack's and http's endpoints): their source, evaluated on import
// (it may import other packages); null for other paths.
const char* flux_source_package(std::string_view path);
// Those of monitor_package.cpp: influxdata/influxdb/monitor, slack, http.
const char* notification_flux_source(std::string_view path);
// A package record made of the named members.
std::shared_ptr<const Record> make_package(std::vector<std::pair<std::string, Value>> members);

// Wraps a C++ implementation as a Flux function value.
Value make_builtin(std::string name, BuiltinFn fn);

// Argument helpers: errors name the call's position.
Status argument_error(const Arguments& args, std::string_view fn, std::string_view message);
Result<Value> required_argument(const Arguments& args, std::string_view fn, std::string_view name);
Result<std::string> string_argument(const Arguments& args, std::string_view fn, std::string_view name,
                                    const std::string* default_value = nullptr);
// The piped-in table stream (`tables=<-`).
Result<std::shared_ptr<const TableStream>> piped_tables(const Arguments& args, std::string_view fn);
// Rejects arguments the function does not declare.
Status check_known_arguments(const Arguments& args, std::string_view fn,
                             std::initializer_list<std::string_view> known);

}  // namespace tidewater::query::flux
