// When a task (or check) runs: its `every` or `cron` and `offset`, as InfluxDB schedules them.
// Pure logic on Unix nanoseconds, so callers choose the clock (tests use a fake one).
//
// A run is named by its scheduled time t: with `every`, the multiples of every since the epoch;
// with `cron`, the times the expression matches (UTC). It executes once now >= t + offset, and
// its query sees now() = t, so `range(start: -task.every)` covers the period that just ended.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/status.h"

namespace tidewater::process {

struct Schedule {
  int64_t every_ns = 0;  // > 0 for `every` schedules
  std::string cron;      // otherwise a cron expression
  int64_t offset_ns = 0;
};

// every/offset as Flux durations ("1h", "5m30s"); months are refused (no fixed length).
Result<Schedule> parse_schedule(std::string_view every, std::string_view cron, std::string_view offset);

// The first scheduled time strictly after `after_ns`; 400 for a bad cron expression.
Result<int64_t> next_scheduled(const Schedule& s, int64_t after_ns);

struct DueRuns {
  std::vector<int64_t> times;  // scheduled times to run now, oldest first
  int64_t skipped = 0;         // older missed runs dropped past the catch-up bound
};

// The runs due at `now_ns` after the last completed one (`after_ns`): every t > after_ns with
// t + offset <= now_ns. Missed runs (the database was closed) are caught up, but only the
// latest `max_runs`; the older ones are counted in `skipped`.
Result<DueRuns> due_runs(const Schedule& s, int64_t after_ns, int64_t now_ns, size_t max_runs);

}  // namespace tidewater::process
