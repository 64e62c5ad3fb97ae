// /api/v2/checks, /api/v2/notificationEndpoints and /api/v2/notificationRules.
#include "tests/core/api_fixture.h"

using namespace tidewater;
using namespace tidewater::testing;

namespace {
json threshold_check(const std::string& org) {
  return {{"orgID", org},
          {"name", "CPU high"},
          {"type", "threshold"},
          {"query", {{"text", "from(bucket: \"b\") |> range(start: -1m)"}, {"editMode", "advanced"}}},
          {"every", "1m"},
          {"offset", "0s"},
          {"statusMessageTemplate", "Check: ${ r._check_name } is: ${ r._level }"},
          {"tags", json::array({{{"key", "env"}, {"value", "prod"}}})},
          {"thresholds", json::array({{{"type", "greater"}, {"value", 90}, {"level", "CRIT"}},
                                      {{"type", "range"}, {"min", 50}, {"max", 90}, {"within", true}, {"level", "WARN"}}})}};
}
}  // namespace

TEST_CASE("checks: threshold and deadman") {
  ApiFixture f;
  json c = f.ok_json("POST", "/api/v2/checks", threshold_check(f.org_id).dump(), 201);
  const std::string id = c["id"];
  CHECK(c["type"] == "threshold");
  CHECK(c["status"] == "active");
  CHECK(c["ownerID"] == f.user_id);
  CHECK(c["thresholds"].size() == 2);
  CHECK(c["links"]["self"] == "/api/v2/checks/" + id);
  CHECK(c["links"]["query"] == "/api/v2/checks/" + id + "/query");
  json dead = threshold_check(f.org_id);
  dead.erase("thresholds");
  dead["type"] = "deadman";
  dead["name"] = "silent";
  dead["timeSince"] = "90s";
  dead["staleTime"] = "10m";
  dead["reportZero"] = true;
  dead["level"] = "CRIT";
  json d = f.ok_json("POST", "/api/v2/checks", dead.dump(), 201);
  CHECK(d["timeSince"] == "90s");
  CHECK_FALSE(d.contains("thresholds"));

  json list = f.ok_json("GET", "/api/v2/checks?orgID=" + f.org_id);
  CHECK(list["checks"].size() == 2);
  CHECK(f.call("GET", "/api/v2/checks").status == 400);  // the org is required

  json patched = f.ok_json("PATCH", "/api/v2/checks/" + id, R"({"status":"inactive","name":"CPU"})");
  CHECK(patched["status"] == "inactive");
  CHECK(patched["name"] == "CPU");
  CHECK(patched["thresholds"].size() == 2);
  json put_body = threshold_check(f.org_id);
  put_body["thresholds"] = json::array({{{"type", "lesser"}, {"value", 1}, {"level", "INFO"}}});
  json put = f.ok_json("PUT", "/api/v2/checks/" + id, put_body.dump());
  CHECK(put["thresholds"].size() == 1);
  CHECK(put["createdAt"] == c["createdAt"]);

  for (const auto& kv : std::vector<std::pair<std::string, json>>{
           {"type", "other"}, {"every", "often"}, {"query", "text"}, {"name", 5}, {"status", "on"},
           {"thresholds", json::array({{{"type", "greater"}, {"level", "CRIT"}}})},
           {"thresholds", json::array({{{"type", "greater"}, {"value", 1}, {"level", "BAD"}}})},
           {"tags", json::array({1})}}) {
    const std::string& key = kv.first;
    const json& value = kv.second;
    json bad = threshold_check(f.org_id);
    bad[key] = value;
    auto r = f.call("POST", "/api/v2/checks", bad.dump());
    INFO(key << "=" << value.dump() << " -> " << r.body);
    CHECK(r.status == 400);
    CHECK(f.call("PUT", "/api/v2/checks/" + id, bad.dump()).status == 400);
  }
  CHECK(f.ok_json("GET", "/api/v2/checks?orgID=" + f.org_id)["checks"].size() == 2);
  CHECK(f.ok_json("GET", "/api/v2/checks/" + id)["thresholds"].size() == 1);

  f.reopen();
  CHECK(f.call("DELETE", "/api/v2/checks/" + id).status == 204);
  CHECK(body_of(f.call("GET", "/api/v2/checks/" + id))["message"] == "check not found");
}

