// The Flux monitor package and what queries send (slack, http): statuses and notifications in
// _monitoring as InfluxDB 2.7 writes them, state changes, deadman, and the honest outbox: a
// query only queues its messages; their notifications rows say _sent "true" once the host
// reported a delivery, "false" with the reason otherwise.
#include <chrono>

#include "core/process/delivery.h"
#include "tests/core/flux_test_fixture.h"
#include "tests/core/process_test_util.h"

using namespace tidewater;
using namespace tidewater::testing;

namespace {

// A query as the operator; its header and data rows, one per line. Statuses and notifications
// are stamped with now(): _monitoring keeps 7 days, as InfluxDB's does.
std::string monitor_rows(ApiFixture& f, const std::string& flux) {
  std::string lf;
  for (char c : query_csv(f, flux))
    if (c != '\r') lf += c;
  return rows_of(lf);
}

json take_outbox(ApiFixture& f) { return json::parse(process::take_notifications(*f.db)); }

std::string body_text(const json& request) {
  const json body = json::parse(request["body"].get<std::string>());
  return body["attachments"][0]["text"].get<std::string>();
}

const char kLevels[] = R"(import "array"
import "influxdata/influxdb/monitor"
data = array.from(rows: [
  {_time: 2021-01-01T00:00:00Z, _level: "ok"},
  {_time: 2021-01-01T00:01:00Z, _level: "ok"},
  {_time: 2021-01-01T00:02:00Z, _level: "warn"},
  {_time: 2021-01-01T00:03:00Z, _level: "crit"},
])
)";

}  // namespace

TEST_CASE("monitor.stateChanges and stateChangesOnly keep the rows where the level changed") {
  Fixture f;
  CHECK(script_rows(f, std::string(kLevels) + "data |> monitor.stateChanges(toLevel: \"crit\")") ==
        ",result,table,_time,_level\n,,0,2021-01-01T00:03:00Z,crit\n");
  CHECK(script_rows(f, std::string(kLevels) + "data |> monitor.stateChanges(fromLevel: \"ok\", toLevel: \"warn\")") ==
        ",result,table,_time,_level\n,,0,2021-01-01T00:02:00Z,warn\n");
  // ok -> ok is no change; warn and crit are.
  CHECK(script_rows(f, std::string(kLevels) + "data |> monitor.stateChangesOnly()") ==
        ",result,table,_time,_level\n,,0,2021-01-01T00:02:00Z,warn\n,,1,2021-01-01T00:03:00Z,crit\n");
  CHECK(script_rows(f, std::string(kLevels) + "data |> monitor.stateChanges()") ==
        ",result,table,_time,_level\n,,0,2021-01-01T00:02:00Z,warn\n,,1,2021-01-01T00:03:00Z,crit\n");
  CHECK(script_rows(f, std::string(kLevels) + "data |> monitor.stateChanges(fromLevel: \"crit\")") == "");
}

TEST_CASE("monitor.deadman marks series whose last row is before t") {
  Fixture f;
  const std::string rows = script_rows(f, R"(import "influxdata/influxdb/monitor"
from(bucket: "home") |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T11:00:00Z)
  |> filter(fn: (r) => r._field == "co")
  |> monitor.deadman(t: 2022-01-01T10:30:00Z) |> keep(columns: ["room", "_time", "dead"]))");
  // Both rooms last reported at 10:00, before t.
  INFO(rows);
  CHECK(rows.find("2022-01-01T10:00:00Z,kitchen,true") != std::string::npos);
  CHECK(rows.find("2022-01-01T10:00:00Z,living,true") != std::string::npos);
  const std::string alive = script_rows(f, R"(import "influxdata/influxdb/monitor"
from(bucket: "home") |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T11:00:00Z)
  |> filter(fn: (r) => r._field == "co")
  |> monitor.deadman(t: 2022-01-01T09:30:00Z) |> keep(columns: ["room", "dead"]))");
  CHECK(alive.find("true") == std::string::npos);
}

