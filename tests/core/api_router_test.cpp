#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/api/router.h"
#include "tests/core/test_dir.h"

using namespace tidewater;
using nlohmann::json;
using tidewater::testing::TestDir;

namespace {

struct Fixture {
  TestDir dir;
  std::unique_ptr<api::Database> db;
  std::unique_ptr<api::Router> router;
  std::string token;

  Fixture() { reopen(); }
  void reopen() {
    router.reset();
    db.reset();
    auto d = api::Database::open(dir.path(), {});
    REQUIRE(d.ok());
    db = std::move(*d);
    router = std::make_unique<api::Router>(*db);
  }
  api::Response call(const std::string& method, const std::string& target, const std::string& body = "",
                     const std::string& content_type = "", bool with_token = true) {
    api::Request req = api::Request::from_target(method, target);
    if (with_token && !token.empty()) req.set_header("Authorization", "Token " + token);
    if (!content_type.empty()) req.set_header("Content-Type", content_type);
    req.body = body;
    return router->handle(req);
  }
  void setup() {
    auto r = call("POST", "/api/v2/setup",
                  R"({"username":"ada","password":"lovelace-1815","org":"o","bucket":"b","retentionPeriodSeconds":0})",
                  "application/json");
    REQUIRE(r.status == 201);
    token = json::parse(r.body)["auth"]["token"];
  }
};

json body_of(const api::Response& r) { return json::parse(r.body); }

}  // namespace

TEST_CASE("setup once, with InfluxDB's response shape") {
  Fixture f;
  CHECK(body_of(f.call("GET", "/api/v2/setup")) == json{{"allowed", true}});
  auto r = f.call("POST", "/api/v2/setup", R"({"username":"ada","password":"lovelace-1815","org":"o","bucket":"b"})");
  REQUIRE(r.status == 201);
  const json j = body_of(r);
  CHECK(j["user"]["name"] == "ada");
  CHECK(j["org"]["name"] == "o");
  CHECK(j["bucket"]["name"] == "b");
  CHECK(j["bucket"]["orgID"] == j["org"]["id"]);
  CHECK(j["bucket"]["retentionRules"] == json::array());
  CHECK(j["auth"]["token"].get<std::string>().size() == 88);
  CHECK(j["auth"]["userID"] == j["user"]["id"]);
  CHECK(j["auth"]["permissions"].size() == 2 * auth::resource_types().size());
  CHECK(body_of(f.call("GET", "/api/v2/setup")) == json{{"allowed", false}});
  auto again = f.call("POST", "/api/v2/setup", R"({"username":"x","password":"password1","org":"p","bucket":"c"})");
  CHECK(again.status == 422);
  CHECK(body_of(again) == json{{"code", "conflict"}, {"message", "onboarding has already been completed"}});
}

TEST_CASE("setup validates its body") {
  Fixture f;
  CHECK(f.call("POST", "/api/v2/setup", "{").status == 400);
  CHECK(body_of(f.call("POST", "/api/v2/setup", R"({"org":"o","bucket":"b"})"))["message"] == "username is empty");
  CHECK(f.call("POST", "/api/v2/setup", R"({"username":"u","password":"short","org":"o","bucket":"b"})").status == 400);
  CHECK(body_of(f.call("GET", "/api/v2/setup")) == json{{"allowed", true}});  // nothing was created
}

TEST_CASE("the token is stored hashed: its secret appears in no file") {
  Fixture f;
  f.setup();
  for (const auto& name : util::list_dir(f.dir.path() + "/catalog")) {
    auto text = util::read_file(f.dir.path() + "/catalog/" + name);
    REQUIRE(text.ok());
    CHECK(text->find(f.token) == std::string::npos);
  }
}

