// Executes task runs against an open database. The clock is the caller's: `now_ns` says what
// time it is, so tests drive schedules with a fake clock and hosts call run_due_tasks on a
// timer (the engine Worker, `tidewater serve`) and once on open to catch up missed runs.
//
// A run executes the task's Flux with now() = its scheduled time and the task owner's
// permissions (to() writes with what the owner may write). Its record in the "runs"
// definitions ({id, taskID, orgID, status, scheduledFor, requestedAt, startedAt, finishedAt,
// log}) ends "success" or "failed" with the error in its log; a failing task does not stop
// the others.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/api/database.h"

namespace tidewater::process {

struct SchedulerOptions {
  size_t max_catch_up = 100;       // missed runs per task run on one tick (the latest ones)
  size_t max_runs_kept = 100;      // finished run records kept per task (older are dropped)
};

struct RunOutcome {
  std::string task_id, run_id, status, error;  // status: "success" or "failed"
  std::string kind = "task";                   // or "check" (check_runner.h)
  int64_t scheduled_for = 0;
  bool manual = false;  // a run requested through the API (run now, retry)
  // Requests the host must send for notification rules (C++ has no network): JSON documents
  // {url, method, headers: {name: value}, body, ruleID, endpointID}.
  std::vector<std::string> outbox;
};

// Runs what is due at now_ns: runs requested through the API ("scheduled" records), then for
// each active task its scheduled times after latestCompleted. Never throws.
std::vector<RunOutcome> run_due_tasks(api::Database& db, int64_t now_ns, const SchedulerOptions& options = {});

}  // namespace tidewater::process
