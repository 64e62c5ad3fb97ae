// Proves which parts of a filter predicate storage can apply.
//
// A predicate `(r) => A and B and ...` is split into its conjuncts; each conjunct of the form
// r._measurement == "m", r._field == "f" or r.<tag> == "v" (either operand order, member or
// index syntax), or `r.<tag> == "a" or r.<tag> == "b" ...` (one tag: a storage::TagIn),
// becomes part of the SeriesFilter. Pushing a conjunct is always sound because
// rows failing it fail the whole predicate; the row evaluation is skipped only when every
// conjunct was pushed.
#pragma once

#include "core/query/flux/value.h"
#include "core/storage/series.h"

namespace tidewater::query::flux {

struct Pushdown {
  bool complete = false;    // the filter is exactly the pushed predicates
  bool impossible = false;  // the pushed predicates contradict each other or earlier ones
};

// True when the predicate reads only columns that are constant within one series (tags,
// _measurement, _field, _start, _stop): storage tables can then be kept or dropped whole,
// evaluating it once per series instead of once per row.
bool reads_only_series_columns(const Function& fn);

// Adds what can be proven from fn to *filter.
Pushdown push_down_filter(const Function& fn, storage::SeriesFilter* filter);

}  // namespace tidewater::query::flux