TEST_CASE("write then query through the router, and data survives reopening") {
  Fixture f;
  f.setup();
  auto w = f.call("POST", "/api/v2/write?org=o&bucket=b&precision=s", "m,host=a v=1.5 1641024000\nm,host=a v=2 1641024060\n");
  CHECK(w.status == 204);
  const std::string flux = R"(from(bucket: "b") |> range(start: 2022-01-01T00:00:00Z, stop: 2022-01-02T00:00:00Z) |> filter(fn: (r) => r._measurement == "m"))";
  const std::string expected =
      "#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string\r\n"
      "#group,false,false,true,true,false,false,true,true,true\r\n"
      "#default,_result,,,,,,,,\r\n"
      ",result,table,_start,_stop,_time,_value,_field,_measurement,host\r\n"
      ",,0,2022-01-01T00:00:00Z,2022-01-02T00:00:00Z,2022-01-01T08:00:00Z,1.5,v,m,a\r\n"
      ",,0,2022-01-01T00:00:00Z,2022-01-02T00:00:00Z,2022-01-01T08:01:00Z,2,v,m,a\r\n"
      "\r\n";
  const json q = {{"query", flux}, {"dialect", {{"annotations", {"datatype", "group", "default"}}}}};
  auto r = f.call("POST", "/api/v2/query?org=o", q.dump(), "application/json");
  CHECK(r.status == 200);
  CHECK(r.body == expected);
  f.reopen();
  CHECK(f.call("POST", "/api/v2/query?org=o", q.dump(), "application/json").body == expected);
  // Raw Flux answers plain CSV: a header row, no annotations.
  auto raw = f.call("POST", "/api/v2/query?org=o", flux, "application/vnd.flux");
  CHECK(raw.status == 200);
  CHECK(raw.body.rfind(",result,table,_start,_stop,_time,_value,_field,_measurement,host\r\n", 0) == 0);
}

TEST_CASE("write errors: parse position, nothing written, conflicts, auth") {
  Fixture f;
  f.setup();
  auto bad = f.call("POST", "/api/v2/write?org=o&bucket=b", "m v=1 1\nm v=2 2\nm v=\n");
  CHECK(bad.status == 400);
  const std::string msg = body_of(bad)["message"];
  CHECK(body_of(bad)["code"] == "invalid");
  CHECK(msg.find("line 3") != std::string::npos);
  const std::string flux = R"(from(bucket: "b") |> range(start: 0))";
  CHECK(f.call("POST", "/api/v2/query?org=o", flux, "application/vnd.flux").body.find(",m") == std::string::npos);

  CHECK(f.call("POST", "/api/v2/write?org=o&bucket=b", "m v=1 1").status == 204);
  auto conflict = f.call("POST", "/api/v2/write?org=o&bucket=b", "m v=1i 2\nm v=3 3");
  CHECK(conflict.status == 422);
  CHECK(body_of(conflict)["message"] ==
        "partial write: field type conflict: input field \"v\" on measurement \"m\" is type integer, already exists as type float dropped=1");

  CHECK(f.call("POST", "/api/v2/write?org=o&bucket=nope", "m v=1").status == 404);
  CHECK(f.call("POST", "/api/v2/write?bucket=b", "m v=1").status == 400);
  CHECK(f.call("POST", "/api/v2/write?org=o&bucket=b&precision=h", "m v=1").status == 400);
  CHECK(f.call("POST", "/api/v2/write?org=o&bucket=b", "m v=1", "", false).status == 401);
  f.token = "wrong";
  CHECK(body_of(f.call("POST", "/api/v2/write?org=o&bucket=b", "m v=1")) ==
        json{{"code", "unauthorized"}, {"message", "unauthorized access"}});
}

TEST_CASE("routing: unknown paths and methods get JSON errors; ping carries the version") {
  Fixture f;
  auto nf = f.call("GET", "/api/v2/nothing");
  CHECK(nf.status == 404);
  CHECK(body_of(nf)["code"] == "not found");
  CHECK(f.call("DELETE", "/api/v2/setup").status == 405);
  auto ping = f.call("GET", "/ping");
  CHECK(ping.status == 204);
  bool has_version = false;
  for (const auto& [k, v] : ping.headers) has_version |= k == "x-influxdb-version";
  CHECK(has_version);
  CHECK(body_of(f.call("GET", "/health"))["status"] == "pass");
}
