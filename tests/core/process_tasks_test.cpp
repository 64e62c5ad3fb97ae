// Tasks that really run: the scheduler (core/process/task_runner.h) driven by a fake clock over
// a database behind the router, as the engine Worker and `tidewater serve` drive it on a timer.
#include "core/process/task_runner.h"
#include "core/process/task_schedule.h"
#include "tests/core/process_test_util.h"

using namespace tidewater;
using namespace tidewater::testing;

namespace {

// Creates a task and backdates it, as if it had existed since `since`.
std::string make_task(ApiFixture& f, const std::string& flux, const char* since) {
  json t = f.ok_json("POST", "/api/v2/tasks", json{{"orgID", f.org_id}, {"flux", flux}}.dump(), 201);
  json doc = *f.db->catalog().definitions().find("tasks", t["id"].get<std::string>());
  doc["latestCompleted"] = doc["createdAt"] = since;
  REQUIRE(f.db->catalog().definitions().put("tasks", doc).ok());
  return t["id"];
}

const char* kDownsample = R"(option task = {name: "downsample", every: 1d}
from(bucket: "b")
  |> range(start: -task.every)
  |> filter(fn: (r) => r._measurement == "home" and r._field == "temp")
  |> mean()
  |> map(fn: (r) => ({r with _time: r._stop}))
  |> to(bucket: "daily"))";

}  // namespace

TEST_CASE("schedule: every and offset, bounded catch-up, cron") {
  auto s = process::parse_schedule("1h", "", "5m");
  REQUIRE(s.ok());
  auto due = process::due_runs(*s, at("2022-01-01T00:00:00Z"), at("2022-01-01T03:04:00Z"), 100);
  REQUIRE(due.ok());
  // 03:00 is not due before 03:05 (its offset).
  REQUIRE(due->times.size() == 2);
  CHECK(due->times[0] == at("2022-01-01T01:00:00Z"));
  CHECK(due->times[1] == at("2022-01-01T02:00:00Z"));
  auto bounded = process::due_runs(*s, at("2022-01-01T00:00:00Z"), at("2022-01-02T00:10:00Z"), 3);
  REQUIRE(bounded.ok());
  CHECK(bounded->times == std::vector<int64_t>{at("2022-01-01T22:00:00Z"), at("2022-01-01T23:00:00Z"), at("2022-01-02T00:00:00Z")});
  CHECK(bounded->skipped == 21);
  CHECK(!process::parse_schedule("1mo", "", "").ok());
  CHECK(!process::parse_schedule("", "61 * * * *", "").ok());

  auto cron = process::parse_schedule("", "30 8 * * mon-fri", "");
  REQUIRE(cron.ok());
  // 2022-01-01 was a Saturday: the next weekday 08:30 is Monday the 3rd.
  CHECK(*process::next_scheduled(*cron, at("2022-01-01T00:00:00Z")) == at("2022-01-03T08:30:00Z"));
  CHECK(*process::next_scheduled(*cron, at("2022-01-03T08:30:00Z")) == at("2022-01-04T08:30:00Z"));
  auto secs = process::parse_schedule("", "*/15 * * * * *", "");
  REQUIRE(secs.ok());
  CHECK(*process::next_scheduled(*secs, at("2022-01-01T00:00:01Z")) == at("2022-01-01T00:00:15Z"));
  auto hourly = process::parse_schedule("", "@hourly", "");
  REQUIRE(hourly.ok());
  auto due_cron = process::due_runs(*hourly, at("2022-01-01T00:00:00Z"), at("2022-01-01T02:30:00Z"), 10);
  REQUIRE(due_cron.ok());
  CHECK(due_cron->times == std::vector<int64_t>{at("2022-01-01T01:00:00Z"), at("2022-01-01T02:00:00Z")});
}

TEST_CASE("the tutorial's downsampling task writes daily means into a second bucket") {
  ApiFixture f;
  write_home(f);
  f.ok_json("POST", "/api/v2/buckets", json{{"orgID", f.org_id}, {"name", "daily"}}.dump(), 201);
  const std::string id = make_task(f, kDownsample, "2022-01-01T00:00:00Z");

  // Nothing is due before the day ends.
  CHECK(process::run_due_tasks(*f.db, at("2022-01-01T23:59:59Z")).empty());
  auto ran = process::run_due_tasks(*f.db, at("2022-01-02T00:00:01Z"));
  REQUIRE(ran.size() == 1);
  INFO(ran[0].error);
  CHECK(ran[0].status == "success");
  CHECK(ran[0].scheduled_for == at("2022-01-02T00:00:00Z"));
  // Already done: the next tick runs nothing.
  CHECK(process::run_due_tasks(*f.db, at("2022-01-02T00:00:02Z")).empty());

  const std::string csv = query_csv(f, R"(from(bucket: "daily") |> range(start: 2022-01-01T00:00:00Z, stop: 2022-01-03T00:00:00Z))");
  INFO(csv);
  // Each room's mean of its 13 readings, at the end of the day.
  CHECK(csv.find("2022-01-02T00:00:00Z,22.623076923076926,temp,home,Kitchen") != std::string::npos);
  CHECK(csv.find("2022-01-02T00:00:00Z,22.16923076923077,temp,home,Living Room") != std::string::npos);

  // The run history, through the API.
  json runs = f.ok_json("GET", "/api/v2/tasks/" + id + "/runs")["runs"];
  REQUIRE(runs.size() == 1);
  CHECK(runs[0]["status"] == "success");
  CHECK(runs[0]["scheduledFor"] == "2022-01-02T00:00:00Z");
  CHECK(runs[0]["startedAt"] == "2022-01-02T00:00:01Z");
  CHECK(runs[0]["finishedAt"] == "2022-01-02T00:00:01Z");
  json task = f.ok_json("GET", "/api/v2/tasks/" + id);
  CHECK(task["latestCompleted"] == "2022-01-02T00:00:00Z");
  CHECK(task["lastRunStatus"] == "success");
  json logs = f.ok_json("GET", "/api/v2/tasks/" + id + "/logs")["events"];
  REQUIRE(logs.size() == 2);
  CHECK(logs[1]["message"] == "Completed(success)");
}