TEST_CASE("notification endpoints and rules") {
  ApiFixture f;
  json http = {{"orgID", f.org_id}, {"name", "hook"}, {"type", "http"}, {"url", "http://127.0.0.1:9/hook"},
               {"method", "POST"}, {"authMethod", "bearer"}, {"token", "s3cret"}, {"headers", {{"X-A", "1"}}}};
  json e = f.ok_json("POST", "/api/v2/notificationEndpoints", http.dump(), 201);
  const std::string eid = e["id"];
  CHECK(e["type"] == "http");
  CHECK(e["status"] == "active");
  CHECK(e["userID"] == f.user_id);
  CHECK(e["token"] == "secret: " + eid + "-token");  // the secret never comes back
  CHECK(e.dump().find("s3cret") == std::string::npos);
  json slack = f.ok_json("POST", "/api/v2/notificationEndpoints",
                         json{{"orgID", f.org_id}, {"name", "s"}, {"type", "slack"}, {"url", "https://hooks.slack.test/x"}}.dump(), 201);
  for (const json& bad : {json{{"orgID", f.org_id}, {"name", "x"}, {"type", "http"}, {"method", "POST"}, {"authMethod", "none"}},
                          json{{"orgID", f.org_id}, {"name", "x"}, {"type", "http"}, {"url", "u"}, {"method", "DELETE"}, {"authMethod", "none"}},
                          json{{"orgID", f.org_id}, {"name", "x"}, {"type", "pagerduty"}},
                          json{{"orgID", f.org_id}, {"name", "x"}, {"type", "email"}},
                          json{{"orgID", f.org_id}, {"type", "slack"}, {"url", "u"}}}) {
    auto r = f.call("POST", "/api/v2/notificationEndpoints", bad.dump());
    INFO(bad.dump() << " -> " << r.body);
    CHECK(r.status == 400);
  }
  // PUT with the secret reference keeps the stored token.
  json put_body = e;
  put_body["name"] = "hook2";
  json put = f.ok_json("PUT", "/api/v2/notificationEndpoints/" + eid, put_body.dump());
  CHECK(put["name"] == "hook2");
  CHECK(f.db->catalog().definitions().find("notificationEndpoints", eid)->at("token") == "s3cret");
  CHECK(f.ok_json("GET", "/api/v2/notificationEndpoints?org=o")["notificationEndpoints"].size() == 2);

  json rule = {{"orgID", f.org_id}, {"name", "crit to slack"}, {"endpointID", slack["id"]}, {"type", "slack"},
               {"status", "active"}, {"every", "10m"}, {"messageTemplate", "${ r._message }"}, {"channel", "#ops"},
               {"statusRules", json::array({{{"currentLevel", "CRIT"}, {"previousLevel", "ANY"}}})},
               {"tagRules", json::array({{{"key", "env"}, {"value", "prod"}, {"operator", "equal"}}})}};
  json r = f.ok_json("POST", "/api/v2/notificationRules", rule.dump(), 201);
  const std::string rid = r["id"];
  CHECK(r["endpointID"] == slack["id"]);
  CHECK(r["ownerID"] == f.user_id);
  CHECK(r["links"]["query"] == "/api/v2/notificationRules/" + rid + "/query");
  for (const auto& kv : std::vector<std::pair<std::string, json>>{
           {"endpointID", "aaaaaaaaaaaaaaaa"}, {"endpointID", eid}, {"statusRules", json::array()},
           {"statusRules", json::array({{{"currentLevel", "HOT"}}})}, {"messageTemplate", ""}, {"type", "sms"},
           {"tagRules", json::array({{{"key", "a"}, {"value", "b"}, {"operator", "like"}}})}, {"every", 3}}) {
    const std::string& key = kv.first;
    const json& value = kv.second;
    json bad = rule;
    bad[key] = value;
    auto res = f.call("POST", "/api/v2/notificationRules", bad.dump());
    INFO(key << "=" << value.dump() << " -> " << res.body);
    CHECK((res.status == 400 || res.status == 404));
  }
  CHECK(f.ok_json("GET", "/api/v2/notificationRules?orgID=" + f.org_id)["notificationRules"].size() == 1);
  CHECK(f.ok_json("PATCH", "/api/v2/notificationRules/" + rid, R"({"status":"inactive"})")["status"] == "inactive");
  f.reopen();
  CHECK(f.ok_json("GET", "/api/v2/notificationRules/" + rid)["status"] == "inactive");
  CHECK(f.call("DELETE", "/api/v2/notificationRules/" + rid).status == 204);
  CHECK(f.call("DELETE", "/api/v2/notificationEndpoints/" + eid).status == 204);
  CHECK(body_of(f.call("GET", "/api/v2/notificationEndpoints/" + eid))["message"] == "notification endpoint not found");
}

TEST_CASE("ready") {
  ApiFixture f(false);
  auto r = f.call_as("", "GET", "/ready");
  CHECK(r.status == 200);
  const json j = body_of(r);
  CHECK(j["status"] == "ready");
  CHECK(j["started"].is_string());
  CHECK(j["up"].get<std::string>().back() == 's');
}
