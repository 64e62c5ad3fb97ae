// /api/v2/tasks: options read from the Flux script, PATCH rewriting them, runs and logs.
#include "core/api/task_options.h"
#include "tests/core/api_fixture.h"

using namespace tidewater;
using namespace tidewater::testing;

namespace {
const char* kFlux = "option task = {name: \"downsample\", every: 1h, offset: 5m}\n\n"
                    "from(bucket: \"b\") |> range(start: -task.every) |> mean() |> to(bucket: \"b\")";
}

TEST_CASE("task options from the script") {
  auto o = api::parse_task_options(kFlux);
  REQUIRE(o.ok());
  CHECK(o->name == "downsample");
  CHECK(o->every == "1h");
  CHECK(o->offset == "5m");
  CHECK(o->cron.empty());
  auto cron = api::parse_task_options("option task = {name: \"n\", cron: \"0 * * * *\", concurrency: 2}\nx = 1");
  REQUIRE(cron.ok());
  CHECK(cron->cron == "0 * * * *");
  for (const char* bad : {"x = 1", "option task = {every: 1h}", "option task = {name: \"n\"}",
                          "option task = {name: \"n\", every: 1h, cron: \"* * * * *\"}", "option task = {name: 1, every: 1h}",
                          "option task = {name: \"n\", every: 1h", "option task = 3"}) {
    auto r = api::parse_task_options(bad);
    INFO(bad);
    CHECK(r.status().code() == ErrorCode::kInvalid);
    CHECK(r.status().message().rfind("invalid options: ", 0) == 0);
  }
  api::TaskOptionsUpdate u;
  u.every = "30m";
  u.name = "say \"hi\"";
  auto rewritten = api::rewrite_task_options("option task = {name: \"n\", cron: \"0 * * * *\", concurrency: 2}\nx = 1", u);
  REQUIRE(rewritten.ok());
  CHECK(*rewritten == "option task = {name: \"say \\\"hi\\\"\", concurrency: 2, every: 30m}\nx = 1");
}

TEST_CASE("tasks: create, list, get, patch, delete") {
  ApiFixture f;
  json t = f.ok_json("POST", "/api/v2/tasks", json{{"orgID", f.org_id}, {"flux", kFlux}, {"description", "hourly"}}.dump(), 201);
  const std::string id = t["id"];
  CHECK(t["name"] == "downsample");
  CHECK(t["every"] == "1h");
  CHECK(t["offset"] == "5m");
  CHECK_FALSE(t.contains("cron"));
  CHECK(t["status"] == "active");
  CHECK(t["org"] == "o");
  CHECK(t["orgID"] == f.org_id);
  CHECK(t["ownerID"] == f.user_id);
  CHECK(t["flux"] == kFlux);
  CHECK(t["description"] == "hourly");
  CHECK(t["links"]["runs"] == "/api/v2/tasks/" + id + "/runs");
  CHECK(t["links"]["logs"] == "/api/v2/tasks/" + id + "/logs");
  // The org may be given by name, as the CLI and the official client do.
  json t2 = f.ok_json("POST", "/api/v2/tasks",
                      json{{"org", "o"}, {"status", "inactive"},
                           {"flux", "option task = {name: \"c\", cron: \"*/5 * * * *\"}\nfrom(bucket: \"b\") |> range(start: -5m)"}}
                          .dump(),
                      201);
  CHECK(t2["cron"] == "*/5 * * * *");
  CHECK(t2["status"] == "inactive");

  json list = f.ok_json("GET", "/api/v2/tasks");
  CHECK(list["tasks"].size() == 2);
  CHECK(list["links"]["self"] == "/api/v2/tasks?limit=100");
  CHECK(f.ok_json("GET", "/api/v2/tasks?status=inactive")["tasks"].size() == 1);
  CHECK(f.ok_json("GET", "/api/v2/tasks?name=downsample&org=o")["tasks"].size() == 1);
  json paged = f.ok_json("GET", "/api/v2/tasks?limit=1");
  CHECK(paged["tasks"].size() == 1);
  CHECK(paged["links"]["next"] == "/api/v2/tasks?after=" + id + "&limit=1");
  CHECK(f.ok_json("GET", "/api/v2/tasks?limit=1&after=" + id)["tasks"][0]["id"] == t2["id"]);

  json p = f.ok_json("PATCH", "/api/v2/tasks/" + id, R"({"every":"2h","name":"ds2","status":"inactive"})");
  CHECK(p["every"] == "2h");
  CHECK(p["name"] == "ds2");
  CHECK(p["status"] == "inactive");
  CHECK(p["flux"].get<std::string>().rfind("option task = {name: \"ds2\", every: 2h, offset: 5m}\n", 0) == 0);
  json p2 = f.ok_json("PATCH", "/api/v2/tasks/" + id, R"({"cron":"0 0 * * *"})");
  CHECK(p2["cron"] == "0 0 * * *");
  CHECK_FALSE(p2.contains("every"));

  // Bad input changes nothing.
  for (const char* bad : {R"({"status":"paused"})", R"({"every":"soon"})", R"({"flux":"x = 1"})", R"({"flux":7})", "{"}) {
    auto r = f.call("PATCH", "/api/v2/tasks/" + id, bad);
    INFO(bad << " -> " << r.body);
    CHECK(r.status == 400);
  }
  for (const json& bad : {json{{"orgID", f.org_id}}, json{{"orgID", f.org_id}, {"flux", "x = 1"}},
                          json{{"flux", kFlux}}, json{{"orgID", f.org_id}, {"flux", kFlux}, {"status", "on"}}}) {
    auto r = f.call("POST", "/api/v2/tasks", bad.dump());
    INFO(bad.dump() << " -> " << r.body);
    CHECK(r.status == 400);
  }
  CHECK(f.ok_json("GET", "/api/v2/tasks/" + id)["cron"] == "0 0 * * *");
  CHECK(f.ok_json("GET", "/api/v2/tasks")["tasks"].size() == 2);

  f.reopen();
  CHECK(f.ok_json("GET", "/api/v2/tasks/" + id)["name"] == "ds2");
  CHECK(f.call("DELETE", "/api/v2/tasks/" + id).status == 204);
  CHECK(body_of(f.call("GET", "/api/v2/tasks/" + id)) == json{{"code", "not found"}, {"message", "task not found"}});
}