TEST_CASE("monitor.check writes statuses to _monitoring and monitor.from reads them back") {
  ApiFixture f;
  write_home(f);
  // One check run per hour 18..20, each at its own now(): statuses of one series and run share
  // _time (now()), so each run reads one hour, as a check's every/range does.
  const int64_t real_now = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  std::string written;
  for (int hour = 18; hour <= 20; ++hour) {
    const std::string h = std::to_string(hour);
    written += monitor_rows(f, R"(import "influxdata/influxdb/monitor"
import "influxdata/influxdb/v1"
option now = () => )" + model::format_rfc3339(real_now - (21 - hour) * 60'000'000'000LL) + R"(
from(bucket: "b") |> range(start: 2022-01-01T)" + h + R"(:00:00Z, stop: 2022-01-01T)" + h + R"(:00:01Z)
  |> filter(fn: (r) => r._measurement == "home" and r._field == "co")
  |> v1.fieldsAsCols()
  |> monitor.check(
      data: {_check_id: "0000000000000001", _check_name: "CO", _type: "custom", tags: {team: "home"}},
      messageFn: (r) => "CO in ${r.room} is ${string(v: r.co)}: ${r._level}",
      crit: (r) => r.co > 20, warn: (r) => r.co > 8, info: (r) => r.co > 0))");
  }
  // Stored as InfluxDB stores them: tags _check_id, _check_name, _level, _source_measurement,
  // _type and the data's tags; fields _message, _source_timestamp and the checked values.
  const std::string stored = monitor_rows(f, R"(import "influxdata/influxdb/monitor"
monitor.from(start: -1h, fn: (r) => r._level == "crit")
  |> keep(columns: ["_check_id", "_check_name", "_level", "_source_measurement", "_type", "team", "room", "co", "_message", "_source_timestamp"]))");
  INFO(stored);
  // Kitchen's crit rows: co 22 at 19:00 and 26 at 20:00.
  CHECK(stored.find("0000000000000001,CO,crit,home,custom,Kitchen,home,CO in Kitchen is 22: crit,1641063600000000000,22\n") !=
        std::string::npos);
  CHECK(stored.find("CO in Kitchen is 26: crit") != std::string::npos);
  CHECK(stored.find("Living Room") == std::string::npos);
  // Series per level: the check's statuses feed stateChangesOnly.
  const std::string changes = monitor_rows(f, R"(import "influxdata/influxdb/monitor"
monitor.from(start: -1h, fn: (r) => r.room == "Kitchen") |> monitor.stateChangesOnly() |> keep(columns: ["_level", "co"]))");
  INFO(changes);
  CHECK(changes == ",result,table,co,_level\n,_result,0,22,crit\n");  // 18:00 warn (18), then crit at 19:00
}

TEST_CASE("monitor.notify queues each message; its notifications row waits for the host's report") {
  ApiFixture f;
  write_home(f);
  const std::string notify = R"(import "influxdata/influxdb/monitor"
import "slack"
endpoint = slack.endpoint(url: "http://127.0.0.1:9/slack")(mapFn: (r) => ({channel: "#alerts", text: "CO ${string(v: r._value)} in ${r.room}", color: "danger"}))
from(bucket: "b") |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T20:00:01Z)
  |> filter(fn: (r) => r._measurement == "home" and r._field == "co" and r._value > 20)
  |> monitor.notify(endpoint: endpoint, data: {_notification_rule_id: "0000000000000002", _notification_rule_name: "co rule",
       _notification_endpoint_id: "0000000000000003", _notification_endpoint_name: "slack"}))";
  const std::string result = monitor_rows(f, notify);
  INFO(result);
  // The query's own answer: not sent (yet).
  CHECK(result.find(",false\n") != std::string::npos);
  CHECK(result.find(",true\n") == std::string::npos);
  json outbox = take_outbox(f);
  REQUIRE(outbox.size() == 2);
  CHECK(outbox[0]["url"] == "http://127.0.0.1:9/slack");
  CHECK(body_text(outbox[0]) == "CO 22 in Kitchen");
  CHECK(body_text(outbox[1]) == "CO 26 in Kitchen");
  CHECK(json::parse(outbox[0]["body"].get<std::string>())["channel"] == "#alerts");
  const std::string logs = R"(import "influxdata/influxdb/monitor"