TEST_CASE("a run missed while the database was closed happens on open") {
  ApiFixture f;
  write_home(f);
  f.ok_json("POST", "/api/v2/buckets", json{{"orgID", f.org_id}, {"name", "daily"}}.dump(), 201);
  const std::string id = make_task(f, kDownsample, "2021-12-31T00:00:00Z");
  REQUIRE(process::run_due_tasks(*f.db, at("2022-01-01T00:00:01Z")).size() == 1);
  REQUIRE(f.db->close().ok());
  f.reopen();
  // Opened again two and a half days later: the two missed days run, each with its own now().
  auto ran = process::run_due_tasks(*f.db, at("2022-01-03T12:00:00Z"));
  REQUIRE(ran.size() == 2);
  CHECK(ran[0].scheduled_for == at("2022-01-02T00:00:00Z"));
  CHECK(ran[1].scheduled_for == at("2022-01-03T00:00:00Z"));
  CHECK(ran[0].status == "success");
  const std::string csv = query_csv(f, R"(from(bucket: "daily") |> range(start: 2022-01-01T00:00:00Z, stop: 2022-01-04T00:00:00Z) |> count())");
  INFO(csv);
  CHECK(csv.find(",2,") == std::string::npos);  // only the day with data wrote points
  CHECK(f.ok_json("GET", "/api/v2/tasks/" + id + "/runs")["runs"].size() == 3);
}

TEST_CASE("a failing task records its error and does not stop the others; run now, retry, disable") {
  ApiFixture f;
  write_home(f);
  f.ok_json("POST", "/api/v2/buckets", json{{"orgID", f.org_id}, {"name", "daily"}}.dump(), 201);
  const std::string bad = make_task(f, R"(option task = {name: "broken", every: 1h}
from(bucket: "missing") |> range(start: -1h) |> to(bucket: "daily"))", "2022-01-01T00:00:00Z");
  const std::string good = make_task(f, kDownsample, "2022-01-01T00:00:00Z");
  auto ran = process::run_due_tasks(*f.db, at("2022-01-02T00:00:30Z"));
  int failed = 0, succeeded = 0;
  for (const auto& r : ran) (r.status == "failed" ? failed : succeeded)++;
  CHECK(failed == 24);  // every hour of the day
  CHECK(succeeded == 1);
  json task = f.ok_json("GET", "/api/v2/tasks/" + bad);
  CHECK(task["lastRunStatus"] == "failed");
  CHECK(task["lastRunError"] == "could not find bucket \"missing\"");
  json runs = f.ok_json("GET", "/api/v2/tasks/" + bad + "/runs")["runs"];
  REQUIRE(runs.size() == 24);
  json logs = f.ok_json("GET", "/api/v2/tasks/" + bad + "/runs/" + runs[0]["id"].get<std::string>() + "/logs")["events"];
  REQUIRE(logs.size() == 3);
  CHECK(logs[1]["message"] == "could not find bucket \"missing\"");
  CHECK(logs[2]["message"] == "Completed(failed)");

  // Run now and retry: recorded as scheduled, executed by the next tick with now() = scheduledFor.
  json manual = f.ok_json("POST", "/api/v2/tasks/" + good + "/runs", R"({"scheduledFor":"2022-01-02T00:00:00Z"})", 201);
  CHECK(manual["status"] == "scheduled");
  json canceled = f.ok_json("POST", "/api/v2/tasks/" + good + "/runs", R"({"scheduledFor":"2022-01-02T00:00:00Z"})", 201);
  CHECK(f.call("DELETE", "/api/v2/tasks/" + good + "/runs/" + canceled["id"].get<std::string>()).status == 204);
  REQUIRE(f.call("PATCH", "/api/v2/tasks/" + bad, R"({"status":"inactive"})").status == 200);
  auto next = process::run_due_tasks(*f.db, at("2022-01-02T01:00:30Z"));
  REQUIRE(next.size() == 1);  // the manual run; the broken task is inactive; the canceled run stays so
  CHECK(next[0].manual);
  CHECK(next[0].run_id == manual["id"]);
  CHECK(next[0].status == "success");
  CHECK(f.ok_json("GET", "/api/v2/tasks/" + good + "/runs/" + manual["id"].get<std::string>())["status"] == "success");
  CHECK(f.ok_json("GET", "/api/v2/tasks/" + good + "/runs/" + canceled["id"].get<std::string>())["status"] == "canceled");
  // A manual run does not move the schedule.
  CHECK(f.ok_json("GET", "/api/v2/tasks/" + good)["latestCompleted"] == "2022-01-02T00:00:00Z");
  json retry = f.ok_json("POST", "/api/v2/tasks/" + bad + "/runs/" + runs[0]["id"].get<std::string>() + "/retry", "{}");
  auto retried = process::run_due_tasks(*f.db, at("2022-01-02T01:00:40Z"));
  REQUIRE(retried.size() == 1);
  CHECK(retried[0].run_id == retry["id"]);
  CHECK(retried[0].status == "failed");
}
