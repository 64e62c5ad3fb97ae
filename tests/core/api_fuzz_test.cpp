// Random methods, paths, headers and bodies at the router (fixed seed): it never throws or
// crashes, every error is InfluxDB's {code, message} JSON, and the database still opens.
#include <random>

#include "tests/core/api_fixture.h"

using namespace tidewater;
using namespace tidewater::testing;

namespace {

struct Gen {
  std::mt19937 rng{20240301};
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
  }
  int num(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  std::string bytes(int max) {
    std::string s(static_cast<size_t>(num(0, max)), '\0');
    for (auto& c : s) c = static_cast<char>(num(0, 255));
    return s;
  }
};

}  // namespace

TEST_CASE("fuzz: random requests always get a JSON error or a success") {
  ApiFixture f;
  Gen g;
  const std::string bogus_id = "0123456789abcdef";
  auto [all, all_id] = f.make_token(f.org_id, ApiFixture::all_access(f.org_id));
  // Definitions to aim at: a dashboard with a cell, a task with a run, a check, endpoint and rule.
  const std::string dash = f.ok_json("POST", "/api/v2/dashboards", json{{"orgID", f.org_id}, {"name", "d"}}.dump(), 201)["id"];
  const std::string cell = f.ok_json("POST", "/api/v2/dashboards/" + dash + "/cells", "{}", 201)["id"];
  const std::string task = f.ok_json("POST", "/api/v2/tasks",
                                     json{{"orgID", f.org_id}, {"flux", "option task = {name: \"t\", every: 1h}\nx = 1"}}.dump(), 201)["id"];
  const std::string run = f.ok_json("POST", "/api/v2/tasks/" + task + "/runs", "", 201)["id"];
  const std::string endpoint = f.ok_json("POST", "/api/v2/notificationEndpoints",
                                         json{{"orgID", f.org_id}, {"name", "e"}, {"type", "slack"}, {"url", "u"}}.dump(), 201)["id"];
  const std::vector<std::string> methods = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "BREW", ""};
  const std::vector<std::string> bases = {
      "/api/v2/buckets", "/api/v2/orgs", "/api/v2/users", "/api/v2/authorizations", "/api/v2/dbrps", "/api/v2/delete",
      "/api/v2/write", "/api/v2/query", "/api/v2/setup", "/api/v2/signin", "/api/v2/signout", "/api/v2/me",
      "/api/v2/me/password", "/api/v2/resources", "/health", "/ping", "/", "", "/api", "/api/v2", "/api/v2/nothing",
      "/api/v2/dashboards", "/api/v2/variables", "/api/v2/tasks", "/api/v2/checks", "/api/v2/notificationEndpoints",
      "/api/v2/notificationRules", "/ready"};
  const std::vector<std::string> ids = {f.org_id, f.bucket_id, f.user_id, all_id, bogus_id, "x", "", "0000000000000000",
                                        "%zz", "..", "ffffffffffffffffff", dash, cell, task, run, endpoint};
  const std::vector<std::string> params = {"org=o", "orgID=" + f.org_id, "bucket=b", "bucketID=" + f.bucket_id, "limit=1",
                                           "limit=-5", "offset=99999999999", "after=zz", "name=b", "db=b", "default=yes",
                                           "precision=s", "id=" + bogus_id, "user=ada", "%%", "=", "&&"};
  const std::vector<std::string> bodies = {
      "", "{", "}", "[]", "null", "42", "\"s\"", "{}", R"({"name":"fz"})", R"({"name":null})", R"({"name":{"a":1}})",
      R"({"orgID":")" + f.org_id + R"(","name":"fz"})", R"({"orgID":")" + f.org_id + R"(","name":"fz","retentionRules":[{"everySeconds":1e99}]})",
      R"({"orgID":")" + f.org_id + R"(","permissions":[{"action":"read","resource":{"type":"buckets"}}]})",
      R"({"orgID":")" + f.org_id + R"(","permissions":[{"action":"read","resource":{"type":"buckets","id":5}}]})",
      R"({"start":"2022-01-01T00:00:00Z","stop":"2022-01-02T00:00:00Z","predicate":"((a=\"1\""})",
      R"({"start":1,"stop":[],"predicate":{}})", R"({"status":"inactive"})", R"({"password":12345678})",
      R"({"orgID":")" + f.org_id + R"(","bucketID":")" + f.bucket_id + R"(","database":"d","retention_policy":"r"})",
      R"({"retentionRules":"forever"})", R"({"default":"true"})", "m v=1", "m,t=1 v=", std::string(2000, '['),
      R"({"query":"from(bucket: \"b\") |> range(start: -1h"})", "\xff\xfe\x00", R"({"username":"u","password":"p","org":"","bucket":1})",
      R"({"orgID":")" + f.org_id + R"(","name":"v","arguments":{"type":"map","values":{"a":1}}})",
      R"({"orgID":")" + f.org_id + R"(","name":"v","arguments":{"type":"constant","values":["a"]}})",
      R"({"orgID":")" + f.org_id + R"(","flux":"option task = {name: \"t\", every: 1h, cron: \"x\"}"})",
      R"({"orgID":")" + f.org_id + R"(","flux":"option task = {name: \"t\", every: 1h}"})", R"({"every":"2h","cron":3})",
      R"({"orgID":")" + f.org_id + R"(","name":"c","type":"threshold","every":"1m","query":{"text":1},"thresholds":[{}]})",
      R"({"orgID":")" + f.org_id + R"(","name":"e","type":"http","url":"u","method":"POST","authMethod":"none"})",
      R"({"orgID":")" + f.org_id + R"(","name":"r","type":"slack","endpointID":")" + endpoint + R"(","messageTemplate":"m","statusRules":[{"currentLevel":"CRIT"}]})",
      R"([{"id":")" + cell + R"(","x":"1"}])", R"({"x":1.5,"y":null,"usingView":")" + cell + R"("})", R"({"scheduledFor":"2022-01-01T00:00:00Z"})",
      R"({"name":"v","properties":{"type":"xy"}})", R"({"name":"d","cells":7})",
      R"({"query":"v","extern":{"type":"File","body":[{"type":"OptionStatement","assignment":{"type":"VariableAssignment","id":{"type":"Identifier","name":"v"},"init":{"type":"UnaryExpression","operator":"-","argument":{"type":"CallExpression","callee":{}}}}}]}})",
      R"({"query":"params.x","params":{"x":[1,{"a":null}]}})"};
  const std::vector<std::string> auths = {"", "Token " + f.token, "Token " + all, "Bearer " + f.token, "Token ", "Token bogus",
                                          "Basic YWRhOmxvdmVsYWNlLTE4MTU=", "Basic ***", "Bearer"};

  int errors = 0;
  for (int i = 0; i < 3000; ++i) {
    api::Request req;
    req.method = g.pick(methods);
    std::string path = g.pick(bases);
    switch (g.num(0, 4)) {
      case 1: path += "/" + g.pick(ids); break;
      case 2: path += "/" + g.pick(ids) + "/" + g.pick(std::vector<std::string>{"password", "members", "x", ""}); break;
      case 3: path += g.bytes(6); break;
      case 4:
        path += "/" + g.pick(ids) + "/" + g.pick(std::vector<std::string>{"cells", "runs", "logs"}) + "/" + g.pick(ids) + "/" +
                g.pick(std::vector<std::string>{"view", "logs", "retry", ""});
        break;
      default: break;
    }
    std::string target = path;
    for (int k = g.num(0, 3); k > 0; --k) target += (k == 1 && target == path ? "?" : "&") + g.pick(params);
    if (g.num(0, 1)) target = path + "?" + g.pick(params);
    req = api::Request::from_target(req.method, target);
    if (const std::string a = g.pick(auths); !a.empty()) req.set_header("Authorization", a);
    if (g.num(0, 4) == 0) req.set_header("Content-Type", g.pick(std::vector<std::string>{"application/vnd.flux", "text/plain", "application/json", "x"}));
    if (g.num(0, 9) == 0) req.set_header("Cookie", "influxdb-oss-session=" + g.bytes(10));
    req.body = g.num(0, 5) == 0 ? g.bytes(200) : g.pick(bodies);
    if (i % 500 == 499) req.body = std::string((1 << 20) + 1, 'x');  // too large for JSON endpoints

    const api::Response r = f.router->handle(req);
    INFO("request " << i << ": " << req.method << " " << target << " body " << req.body.substr(0, 80) << " -> " << r.status << " " << r.body);
    CHECK(r.status >= 200);
    CHECK(r.status < 600);
    CHECK(r.status != 500);
    if (r.status >= 400 && req.method != "HEAD") {
      ++errors;
      const json j = json::parse(r.body, nullptr, false);
      REQUIRE(j.is_object());
      CHECK(j["code"].is_string());
      CHECK(j["message"].is_string());
    }
  }
  CHECK(errors > 1000);
  // Whatever the fuzzer changed was persisted whole: the database opens again.
  f.reopen();
  CHECK(f.call_as("", "GET", "/health").status == 200);
}
