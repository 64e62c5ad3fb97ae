// Checks that really run: threshold and deadman checks over the tutorial's home.lp, driven by
// a fake clock, write InfluxDB-shaped `statuses` rows into _monitoring.
#include "core/process/check_status.h"
#include "core/process/delivery.h"
#include "core/process/scheduler_tick.h"
#include "tests/core/process_test_util.h"

using namespace tidewater;
using namespace tidewater::testing;

namespace {

// Level counts of the Kitchen's statuses, "crit=2,ok=5,..." in level order.
std::string kitchen_levels(ApiFixture& f) {
  const std::string csv = query_csv(f, R"(from(bucket: "_monitoring") |> range(start: 2022-01-01T00:00:00Z, stop: 2022-01-02T00:00:00Z)
  |> filter(fn: (r) => r._measurement == "statuses" and r._field == "_message" and r.room == "Kitchen")
  |> group(columns: ["_level"]) |> count() |> map(fn: (r) => ({_value: r._level + "=" + string(v: r._value)})))");
  std::string out;
  for (const char* level : {"crit", "info", "ok", "unknown", "warn"}) {
    const std::string key = std::string(level) + "=";
    const size_t pos = csv.find("," + key);
    if (pos == std::string::npos) continue;
    out += csv.substr(pos + 1, csv.find('\r', pos) - pos - 1) + ";";
  }
  return out;
}

}  // namespace

TEST_CASE("threshold levels and status messages") {
  const json thresholds = json::parse(R"([{"type":"greater","level":"CRIT","value":20},{"type":"greater","level":"WARN","value":8},
    {"type":"range","level":"INFO","min":0,"max":8.5,"within":true}])");
  CHECK(process::threshold_level(thresholds, 22) == "crit");
  CHECK(process::threshold_level(thresholds, 9) == "warn");
  CHECK(process::threshold_level(thresholds, 3) == "info");
  CHECK(process::threshold_level(thresholds, 0) == "ok");
  CHECK(process::threshold_level(json::parse(R"([{"type":"lesser","level":"OK","value":5}])"), 7) == "unknown");
  CHECK(process::threshold_level(json::parse(R"([{"type":"equal","level":"WARN","value":5}])"), 5) == "warn");
  CHECK(process::render_status_message("Check: ${ r._check_name } is: ${r._level} (${ r[\"room\"] })",
                                       {{"_check_name", "co"}, {"_level", "crit"}, {"room", "Kitchen"}}) ==
        "Check: co is: crit (Kitchen)");
}