TEST_CASE("tasks: runs, retry, cancel, logs") {
  ApiFixture f;
  const std::string id = f.ok_json("POST", "/api/v2/tasks", json{{"orgID", f.org_id}, {"flux", kFlux}}.dump(), 201)["id"];
  const std::string runs = "/api/v2/tasks/" + id + "/runs";
  json run = f.ok_json("POST", runs, R"({"scheduledFor":"2022-01-01T00:00:00Z"})", 201);
  const std::string run_id = run["id"];
  CHECK(run["taskID"] == id);
  CHECK(run["status"] == "scheduled");
  CHECK(run["scheduledFor"] == "2022-01-01T00:00:00Z");
  CHECK(run["requestedAt"].is_string());
  CHECK(run["links"] == json{{"self", runs + "/" + run_id}, {"task", "/api/v2/tasks/" + id}, {"retry", runs + "/" + run_id + "/retry"}});
  json now_run = f.ok_json("POST", runs, "", 201);  // an empty body runs now
  CHECK(now_run["scheduledFor"].is_string());
  CHECK(f.call("POST", runs, R"({"scheduledFor":"yesterday"})").status == 400);

  json list = f.ok_json("GET", runs);
  CHECK(list["runs"].size() == 2);
  CHECK(list["links"] == json{{"self", runs}, {"task", "/api/v2/tasks/" + id}});
  CHECK(f.ok_json("GET", runs + "?beforeTime=2023-01-01T00:00:00Z")["runs"].size() == 1);
  CHECK(f.ok_json("GET", runs + "/" + run_id)["id"] == run_id);

  json retry = f.ok_json("POST", runs + "/" + run_id + "/retry", "{}");
  CHECK(retry["id"] != run_id);
  CHECK(retry["scheduledFor"] == "2022-01-01T00:00:00Z");
  CHECK(retry["status"] == "scheduled");

  CHECK(f.call("DELETE", runs + "/" + run_id).status == 204);
  json canceled = f.ok_json("GET", runs + "/" + run_id);
  CHECK(canceled["status"] == "canceled");
  CHECK(f.call("DELETE", runs + "/" + run_id).status == 404);
  json logs = f.ok_json("GET", runs + "/" + run_id + "/logs");
  REQUIRE(logs["events"].size() == 1);
  CHECK(logs["events"][0]["runID"] == run_id);
  CHECK(logs["events"][0]["message"] == "Run canceled");
  CHECK(f.ok_json("GET", "/api/v2/tasks/" + id + "/logs")["events"].size() == 1);
  CHECK(body_of(f.call("GET", runs + "/aaaaaaaaaaaaaaaa"))["message"] == "run not found");

  f.reopen();
  CHECK(f.ok_json("GET", runs)["runs"].size() == 3);
  CHECK(f.call("DELETE", "/api/v2/tasks/" + id).status == 204);
  CHECK(f.call("GET", runs).status == 404);
}
