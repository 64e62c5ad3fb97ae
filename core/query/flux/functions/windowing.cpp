#include "core/query/flux/functions/windowing.h"

#include <algorithm>
#include <climits>
#include <map>

namespace tidewater::query::flux {

int64_t WindowSpec::latest_start(int64_t t) const {
  if (every.months == 0) {
    int64_t off = offset.nanos % every.nanos;
    int64_t rem = (t - off) % every.nanos;
    if (rem < 0) rem += every.nanos;
    return t - rem;
  }
  // Calendar months: count months from 1970-01 (plus offset) and step back as needed.
  int64_t guess = add_duration(0, offset);
  // Jump close to t in whole `every` steps, then adjust.
  const int64_t approx_month = 2629746000000000LL;  // average Gregorian month in ns
  int64_t steps = (t - guess) / (approx_month * every.months);
  int64_t start = add_duration(guess, DurationValue{steps * every.months, 0});
  while (start > t) start = prev(start);
  while (next(start) <= t) start = next(start);
  return start;
}

namespace {

WindowBounds clip_to_range(WindowBounds b, const std::optional<storage::TimeRange>& range) {
  if (!range) return b;
  return WindowBounds{std::max(b.start, range->start), std::min(b.stop, range->stop)};
}

}  // namespace

std::vector<WindowRows> window_rows(const Column& time, const WindowSpec& w, const std::optional<storage::TimeRange>& range,
                                    bool create_empty) {
  std::map<int64_t, WindowRows> windows;  // by raw (unclipped) start
  auto add_window = [&](int64_t start) -> std::vector<size_t>& {
    auto it = windows.find(start);
    if (it == windows.end()) {
      it = windows.emplace(start, WindowRows{clip_to_range(WindowBounds{start, w.stop_of(start)}, range), {}}).first;
    }
    return it->second.rows;
  };
  // Sorted times (the usual case) fill one window after another: the last one is remembered
  // instead of looked up per row.
  int64_t last_start = 0, last_stop = 0;
  std::vector<size_t>* last_rows = nullptr;
  for (size_t r = 0; r < time.size(); ++r) {
    if (time.is_null(r)) continue;
    int64_t tv = time.ints[r];
    if (range && (tv < range->start || tv >= range->stop)) continue;
    if (w.infinite()) {
      add_window(INT64_MIN).push_back(r);
      continue;
    }
    if (last_rows && w.every == w.period && tv >= last_start && tv < last_stop) {
      last_rows->push_back(r);
      continue;
    }
    for (int64_t start = w.latest_start(tv); w.stop_of(start) > tv; start = w.prev(start)) {
      std::vector<size_t>& rows = add_window(start);
      rows.push_back(r);
      last_start = start;
      last_stop = w.stop_of(start);
      last_rows = &rows;
    }
  }
  if (create_empty && range && range->start < range->stop) {
    if (w.infinite()) {
      add_window(INT64_MIN);
    } else {
      int64_t start = w.latest_start(range->start);
      while (w.stop_of(start) > range->start) start = w.prev(start);
      for (start = w.next(start); start < range->stop; start = w.next(start)) add_window(start);
    }
  }
  std::vector<WindowRows> out;
  out.reserve(windows.size());
  for (auto& [raw_start, entry] : windows) {
    if (w.infinite()) entry.bounds = clip_to_range(WindowBounds{INT64_MIN, INT64_MAX}, range);
    if (!create_empty && entry.rows.empty()) continue;
    if (entry.bounds.start >= entry.bounds.stop && !entry.rows.empty()) continue;
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace tidewater::query::flux
