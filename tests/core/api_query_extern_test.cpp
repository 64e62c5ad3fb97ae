// POST /api/v2/query with `extern` (the InfluxDB UI's dashboard variables as a Flux File AST)
// and `params`, with the bodies the UI and clients send.
#include "core/api/query_extern.h"
#include "tests/core/api_fixture.h"

using namespace tidewater;
using namespace tidewater::testing;

namespace {

json property(const std::string& name, const json& value) {
  return {{"type", "Property"}, {"key", {{"type", "Identifier"}, {"name", name}}}, {"value", value}};
}

// The extern the UI builds for `v`: timeRangeStart/Stop, windowPeriod and a user variable.
json ui_extern(const json& start, const json& stop) {
  return {{"type", "File"},
          {"package", nullptr},
          {"imports", nullptr},
          {"body",
           json::array({{{"type", "OptionStatement"},
                         {"assignment",
                          {{"type", "VariableAssignment"},
                           {"id", {{"type", "Identifier"}, {"name", "v"}}},
                           {"init",
                            {{"type", "ObjectExpression"},
                             {"properties",
                              json::array({property("timeRangeStart", start), property("timeRangeStop", stop),
                                           property("windowPeriod",
                                                    {{"type", "DurationLiteral"},
                                                     {"values", json::array({{{"magnitude", 3600000}, {"unit", "ms"}}})}}),
                                           property("room", {{"type", "StringLiteral"}, {"value", "Kitchen"}})})}}}}}}})}};
}

const json kDialect = {{"annotations", json::array({"group", "datatype", "default"})}};

}  // namespace

TEST_CASE("extern renders to Flux") {
  const json start = {{"type", "UnaryExpression"}, {"operator", "-"},
                      {"argument", {{"type", "DurationLiteral"}, {"values", json::array({{{"magnitude", 1}, {"unit", "h"}}})}}}};
  const json stop = {{"type", "CallExpression"}, {"callee", {{"type", "Identifier"}, {"name", "now"}}}};
  auto flux = api::extern_to_flux(ui_extern(start, stop));
  REQUIRE(flux.ok());
  CHECK(*flux == "option v = {timeRangeStart: -1h, timeRangeStop: now(), windowPeriod: 3600000ms, room: \"Kitchen\"}\n");
  auto params = api::params_to_flux(json{{"room", "Kit\"chen"}, {"n", 3}, {"f", 1.5}, {"on", true}});
  REQUIRE(params.ok());
  CHECK(*params == "params = {f: 1.5, n: 3, on: true, room: \"Kit\\\"chen\"}\n");
  for (const json& bad : {json{{"type", "Program"}}, json{{"type", "File"}, {"body", json::array({{{"type", "ReturnStatement"}}})}},
                          json{{"type", "File"}, {"body", json::array({{{"type", "OptionStatement"}, {"assignment", 5}}})}},
                          json::array()}) {
    INFO(bad.dump());
    CHECK(api::extern_to_flux(bad).status().code() == ErrorCode::kInvalid);
  }
  CHECK(api::params_to_flux(json{{"a b", 1}}).status().code() == ErrorCode::kInvalid);
  CHECK(api::params_to_flux(json{{"a", nullptr}}).status().code() == ErrorCode::kInvalid);
}

