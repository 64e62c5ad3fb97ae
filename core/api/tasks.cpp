// /api/v2/tasks: task definitions. The Flux script is the source of truth for name, every,
// cron and offset (its `option task = {...}`, see task_options.h). Runs are recorded by
// task_runs.cpp and executed by core/process/task_runner.h from latestCompleted on.
#include <algorithm>

#include "core/api/definition_util.h"
#include "core/api/request_util.h"
#include "core/api/task_options.h"

namespace tidewater::api {

using nlohmann::json;
using auth::Action;

namespace {

constexpr const char* kKind = "tasks";
constexpr const char* kNotFound = "task not found";

json task_json(const catalog::Catalog& catalog, const json& doc) {
  const std::string id = str_of(doc, "id"), self = "/api/v2/tasks/" + id;
  json out = doc;
  const catalog::Org* org = catalog.org_by_id(str_of(doc, "orgID"));
  out["org"] = org ? org->name : "";
  out["labels"] = json::array();
  out["links"] = {{"self", self},         {"owners", self + "/owners"}, {"members", self + "/members"},
                  {"labels", self + "/labels"}, {"runs", self + "/runs"},     {"logs", self + "/logs"}};
  return out;
}

// Copies the script's options into the task's fields (absent ones are removed).
Status apply_options(json& doc) {
  auto options = parse_task_options(str_of(doc, "flux"));
  if (!options.ok()) return options.status();
  doc["name"] = options->name;
  for (const auto& [key, value] : {std::pair{"every", options->every}, std::pair{"cron", options->cron},
                                   std::pair{"offset", options->offset}}) {
    if (value.empty()) doc.erase(key);
    else doc[key] = value;
  }
  return Status::Ok();
}

Status check_status(const json& doc) { return check_one_of(doc, "status", {"active", "inactive"}); }

Response post_task(Call& c) {
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  json doc = json::object();
  if (Status s = copy_fields(*body, {{"flux", FieldType::kString, true}, {"status", FieldType::kString},
                                     {"description", FieldType::kString}, {"orgID", FieldType::kString},
                                     {"org", FieldType::kString}},
                             &doc);
      !s.ok())
    return Response::error(s);
  if (Status s = check_status(doc); !s.ok()) return Response::error(s);
  auto org = body_org(c.db.catalog(), *body, true);
  if (!org.ok()) return Response::error(org.status());
  if (Status s = authorize(*c.who, Action::kWrite, "tasks", *org, ""); !s.ok()) return Response::error(s);
  if (Status s = apply_options(doc); !s.ok()) return Response::error(s);
  auto id = new_definition_id();
  if (!id.ok()) return Response::error(id.status());
  doc.erase("org");
  doc["id"] = *id;
  doc["orgID"] = *org;
  doc["ownerID"] = c.who->user_id;
  if (!doc.contains("status")) doc["status"] = "active";
  if (!doc.contains("description")) doc["description"] = "";
  doc["createdAt"] = doc["updatedAt"] = doc["latestCompleted"] = catalog::now_rfc3339();
  if (Status s = c.db.catalog().definitions().put(kKind, doc); !s.ok()) return Response::error(s);
  return json_response(201, task_json(c.db.catalog(), doc));
}

Response list_tasks(Call& c) {
  auto found = readable_list(c, kKind, "tasks", false);
  if (!found.ok()) return Response::error(found.status());
  auto limit_or = task_list_limit(c.req);
  if (!limit_or.ok()) return Response::error(limit_or.status());
  const int limit = *limit_or;
  const std::string after(c.req.query_param("after").value_or(""));
  if (!after.empty()) {
    if (Status s = check_id(after); !s.ok()) return Response::error(s);
  }
  const std::string name(c.req.query_param("name").value_or("")), status(c.req.query_param("status").value_or("")),
      user(c.req.query_param("user").value_or(""));
  json tasks = json::array();
  bool past_after = after.empty();
  std::string last;
  for (const json* t : *found) {
    if (!past_after) {
      past_after = str_of(*t, "id") == after;
      continue;
    }
    if ((!name.empty() && str_of(*t, "name") != name) || (!status.empty() && str_of(*t, "status") != status) ||
        (!user.empty() && str_of(*t, "ownerID") != user))
      continue;
    if (tasks.size() == static_cast<size_t>(limit)) break;
    tasks.push_back(task_json(c.db.catalog(), *t));
    last = str_of(*t, "id");
  }
  std::string query;
  for (const auto& [k, v] : c.req.query)
    if (k != "limit" && k != "after" && !v.empty()) query += "&" + query_escape(k) + "=" + query_escape(v);
  json links = {{"self", "/api/v2/tasks?limit=" + std::to_string(limit) + query}};
  if (tasks.size() == static_cast<size_t>(limit))
    links["next"] = "/api/v2/tasks?after=" + last + "&limit=" + std::to_string(limit) + query;
  return json_response(200, {{"links", links}, {"tasks", tasks}});
}

Response patch_task(Call& c, json doc) {
  auto body = json_object_body(c.req);
  if (!body.ok()) return Response::error(body.status());
  json change = json::object();
  if (Status s = copy_fields(*body, {{"status", FieldType::kString}, {"flux", FieldType::kString}, {"name", FieldType::kString},
                                     {"every", FieldType::kString}, {"cron", FieldType::kString},
                                     {"offset", FieldType::kString}, {"description", FieldType::kString}},
                             &change);
      !s.ok())
    return Response::error(s);
  if (Status s = check_status(change); !s.ok()) return Response::error(s);
  if (change.contains("every") && change.contains("cron"))
    return Response::error(ErrorCode::kInvalid, "invalid options: cannot use both cron and every in task options");
  if (change.contains("flux")) doc["flux"] = change["flux"];
  TaskOptionsUpdate update;
  auto pick = [&](const char* key) { return change.contains(key) ? std::optional(change[key].get<std::string>()) : std::nullopt; };
  update.name = pick("name"), update.every = pick("every"), update.cron = pick("cron"), update.offset = pick("offset");
  if (update.name || update.every || update.cron || update.offset) {
    auto script = rewrite_task_options(str_of(doc, "flux"), update);
    if (!script.ok()) return Response::error(script.status());
    doc["flux"] = *script;
  }
  if (Status s = apply_options(doc); !s.ok()) return Response::error(s);
  // A task turned back on resumes from now, as InfluxDB's does: the runs missed while it was
  // inactive are not caught up.
  if (change.contains("status") && change["status"] == "active" && str_of(doc, "status") != "active")
    doc["latestCompleted"] = catalog::now_rfc3339();
  if (change.contains("status")) doc["status"] = change["status"];
  if (change.contains("description")) doc["description"] = change["description"];
  doc["updatedAt"] = catalog::now_rfc3339();
  if (Status s = c.db.catalog().definitions().put(kKind, doc); !s.ok()) return Response::error(s);
  return json_response(200, task_json(c.db.catalog(), doc));
}

}  // namespace

Response handle_tasks(Call& c) { return c.req.method == "POST" ? post_task(c) : list_tasks(c); }

Response handle_task(Call& c) {
  const Action action = c.req.method == "GET" ? Action::kRead : Action::kWrite;
  auto found = find_authorized(c, kKind, "tasks", c.id, kNotFound, action);
  if (!found.ok()) return Response::error(found.status());
  if (c.req.method == "GET") return json_response(200, task_json(c.db.catalog(), **found));
  if (c.req.method == "PATCH") return patch_task(c, **found);
  auto& defs = c.db.catalog().definitions();
  if (Status s = defs.remove_where("runs", "taskID", c.id); !s.ok()) return Response::error(s);
  if (Status s = defs.remove(kKind, c.id, kNotFound); !s.ok()) return Response::error(s);
  return Response::no_content();
}

}  // namespace tidewater::api
