#include "core/process/task_runner.h"

#include <nlohmann/json.hpp>

#include "core/api/definition_util.h"
#include "core/model/format.h"
#include "core/process/owner_query.h"
#include "core/process/task_schedule.h"

namespace tidewater::process {

using nlohmann::json;

namespace {

constexpr const char* kTaskRuns = "runs";

json task_log_event(const json& run, int64_t at_ns, const std::string& message) {
  return {{"runID", run["id"]}, {"time", model::format_rfc3339(at_ns)}, {"message", message}};
}

// Executes the task's script for the run; the error that failed it, or "".
std::string execute_task_script(api::Database& db, const json& task, int64_t scheduled_ns) {
  auto results = run_owner_query(db, task, api::str_of(task, "flux"), scheduled_ns);
  return results.ok() ? "" : results.status().message();
}

// Drops the oldest finished runs of the task past the bound.
void prune_task_runs(api::Database& db, const std::string& task_id, size_t keep) {
  std::vector<std::string> finished;
  for (const auto& r : db.catalog().definitions().all(kTaskRuns))
    if (api::str_of(r, "taskID") == task_id && api::str_of(r, "status") != "scheduled") finished.push_back(api::str_of(r, "id"));
  for (size_t i = 0; i + keep < finished.size(); ++i) (void)db.catalog().definitions().remove(kTaskRuns, finished[i], "run not found");
}

// Executes one run of the task and stores its record; `run` is the record so far (a requested
// run) or empty for a scheduled one.
RunOutcome execute_run(api::Database& db, const json& task, json run, int64_t scheduled_ns, int64_t now_ns,
                       const SchedulerOptions& options) {
  RunOutcome out;
  out.task_id = api::str_of(task, "id");
  out.scheduled_for = scheduled_ns;
  out.manual = !run.is_null();
  if (run.is_null()) {
    auto id = api::new_definition_id();
    if (!id.ok()) {
      out.status = "failed", out.error = id.status().message();
      return out;
    }
    run = {{"id", *id}, {"taskID", out.task_id}, {"orgID", task["orgID"]}, {"scheduledFor", model::format_rfc3339(scheduled_ns)},
           {"requestedAt", model::format_rfc3339(now_ns)}, {"log", json::array()}};
  }
  out.run_id = api::str_of(run, "id");
  run["startedAt"] = model::format_rfc3339(now_ns);
  run["log"].push_back(task_log_event(run, now_ns, "Started task from script: " + json(api::str_of(task, "flux")).dump()));
  out.error = execute_task_script(db, task, scheduled_ns);
  out.status = out.error.empty() ? "success" : "failed";
  if (!out.error.empty()) run["log"].push_back(task_log_event(run, now_ns, out.error));
  run["log"].push_back(task_log_event(run, now_ns, "Completed(" + out.status + ")"));
  run["status"] = out.status;
  run["finishedAt"] = model::format_rfc3339(now_ns);
  if (Status s = db.catalog().definitions().put(kTaskRuns, run); !s.ok() && out.error.empty())
    out.status = "failed", out.error = s.message();
  // The task remembers its last run; scheduled runs also move latestCompleted forward.
  if (const json* stored = db.catalog().definitions().find("tasks", out.task_id)) {
    json t = *stored;
    if (!out.manual && scheduled_ns > definition_time(t, "latestCompleted")) t["latestCompleted"] = model::format_rfc3339(scheduled_ns);
    t["lastRunStatus"] = out.status;
    if (out.error.empty()) t.erase("lastRunError");
    else t["lastRunError"] = out.error;
    (void)db.catalog().definitions().put("tasks", t);
  }
  prune_task_runs(db, out.task_id, options.max_runs_kept);
  return out;
}

// Runs the task's scheduled times due at now_ns.
void run_scheduled(api::Database& db, const json& task, int64_t now_ns, const SchedulerOptions& options,
                   std::vector<RunOutcome>* out) {
  auto schedule = parse_schedule(api::str_of(task, "every"), api::str_of(task, "cron"), api::str_of(task, "offset"));
  int64_t after = definition_time(task, "latestCompleted");
  if (!after) after = definition_time(task, "createdAt");
  Result<DueRuns> due = schedule.ok() ? due_runs(*schedule, after, now_ns, options.max_catch_up) : Result<DueRuns>(schedule.status());
  if (!due.ok()) {
    RunOutcome bad{api::str_of(task, "id"), "", "failed", due.status().message(), "task", now_ns, false};
    out->push_back(bad);
    return;
  }
  for (int64_t t : due->times) out->push_back(execute_run(db, task, json(), t, now_ns, options));
}

}  // namespace

std::vector<RunOutcome> run_due_tasks(api::Database& db, int64_t now_ns, const SchedulerOptions& options) {
  std::vector<RunOutcome> out;
  try {
    auto& defs = db.catalog().definitions();
    // Copies: executing a run rewrites the documents these would point into.
    const std::vector<json> requested = defs.all(kTaskRuns);
    for (const json& run : requested) {
      if (api::str_of(run, "status") != "scheduled") continue;
      const json* task = defs.find("tasks", api::str_of(run, "taskID"));
      if (!task) continue;
      const json task_copy = *task;
      out.push_back(execute_run(db, task_copy, run, definition_time(run, "scheduledFor"), now_ns, options));
    }
    const std::vector<json> tasks = defs.all("tasks");
    for (const json& task : tasks)
      if (api::str_of(task, "status") == "active") run_scheduled(db, task, now_ns, options, &out);
  } catch (const std::exception& e) {
    out.push_back({"", "", "failed", std::string("scheduler: ") + e.what(), "task", now_ns, false});
  } catch (...) {
    out.push_back({"", "", "failed", "scheduler: unexpected failure", "task", now_ns, false});
  }
  return out;
}

}  // namespace tidewater::process