TEST_CASE("query with the UI's extern and with params") {
  ApiFixture f;
  REQUIRE(f.call("POST", "/api/v2/write?org=o&bucket=b&precision=s",
                 "home,room=Kitchen temp=21.0 1641024000\nhome,room=Kitchen temp=23.0 1641027600\n"
                 "home,room=Living temp=20.0 1641024000\n")
              .status == 204);
  const std::string query =
      "from(bucket: \"b\")\n  |> range(start: v.timeRangeStart, stop: v.timeRangeStop)\n"
      "  |> filter(fn: (r) => r._measurement == \"home\" and r.room == v.room)\n"
      "  |> aggregateWindow(every: v.windowPeriod, fn: mean, createEmpty: false)\n  |> yield(name: \"mean\")";
  const json start = {{"type", "DateTimeLiteral"}, {"value", "2022-01-01T08:00:00Z"}};
  const json stop = {{"type", "DateTimeLiteral"}, {"value", "2022-01-01T10:00:00Z"}};
  json body = {{"query", query}, {"extern", ui_extern(start, stop)}, {"dialect", kDialect}};
  auto r = f.call("POST", "/api/v2/query?org=o", body.dump());
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.body.find("#default,mean,") != std::string::npos);
  CHECK(r.body.find(",,0,2022-01-01T08:00:00Z,2022-01-01T10:00:00Z,2022-01-01T09:00:00Z,21,temp,home,Kitchen") != std::string::npos);
  CHECK(r.body.find("2022-01-01T10:00:00Z,23,temp,home,Kitchen") != std::string::npos);
  CHECK(r.body.find("Living") == std::string::npos);

  // The relative range the UI sends by default, against `now`.
  const json rel_start = {{"type", "UnaryExpression"}, {"operator", "-"},
                          {"argument", {{"type", "DurationLiteral"}, {"values", json::array({{{"magnitude", 2}, {"unit", "h"}}})}}}};
  const json now_stop = {{"type", "CallExpression"}, {"callee", {{"type", "Identifier"}, {"name", "now"}}}};
  body = {{"query", query}, {"extern", ui_extern(rel_start, now_stop)}, {"now", "2022-01-01T10:00:00Z"}, {"dialect", kDialect}};
  r = f.call("POST", "/api/v2/query?org=o", body.dump());
  REQUIRE(r.status == 200);
  CHECK(r.body.find(",21,temp,home,Kitchen") != std::string::npos);

  // A query that opens with imports (and comments): the extern goes after them, as Flux only
  // allows imports at the top.
  const std::string with_imports = "// the strings package\nimport \"strings\"\nimport s2 \"strings\"\n" + query +
                                   "\n  |> map(fn: (r) => ({r with up: s2.toUpper(v: strings.toLower(v: r.room))}))";
  body = {{"query", with_imports}, {"extern", ui_extern(start, stop)}, {"dialect", kDialect}};
  r = f.call("POST", "/api/v2/query?org=o", body.dump());
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.body.find(",21,temp,home,Kitchen,KITCHEN") != std::string::npos);
  CHECK(tidewater::api::leading_imports_end("import \"a\"\nx") == 10);
  CHECK(tidewater::api::leading_imports_end("x = 1\nimport \"a\"") == 0);
  CHECK(tidewater::api::leading_imports_end("importx \"a\"") == 0);
  CHECK(tidewater::api::leading_imports_end("import \"unterminated") == 0);

  // params.name in the script.
  body = {{"query", "from(bucket: params.bucket) |> range(start: 2022-01-01T00:00:00Z, stop: 2022-01-02T00:00:00Z)"
                    " |> filter(fn: (r) => r.room == params.room and r._value > params.min)"},
          {"params", {{"bucket", "b"}, {"room", "Kitchen"}, {"min", 22.0}}},
          {"type", "flux"}};
  r = f.call("POST", "/api/v2/query?org=o", body.dump());
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.body.find(",23,temp,home,Kitchen") != std::string::npos);
  CHECK(r.body.find(",21,") == std::string::npos);

  // Bad extern or params: 400 with InfluxDB's error shape.
  for (const json& bad : {json{{"query", query}, {"extern", {{"type", "File"}, {"body", 3}}}},
                          json{{"query", query}, {"extern", "option v = {}"}}, json{{"query", query}, {"params", {{"1x", 1}}}},
                          json{{"query", query}, {"params", json::array()}}}) {
    auto res = f.call("POST", "/api/v2/query?org=o", bad.dump());
    INFO(bad.dump() << " -> " << res.body);
    CHECK(res.status == 400);
    CHECK(body_of(res)["code"] == "invalid");
  }
}
