// /api/v2/tasks/{id}/runs and logs. POST (run now) and retry record a run as "scheduled";
// the scheduler (core/process/task_runner.h) executes it on its next tick and records it as
// success/failed with its log events. Runs are stored in the "runs" definitions kind:
//   {id, taskID, orgID, status, scheduledFor, requestedAt, startedAt?, finishedAt?, log: [...]}

#include "core/api/definition_util.h"
#include "core/api/request_util.h"
#include "core/model/format.h"

namespace tidewater::api {

using nlohmann::json;
using auth::Action;

namespace {

constexpr const char* kRuns = "runs";

json run_json(const json& run) {
  const std::string task = "/api/v2/tasks/" + str_of(run, "taskID"), self = task + "/runs/" + str_of(run, "id");
  json out = run;
  out.erase("orgID");
  out["links"] = {{"self", self}, {"task", task}, {"retry", self + "/retry"}};
  return out;
}

// The task of the path, authorized for `action` (runs are read and written as their task).
Result<const json*> task_of(const Call& c, Action action) {
  return find_authorized(c, "tasks", "tasks", c.id, "task not found", action);
}

Result<const json*> run_of(const Call& c) {
  if (Status s = check_id(c.sub); !s.ok()) return s;
  const json* run = c.db.catalog().definitions().find(kRuns, c.sub);
  if (!run || str_of(*run, "taskID") != c.id) return Status(ErrorCode::kNotFound, "run not found");
  return run;
}

// Records a new scheduled run of the task.
Result<json> schedule_run(Call& c, const json& task, std::string scheduled_for) {
  auto id = new_definition_id();
  if (!id.ok()) return id.status();
  const std::string now = catalog::now_rfc3339();
  json run = {{"id", *id},
              {"taskID", task["id"]},
              {"orgID", task["orgID"]},
              {"status", "scheduled"},
              {"scheduledFor", scheduled_for.empty() ? now : scheduled_for},
              {"requestedAt", now},
              {"log", json::array()}};
  if (Status s = c.db.catalog().definitions().put(kRuns, run); !s.ok()) return s;
  return run;
}

Response events_json(const std::vector<const json*>& runs) {
  json events = json::array();
  for (const json* r : runs)
    for (const auto& e : r->value("log", json::array())) events.push_back(e);
  return json_response(200, {{"events", events}});
}

std::vector<const json*> runs_of_task(const Call& c) {
  std::vector<const json*> out;
  for (const auto& r : c.db.catalog().definitions().all(kRuns))
    if (str_of(r, "taskID") == c.id) out.push_back(&r);
  return out;
}

Response list_runs(Call& c) {
  auto limit_or = task_list_limit(c.req);
  if (!limit_or.ok()) return Response::error(limit_or.status());
  const int limit = *limit_or;
  int64_t after_time = INT64_MIN, before_time = INT64_MAX;
  for (const auto& [key, bound] : {std::pair{"afterTime", &after_time}, std::pair{"beforeTime", &before_time}}) {
    auto v = c.req.query_param(key);
    if (v && !v->empty() && !model::parse_rfc3339(*v, bound))
      return Response::error(ErrorCode::kInvalid, std::string(key) + " must be an RFC3339 time");
  }
  const std::string after(c.req.query_param("after").value_or(""));
  json runs = json::array();
  bool past_after = after.empty();
  for (const json* r : runs_of_task(c)) {
    if (!past_after) {
      past_after = str_of(*r, "id") == after;
      continue;
    }
    int64_t at = 0;
    model::parse_rfc3339(str_of(*r, "scheduledFor"), &at);
    if (at <= after_time || at >= before_time) continue;
    if (runs.size() == static_cast<size_t>(limit)) break;
    runs.push_back(run_json(*r));
  }
  const std::string task = "/api/v2/tasks/" + std::string(c.id);
  return json_response(200, {{"links", {{"self", task + "/runs"}, {"task", task}}}, {"runs", runs}});
}

Response post_run(Call& c, const json& task) {
  json body = json::object();
  if (!c.req.body.empty()) {
    auto parsed = json_object_body(c.req);
    if (!parsed.ok()) return Response::error(parsed.status());
    if (Status s = copy_fields(*parsed, {{"scheduledFor", FieldType::kTime}}, &body); !s.ok()) return Response::error(s);
  }
  auto run = schedule_run(c, task, str_of(body, "scheduledFor"));
  if (!run.ok()) return Response::error(run.status());
  return json_response(201, run_json(*run));
}

}  // namespace

Response handle_task_runs(Call& c) {
  auto task = task_of(c, c.req.method == "GET" ? Action::kRead : Action::kWrite);
  if (!task.ok()) return Response::error(task.status());
  return c.req.method == "GET" ? list_runs(c) : post_run(c, **task);
}

Response handle_task_run(Call& c) {
  auto task = task_of(c, c.req.method == "GET" ? Action::kRead : Action::kWrite);
  if (!task.ok()) return Response::error(task.status());
  auto run = run_of(c);
  if (!run.ok()) return Response::error(run.status());
  if (c.req.method == "GET") return json_response(200, run_json(**run));
  // Cancelling: only a run that has not finished can be cancelled.
  const std::string status = str_of(**run, "status");
  if (status != "scheduled" && status != "started") return Response::error(ErrorCode::kNotFound, "run not found");
  json changed = **run;
  const std::string now = catalog::now_rfc3339();
  changed["status"] = "canceled";
  changed["finishedAt"] = now;
  changed["log"].push_back({{"runID", changed["id"]}, {"time", now}, {"message", "Run canceled"}});
  if (Status s = c.db.catalog().definitions().put(kRuns, changed); !s.ok()) return Response::error(s);
  return Response::no_content();
}

Response handle_task_run_logs(Call& c) {
  auto task = task_of(c, Action::kRead);
  if (!task.ok()) return Response::error(task.status());
  auto run = run_of(c);
  if (!run.ok()) return Response::error(run.status());
  return events_json({*run});
}

Response handle_task_run_retry(Call& c) {
  auto task = task_of(c, Action::kWrite);
  if (!task.ok()) return Response::error(task.status());
  auto run = run_of(c);
  if (!run.ok()) return Response::error(run.status());
  auto retry = schedule_run(c, **task, str_of(**run, "scheduledFor"));
  if (!retry.ok()) return Response::error(retry.status());
  return json_response(200, run_json(*retry));
}

Response handle_task_logs(Call& c) {
  auto task = task_of(c, Action::kRead);
  if (!task.ok()) return Response::error(task.status());
  return events_json(runs_of_task(c));
}

}  // namespace tidewater::api
