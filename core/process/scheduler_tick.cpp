#include "core/process/scheduler_tick.h"

#include "core/process/check_runner.h"

namespace tidewater::process {

std::vector<RunOutcome> run_due(api::Database& db, int64_t now_ns, const SchedulerOptions& options) {
  std::vector<RunOutcome> out = run_due_tasks(db, now_ns, options);
  std::vector<RunOutcome> checks = run_due_checks(db, now_ns, options);
  out.insert(out.end(), std::make_move_iterator(checks.begin()), std::make_move_iterator(checks.end()));
  return out;
}

}  // namespace tidewater::process