TEST_CASE("a threshold check over home.lp writes the right levels at the right times") {
  ApiFixture f;
  write_home(f);
  json check = f.ok_json("POST", "/api/v2/checks", json{{"orgID", f.org_id}, {"name", "co check"}, {"type", "threshold"}, {"every", "1h"},
    {"query", {{"text", R"(from(bucket: "b") |> range(start: v.timeRangeStart, stop: v.timeRangeStop)
  |> filter(fn: (r) => r._measurement == "home" and r._field == "co") |> last())"}}},
    {"statusMessageTemplate", "CO in ${ r.room } is ${ r._level }"},
    {"thresholds", json::parse(R"([{"type":"greater","level":"CRIT","value":20},{"type":"greater","level":"WARN","value":8},
      {"type":"greater","level":"INFO","value":0}])")}}.dump(), 201);
  // A rule on the Kitchen's level changes, to an HTTP endpoint.
  json endpoint = f.ok_json("POST", "/api/v2/notificationEndpoints", json{{"orgID", f.org_id}, {"name", "hook"}, {"type", "http"},
    {"url", "http://127.0.0.1:9/hook"}, {"method", "POST"}, {"authMethod", "none"}}.dump(), 201);
  f.ok_json("POST", "/api/v2/notificationRules", json{{"orgID", f.org_id}, {"name", "kitchen changes"}, {"type", "http"},
    {"endpointID", endpoint["id"]}, {"every", "1h"}, {"statusRules", json::parse(R"([{"currentLevel":"ANY","previousLevel":"ANY"}])")},
    {"tagRules", json::parse(R"([{"key":"room","value":"Kitchen","operator":"equal"}])")}}.dump(), 201);
  // The first tick starts the check's schedule; the next one catches up the day hour by hour.
  CHECK(process::run_due(*f.db, at("2022-01-01T08:00:00Z")).empty());
  auto ran = process::run_due(*f.db, at("2022-01-01T21:00:30Z"));
  REQUIRE(ran.size() == 13);
  std::vector<json> posts;
  for (const auto& r : ran) {
    INFO(r.error);
    CHECK(r.kind == "check");
    CHECK(r.status == "success");
    for (const auto& request : r.outbox) posts.push_back(json::parse(request));
  }
  // ok -> info -> warn -> crit: one request per change.
  REQUIRE(posts.size() == 3);
  CHECK(posts[0]["url"] == "http://127.0.0.1:9/hook");
  CHECK(json::parse(posts[0]["body"].get<std::string>())["_level"] == "info");
  CHECK(json::parse(posts[2]["body"].get<std::string>())["_level"] == "crit");
  CHECK(json::parse(posts[2]["body"].get<std::string>())["_message"] == "CO in Kitchen is crit");
  // The notifications rows wait for the host's delivery reports (process/delivery.h).
  const std::string notifications = R"(from(bucket: "_monitoring") |> range(start: 2022-01-01T00:00:00Z, stop: 2022-01-02T00:00:00Z)
  |> filter(fn: (r) => r._measurement == "notifications" and r._field == "_message") |> group(columns: ["_sent"]) |> count())";
  CHECK(query_csv(f, notifications).find(",notifications") == std::string::npos);
  CHECK(query_csv(f, notifications).find("_sent") == std::string::npos);
  CHECK(process::record_delivery(*f.db, posts[0], json{{"sent", true}, {"status", 204}}) == "");
  CHECK(process::record_delivery(*f.db, posts[1], json{{"sent", true}, {"status", 204}}) == "");
  CHECK(process::record_delivery(*f.db, posts[2], json{{"sent", false}, {"reason", "connect ECONNREFUSED"}}) == "");
  const std::string sent = query_csv(f, notifications);
  INFO(sent);
  CHECK(sent.find(",false,1\r") != std::string::npos);
  CHECK(sent.find(",true,2\r") != std::string::npos);
  // Data at 08..20h: co 0 x5, 1, 1, 3, 7 (info), 9, 18 (warn), 22, 26 (crit).
  CHECK(kitchen_levels(f) == "crit=2;info=4;ok=5;warn=2;");
  const std::string crit = query_csv(f, R"(from(bucket: "_monitoring") |> range(start: 2022-01-01T20:00:00Z, stop: 2022-01-01T20:00:01Z)
  |> filter(fn: (r) => r.room == "Kitchen"))");
  INFO(crit);
  CHECK(crit.find("CO in Kitchen is crit") != std::string::npos);
  CHECK(crit.find(",co,") != std::string::npos);          // the checked value under its field name
  CHECK(crit.find("_source_timestamp") != std::string::npos);
  CHECK(crit.find(check["id"].get<std::string>()) != std::string::npos);
  CHECK(crit.find(",threshold,") != std::string::npos);    // _type
  CHECK(crit.find(",home,") != std::string::npos);         // _source_measurement
}

TEST_CASE("a deadman check fires when data stops") {
  ApiFixture f;
  write_home(f);
  f.ok_json("POST", "/api/v2/checks", json{{"orgID", f.org_id}, {"name", "quiet"}, {"type", "deadman"}, {"every", "1h"},
    {"timeSince", "90m"}, {"staleTime", "6h"}, {"level", "CRIT"},
    {"query", {{"text", R"(from(bucket: "b") |> range(start: v.timeRangeStart, stop: v.timeRangeStop)
  |> filter(fn: (r) => r._measurement == "home" and r._field == "temp"))"}}}}.dump(), 201);
  CHECK(process::run_due(*f.db, at("2022-01-01T20:30:00Z")).empty());
  // The last reading is at 20:00: still fine at 21:00, dead at 22:00 and 23:00.
  REQUIRE(process::run_due(*f.db, at("2022-01-01T23:00:00Z")).size() == 3);
  CHECK(kitchen_levels(f) == "crit=2;ok=1;");
}