monitor.logs(start: -1h, fn: (r) => true) |> keep(columns: ["_sent", "_reason", "_notification_rule_name", "_status_timestamp"]))";
  CHECK(monitor_rows(f, logs) == "");  // nothing recorded before the host reports
  CHECK(process::record_delivery(*f.db, outbox[0], json{{"sent", true}, {"status", 200}}) == "");
  CHECK(process::record_delivery(*f.db, outbox[1], json{{"sent", false}, {"reason", "connect ECONNREFUSED 127.0.0.1:9"}}) == "");
  const std::string logged = monitor_rows(f, logs);
  INFO(logged);
  CHECK(logged.find(",co rule,true,1641063600000000000") != std::string::npos);
  CHECK(logged.find(",co rule,false,connect ECONNREFUSED 127.0.0.1:9,1641067200000000000") != std::string::npos);
}

TEST_CASE("the tutorial's alerting pipeline queues one message per flagged row, and http.post sends JSON") {
  ApiFixture f;
  write_home(f);
  const std::string rows = monitor_rows(f, R"(import "slack"
from(bucket: "b") |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T20:00:01Z)
  |> filter(fn: (r) => r._measurement == "home" and r._field == "co")
  |> map(fn: (r) => ({r with level: if r._value >= 20 then "critical" else if r._value >= 10 then "warning" else "ok"}))
  |> filter(fn: (r) => r.level == "critical" or r.level == "warning")
  |> map(fn: (r) => ({r with sent: slack.message(url: "http://127.0.0.1:9/hook", channel: "#co", color: "danger",
       text: "${r.room}: CO ${string(v: r._value)} ppm is ${r.level}")}))
  |> keep(columns: ["_time", "room", "sent"]))");
  INFO(rows);
  CHECK(rows.find(",0,") != std::string::npos);  // no HTTP status yet: 0
  json outbox = take_outbox(f);
  std::vector<std::string> texts;
  for (const auto& request : outbox) texts.push_back(body_text(request));
  CHECK(texts == std::vector<std::string>{"Kitchen: CO 18 ppm is warning", "Kitchen: CO 22 ppm is critical",
                                          "Kitchen: CO 26 ppm is critical", "Living Room: CO 14 ppm is warning",
                                          "Living Room: CO 17 ppm is warning"});
  CHECK(take_outbox(f).empty());  // taken once
  monitor_rows(f, R"(import "array"
import "http"
import "json"
array.from(rows: [{room: "Kitchen", co: 22}])
  |> map(fn: (r) => ({r with status: http.post(url: "http://127.0.0.1:9/post", headers: {"Content-Type": "application/json"},
       data: json.encode(v: {room: r.room, co: r.co}))})))");
  outbox = take_outbox(f);
  REQUIRE(outbox.size() == 1);
  const json& post = outbox.back();
  CHECK(post["method"] == "POST");
  CHECK(post["url"] == "http://127.0.0.1:9/post");
  CHECK(post["headers"]["Content-Type"] == "application/json");
  CHECK(json::parse(post["body"].get<std::string>()) == json{{"room", "Kitchen"}, {"co", 22}});
}

TEST_CASE("without an outbox slack.message answers 0 and notify logs the row as not sent") {
  Fixture f;
  CHECK(script_rows(f, R"(import "array"
import "slack"
array.from(rows: [{v: 1}]) |> map(fn: (r) => ({r with code: slack.message(url: "http://127.0.0.1:9", channel: "c", text: "t", color: "good")})))") ==
        ",result,table,v,code\n,,0,1,0\n");
}
