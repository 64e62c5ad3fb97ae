#include "core/process/task_schedule.h"

#include <deque>

#include "core/process/task_cron.h"
#include "core/query/flux/literals.h"

namespace tidewater::process {

namespace {

Result<int64_t> schedule_duration(std::string_view name, std::string_view text) {
  if (text.empty()) return int64_t{0};
  int64_t months = 0, nanos = 0;
  std::string error;
  if (!query::flux::parse_duration_literal(text, &months, &nanos, &error))
    return Status(ErrorCode::kInvalid, std::string(name) + " " + std::string(text) + " is not a duration: " + error);
  if (months != 0)
    return Status(ErrorCode::kInvalid, std::string(name) + " " + std::string(text) + ": month and year durations are not supported");
  return nanos;
}

// Floor division for times before the epoch.
int64_t schedule_floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

Result<Schedule> parse_schedule(std::string_view every, std::string_view cron, std::string_view offset) {
  Schedule s;
  auto e = schedule_duration("every", every);
  if (!e.ok()) return e.status();
  auto o = schedule_duration("offset", offset);
  if (!o.ok()) return o.status();
  s.every_ns = *e;
  s.offset_ns = *o;
  s.cron = std::string(cron);
  if (s.every_ns <= 0 && s.cron.empty()) return Status(ErrorCode::kInvalid, "cron or every is required");
  if (s.every_ns <= 0) {
    if (auto spec = parse_cron(s.cron); !spec.ok()) return spec.status();
  }
  return s;
}

Result<int64_t> next_scheduled(const Schedule& s, int64_t after_ns) {
  if (s.every_ns > 0) return (schedule_floor_div(after_ns, s.every_ns) + 1) * s.every_ns;
  auto spec = parse_cron(s.cron);
  if (!spec.ok()) return spec.status();
  return next_cron_time(*spec, after_ns);
}

Result<DueRuns> due_runs(const Schedule& s, int64_t after_ns, int64_t now_ns, size_t max_runs) {
  DueRuns out;
  if (max_runs == 0) max_runs = 1;
  const int64_t latest = now_ns - s.offset_ns;  // the last scheduled time that may run
  if (s.every_ns > 0) {
    const int64_t first = (schedule_floor_div(after_ns, s.every_ns) + 1) * s.every_ns;
    if (first > latest) return out;
    const int64_t last = schedule_floor_div(latest, s.every_ns) * s.every_ns;
    const int64_t count = (last - first) / s.every_ns + 1;
    const int64_t keep = std::min<int64_t>(count, static_cast<int64_t>(max_runs));
    out.skipped = count - keep;
    for (int64_t i = keep - 1; i >= 0; --i) out.times.push_back(last - i * s.every_ns);
    return out;
  }
  auto spec = parse_cron(s.cron);
  if (!spec.ok()) return spec.status();
  std::deque<int64_t> window;  // the latest max_runs matches
  for (int64_t t = after_ns;;) {
    auto next = next_cron_time(*spec, t);
    if (!next.ok()) return next.status();
    if (*next > latest) break;
    window.push_back(*next);
    if (window.size() > max_runs) window.pop_front(), ++out.skipped;
    t = *next;
  }
  out.times.assign(window.begin(), window.end());
  return out;
}

}  // namespace tidewater::process
