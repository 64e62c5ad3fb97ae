// Selector pushdown: first(), last(), and min()/max() per GROUP BY time window read from
// storage's window statistics (BucketReader::scan_windows) instead of every value, as Flux's
// window pushdown does (core/query/flux/window_pushdown.cpp).
//
// Each series field then holds one point per window: the selected point itself for first and
// last (its time and value), and for min/max the window's extreme value at the time of the
// window's first value (with GROUP BY time the output time is the window's start, so only the
// value matters). The executor's reducers, run over these points, give what they give over
// every value.
#pragma once

#include <optional>

#include "core/query/influxql/data.h"
#include "core/query/influxql/select.h"

namespace tidewater::influxql {

// What the statement's selectors need, when every output column is made of first/last/min/max
// calls on plain fields (or `*`), and the WHERE clause (besides time) only tests the tags
// pushed into the series match; nullopt otherwise.
std::optional<ScanRequest::Selectors> selector_pushdown(const SelectRun& run);

// The point(s) one series field contributes under sel, from its window statistics; false
// when they do not say (strings and booleans carry no first/last/min/max values).
bool selector_points(const ScanRequest::Selectors& sel, std::string_view field, const storage::WindowColumns& w,
                     storage::FieldColumn* out);

}  // namespace tidewater::influxql
