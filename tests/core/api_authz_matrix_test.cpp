// Every endpoint called by every kind of caller, with the status InfluxDB 2.7 answers.
#include <functional>

#include "tests/core/api_fixture.h"

using namespace tidewater;
using namespace tidewater::testing;

namespace {

enum Caller { kOperator, kAllAccessA, kReadBucket, kWriteBucket, kInactive, kNone, kAllAccessB, kCallers };
const char* kCallerNames[] = {"operator", "all-access org A", "read bucket", "write bucket", "inactive", "no token", "all-access org B"};

const char* kTaskFlux = "option task = {name: \"t\", every: 1h}\nfrom(bucket: \"b\") |> range(start: -1h)";

struct World : ApiFixture {
  std::string org_b, bucket_b, read_auth_id;
  std::string dashboard_id, cell_id, variable_id, task_id, run_id, check_id, endpoint_id, rule_id;
  std::string tokens[kCallers];
  int counter = 0;

  World() {
    org_b = new_org("orgB");
    bucket_b = new_bucket(org_b, "bB");
    tokens[kOperator] = token;
    tokens[kAllAccessA] = make_token(org_id, all_access(org_id)).first;
    auto [reader, reader_id] = make_token(org_id, bucket_permission("read", org_id, bucket_id));
    tokens[kReadBucket] = reader;
    read_auth_id = reader_id;
    tokens[kWriteBucket] = make_token(org_id, bucket_permission("write", org_id, bucket_id)).first;
    auto [inactive, inactive_id] = make_token(org_id, all_access(org_id));
    REQUIRE(call("PATCH", "/api/v2/authorizations/" + inactive_id, R"({"status":"inactive"})").status == 200);
    tokens[kInactive] = inactive;
    tokens[kAllAccessB] = make_token(org_b, all_access(org_b)).first;
    dashboard_id = fresh_dashboard();
    cell_id = ok_json("POST", "/api/v2/dashboards/" + dashboard_id + "/cells", R"({"x":0,"y":0,"w":4,"h":4})", 201)["id"];
    variable_id = fresh_variable();
    task_id = fresh_task();
    run_id = fresh_run();
    check_id = fresh_check();
    endpoint_id = fresh_endpoint();
    rule_id = fresh_rule();
  }
  std::string fresh_dashboard() { return ok_json("POST", "/api/v2/dashboards", dashboard_body(), 201)["id"]; }
  std::string fresh_variable() { return ok_json("POST", "/api/v2/variables", variable_body(), 201)["id"]; }
  std::string fresh_task() { return ok_json("POST", "/api/v2/tasks", task_body(), 201)["id"]; }
  std::string fresh_run() { return ok_json("POST", "/api/v2/tasks/" + task_id + "/runs", "{}", 201)["id"]; }
  std::string fresh_check() { return ok_json("POST", "/api/v2/checks", check_body(), 201)["id"]; }
  std::string fresh_endpoint() { return ok_json("POST", "/api/v2/notificationEndpoints", endpoint_body(), 201)["id"]; }
  std::string fresh_rule() { return ok_json("POST", "/api/v2/notificationRules", rule_body(), 201)["id"]; }
  std::string dashboard_body() { return json{{"orgID", org_id}, {"name", unique("dash")}}.dump(); }
  std::string variable_body() {
    return json{{"orgID", org_id}, {"name", unique("var")}, {"arguments", {{"type", "constant"}, {"values", {"a"}}}}}.dump();
  }
  std::string task_body() { return json{{"orgID", org_id}, {"flux", kTaskFlux}}.dump(); }
  std::string check_body() {
    return json{{"orgID", org_id}, {"name", unique("check")}, {"type", "deadman"}, {"every", "1m"},
                {"query", {{"text", "from(bucket: \"b\") |> range(start: -1m)"}}}}.dump();
  }
  std::string endpoint_body() {
    return json{{"orgID", org_id}, {"name", unique("ep")}, {"type", "slack"}, {"url", "https://hooks.slack.test/x"}}.dump();
  }
  std::string rule_body() {
    return json{{"orgID", org_id}, {"name", unique("rule")}, {"type", "slack"}, {"endpointID", endpoint_id},
                {"status", "active"}, {"messageTemplate", "m"}, {"statusRules", {{{"currentLevel", "CRIT"}}}}}.dump();
  }
  std::string unique(const std::string& prefix) { return prefix + std::to_string(++counter); }
  // Fresh victims for destructive calls, so every caller meets the same situation.
  std::string fresh_bucket() { return new_bucket(org_id, unique("victim")); }
  std::string fresh_org() { return new_org(unique("victim-org")); }
  std::string fresh_auth() { return make_token(org_id, bucket_permission("read", org_id, bucket_id)).second; }
};

struct Row {
  const char* name;
  const char* method;
  std::function<std::string(World&)> target;
  std::function<std::string(World&)> body;
  int want[kCallers];
};

std::string none(World&) { return ""; }

}  // namespace

TEST_CASE("authorization matrix: every endpoint x every kind of token") {
  World w;
  const std::string flux = R"x({"query":"from(bucket: \"b\") |> range(start: -1h)"})x";
  const std::string delete_body = R"({"start":"2022-01-01T00:00:00Z","stop":"2022-01-02T00:00:00Z"})";
  const Row rows[] = {
      // name, method, target, body, {operator, allA, readB, writeB, inactive, none, allB}
      {"list buckets", "GET", [](World&) { return "/api/v2/buckets"; }, none, {200, 200, 200, 200, 401, 401, 200}},
      {"create bucket", "POST", [](World&) { return "/api/v2/buckets"; },
       [](World& w) { return json{{"orgID", w.org_id}, {"name", w.unique("nb")}}.dump(); }, {201, 201, 401, 401, 401, 401, 401}},
      {"get bucket", "GET", [](World& w) { return "/api/v2/buckets/" + w.bucket_id; }, none, {200, 200, 200, 401, 401, 401, 401}},
      {"patch bucket", "PATCH", [](World& w) { return "/api/v2/buckets/" + w.bucket_id; },
       [](World&) { return R"({"description":"x"})"; }, {200, 200, 401, 200, 401, 401, 401}},
      {"delete bucket", "DELETE", [](World& w) { return "/api/v2/buckets/" + w.fresh_bucket(); }, none,
       {204, 204, 401, 401, 401, 401, 401}},
      {"list orgs", "GET", [](World&) { return "/api/v2/orgs"; }, none, {200, 200, 200, 200, 401, 401, 200}},
      {"create org", "POST", [](World&) { return "/api/v2/orgs"; },
       [](World& w) { return json{{"name", w.unique("org")}}.dump(); }, {201, 401, 401, 401, 401, 401, 401}},
      {"get org", "GET", [](World& w) { return "/api/v2/orgs/" + w.org_id; }, none, {200, 200, 401, 401, 401, 401, 401}},
      {"patch org", "PATCH", [](World& w) { return "/api/v2/orgs/" + w.org_id; },
       [](World&) { return R"({"description":"x"})"; }, {200, 200, 401, 401, 401, 401, 401}},
      {"delete org", "DELETE", [](World& w) { return "/api/v2/orgs/" + w.fresh_org(); }, none,
       {204, 401, 401, 401, 401, 401, 401}},
      {"list users", "GET", [](World&) { return "/api/v2/users"; }, none, {200, 200, 200, 200, 401, 401, 200}},
      {"create user", "POST", [](World&) { return "/api/v2/users"; },
       [](World& w) { return json{{"name", w.unique("user")}}.dump(); }, {201, 401, 401, 401, 401, 401, 401}},
      {"get user", "GET", [](World& w) { return "/api/v2/users/" + w.user_id; }, none, {200, 401, 401, 401, 401, 401, 401}},
      {"patch user", "PATCH", [](World& w) { return "/api/v2/users/" + w.user_id; },
       [](World&) { return R"({"status":"active"})"; }, {200, 401, 401, 401, 401, 401, 401}},
      {"set password", "POST", [](World& w) { return "/api/v2/users/" + w.user_id + "/password"; },
       [](World&) { return R"({"password":"lovelace-1815"})"; }, {204, 401, 401, 401, 401, 401, 401}},
      {"me", "GET", [](World&) { return "/api/v2/me"; }, none, {200, 200, 200, 200, 401, 401, 200}},
      {"list authorizations", "GET", [](World&) { return "/api/v2/authorizations"; }, none, {200, 200, 200, 200, 401, 401, 200}},
      {"create authorization", "POST", [](World&) { return "/api/v2/authorizations"; },
       [](World& w) { return json{{"orgID", w.org_id}, {"permissions", ApiFixture::bucket_permission("read", w.org_id, w.bucket_id)}}.dump(); },
       {201, 201, 401, 401, 401, 401, 401}},
      {"get authorization", "GET", [](World& w) { return "/api/v2/authorizations/" + w.read_auth_id; }, none,
       {200, 200, 401, 401, 401, 401, 401}},
      {"patch authorization", "PATCH", [](World& w) { return "/api/v2/authorizations/" + w.fresh_auth(); },
       [](World&) { return R"({"description":"x"})"; }, {200, 200, 401, 401, 401, 401, 401}},
      {"delete authorization", "DELETE", [](World& w) { return "/api/v2/authorizations/" + w.fresh_auth(); }, none,
       {204, 204, 401, 401, 401, 401, 401}},
      {"resources", "GET", [](World&) { return "/api/v2/resources"; }, none, {200, 200, 200, 200, 401, 401, 200}},
      {"list dbrps", "GET", [](World&) { return "/api/v2/dbrps?org=o"; }, none, {200, 200, 200, 200, 401, 401, 200}},
      {"create dbrp", "POST", [](World&) { return "/api/v2/dbrps"; },
       [](World& w) { return json{{"orgID", w.org_id}, {"bucketID", w.bucket_id}, {"database", w.unique("db")}, {"retention_policy", "r"}}.dump(); },
       {201, 201, 401, 201, 401, 401, 401}},
      {"get dbrp", "GET", [](World& w) { return "/api/v2/dbrps/" + w.bucket_id + "?org=o"; }, none,
       {200, 200, 200, 401, 401, 401, 401}},
      {"write", "POST", [](World&) { return "/api/v2/write?org=o&bucket=b"; }, [](World&) { return "m v=1"; },
       {204, 204, 403, 204, 401, 401, 403}},
      {"query", "POST", [](World&) { return "/api/v2/query?org=o"; }, [&](World&) { return flux; },
       {200, 200, 200, 404, 401, 401, 404}},
      {"delete", "POST", [](World&) { return "/api/v2/delete?org=o&bucket=b"; }, [&](World&) { return delete_body; },
       {204, 204, 403, 204, 401, 401, 403}},
      {"signout without a session", "POST", [](World&) { return "/api/v2/signout"; }, none, {401, 401, 401, 401, 401, 401, 401}},
      {"setup state", "GET", [](World&) { return "/api/v2/setup"; }, none, {200, 200, 200, 200, 200, 200, 200}},
      {"health", "GET", [](World&) { return "/health"; }, none, {200, 200, 200, 200, 200, 200, 200}},
      {"ready", "GET", [](World&) { return "/ready"; }, none, {200, 200, 200, 200, 200, 200, 200}},
      {"list dashboards", "GET", [](World&) { return "/api/v2/dashboards"; }, none, {200, 200, 200, 200, 401, 401, 200}},
      {"create dashboard", "POST", [](World&) { return "/api/v2/dashboards"; }, [](World& w) { return w.dashboard_body(); },
       {201, 201, 401, 401, 401, 401, 401}},
      {"get dashboard", "GET", [](World& w) { return "/api/v2/dashboards/" + w.dashboard_id; }, none,
       {200, 200, 401, 401, 401, 401, 401}},
      {"patch dashboard", "PATCH", [](World& w) { return "/api/v2/dashboards/" + w.dashboard_id; },
       [](World&) { return R"({"description":"x"})"; }, {200, 200, 401, 401, 401, 401, 401}},
      {"delete dashboard", "DELETE", [](World& w) { return "/api/v2/dashboards/" + w.fresh_dashboard(); }, none,
       {204, 204, 401, 401, 401, 401, 401}},
      {"add cell", "POST", [](World& w) { return "/api/v2/dashboards/" + w.dashboard_id + "/cells"; },
       [](World&) { return R"({"x":0,"y":0,"w":1,"h":1})"; }, {201, 201, 401, 401, 401, 401, 401}},
      {"replace cells", "PUT", [](World& w) { return "/api/v2/dashboards/" + w.dashboard_id + "/cells"; },
       [](World& w) { return json::array({{{"id", w.cell_id}, {"x", 0}, {"y", 0}, {"w", 2}, {"h", 2}}}).dump(); },
       {201, 201, 401, 401, 401, 401, 401}},
      {"patch cell", "PATCH", [](World& w) { return "/api/v2/dashboards/" + w.dashboard_id + "/cells/" + w.cell_id; },
       [](World&) { return R"({"x":1})"; }, {200, 200, 401, 401, 401, 401, 401}},
      {"delete cell", "DELETE",
       [](World& w) {
         const std::string cell = w.ok_json("POST", "/api/v2/dashboards/" + w.dashboard_id + "/cells", "{}", 201)["id"];
         return "/api/v2/dashboards/" + w.dashboard_id + "/cells/" + cell;
       },
       none, {204, 204, 401, 401, 401, 401, 401}},
      {"get view", "GET", [](World& w) { return "/api/v2/dashboards/" + w.dashboard_id + "/cells/" + w.cell_id + "/view"; },
       none, {200, 200, 401, 401, 401, 401, 401}},
      {"patch view", "PATCH", [](World& w) { return "/api/v2/dashboards/" + w.dashboard_id + "/cells/" + w.cell_id + "/view"; },
       [](World&) { return R"({"name":"v","properties":{"type":"xy"}})"; }, {200, 200, 401, 401, 401, 401, 401}},
      {"list variables", "GET", [](World&) { return "/api/v2/variables"; }, none, {200, 200, 200, 200, 401, 401, 200}},
      {"create variable", "POST", [](World&) { return "/api/v2/variables"; }, [](World& w) { return w.variable_body(); },
       {201, 201, 401, 401, 401, 401, 401}},
      {"get variable", "GET", [](World& w) { return "/api/v2/variables/" + w.variable_id; }, none,
       {200, 200, 401, 401, 401, 401, 401}},
      {"patch variable", "PATCH", [](World& w) { return "/api/v2/variables/" + w.variable_id; },
       [](World&) { return R"({"description":"x"})"; }, {200, 200, 401, 401, 401, 401, 401}},
      {"put variable", "PUT", [](World& w) { return "/api/v2/variables/" + w.variable_id; },
       [](World& w) { return json{{"name", "v" + w.unique("put")}, {"arguments", {{"type", "constant"}, {"values", {"b"}}}}}.dump(); },
       {200, 200, 401, 401, 401, 401, 401}},
      {"delete variable", "DELETE", [](World& w) { return "/api/v2/variables/" + w.fresh_variable(); }, none,
       {204, 204, 401, 401, 401, 401, 401}},
      {"list tasks", "GET", [](World&) { return "/api/v2/tasks"; }, none, {200, 200, 200, 200, 401, 401, 200}},
      {"create task", "POST", [](World&) { return "/api/v2/tasks"; }, [](World& w) { return w.task_body(); },
       {201, 201, 401, 401, 401, 401, 401}},
      {"get task", "GET", [](World& w) { return "/api/v2/tasks/" + w.task_id; }, none, {200, 200, 401, 401, 401, 401, 401}},
      {"patch task", "PATCH", [](World& w) { return "/api/v2/tasks/" + w.task_id; },
       [](World&) { return R"({"description":"x"})"; }, {200, 200, 401, 401, 401, 401, 401}},
      {"delete task", "DELETE", [](World& w) { return "/api/v2/tasks/" + w.fresh_task(); }, none,
       {204, 204, 401, 401, 401, 401, 401}},
      {"list runs", "GET", [](World& w) { return "/api/v2/tasks/" + w.task_id + "/runs"; }, none,
       {200, 200, 401, 401, 401, 401, 401}},
      {"run now", "POST", [](World& w) { return "/api/v2/tasks/" + w.task_id + "/runs"; }, [](World&) { return "{}"; },
       {201, 201, 401, 401, 401, 401, 401}},
      {"get run", "GET", [](World& w) { return "/api/v2/tasks/" + w.task_id + "/runs/" + w.run_id; }, none,
       {200, 200, 401, 401, 401, 401, 401}},
      {"cancel run", "DELETE", [](World& w) { return "/api/v2/tasks/" + w.task_id + "/runs/" + w.fresh_run(); }, none,
       {204, 204, 401, 401, 401, 401, 401}},
      {"retry run", "POST", [](World& w) { return "/api/v2/tasks/" + w.task_id + "/runs/" + w.run_id + "/retry"; },
       [](World&) { return "{}"; }, {200, 200, 401, 401, 401, 401, 401}},
      {"run logs", "GET", [](World& w) { return "/api/v2/tasks/" + w.task_id + "/runs/" + w.run_id + "/logs"; }, none,
       {200, 200, 401, 401, 401, 401, 401}},
      {"task logs", "GET", [](World& w) { return "/api/v2/tasks/" + w.task_id + "/logs"; }, none,
       {200, 200, 401, 401, 401, 401, 401}},
      {"list checks", "GET", [](World& w) { return "/api/v2/checks?orgID=" + w.org_id; }, none,
       {200, 200, 200, 200, 401, 401, 200}},
      {"create check", "POST", [](World&) { return "/api/v2/checks"; }, [](World& w) { return w.check_body(); },
       {201, 201, 401, 401, 401, 401, 401}},
      {"get check", "GET", [](World& w) { return "/api/v2/checks/" + w.check_id; }, none, {200, 200, 401, 401, 401, 401, 401}},
      {"patch check", "PATCH", [](World& w) { return "/api/v2/checks/" + w.check_id; },
       [](World&) { return R"({"description":"x"})"; }, {200, 200, 401, 401, 401, 401, 401}},
      {"put check", "PUT", [](World& w) { return "/api/v2/checks/" + w.check_id; }, [](World& w) { return w.check_body(); },
       {200, 200, 401, 401, 401, 401, 401}},
      {"delete check", "DELETE", [](World& w) { return "/api/v2/checks/" + w.fresh_check(); }, none,
       {204, 204, 401, 401, 401, 401, 401}},
      {"list endpoints", "GET", [](World& w) { return "/api/v2/notificationEndpoints?orgID=" + w.org_id; }, none,
       {200, 200, 200, 200, 401, 401, 200}},
      {"create endpoint", "POST", [](World&) { return "/api/v2/notificationEndpoints"; }, [](World& w) { return w.endpoint_body(); },
       {201, 201, 401, 401, 401, 401, 401}},
      {"get endpoint", "GET", [](World& w) { return "/api/v2/notificationEndpoints/" + w.endpoint_id; }, none, {200, 200, 401, 401, 401, 401, 401}},
      {"patch endpoint", "PATCH", [](World& w) { return "/api/v2/notificationEndpoints/" + w.endpoint_id; },
       [](World&) { return R"({"description":"x"})"; }, {200, 200, 401, 401, 401, 401, 401}},
      {"put endpoint", "PUT", [](World& w) { return "/api/v2/notificationEndpoints/" + w.endpoint_id; }, [](World& w) { return w.endpoint_body(); },
       {200, 200, 401, 401, 401, 401, 401}},
      {"delete endpoint", "DELETE", [](World& w) { return "/api/v2/notificationEndpoints/" + w.fresh_endpoint(); }, none,
       {204, 204, 401, 401, 401, 401, 401}},
      {"list rules", "GET", [](World& w) { return "/api/v2/notificationRules?orgID=" + w.org_id; }, none,
       {200, 200, 200, 200, 401, 401, 200}},
      {"create rule", "POST", [](World&) { return "/api/v2/notificationRules"; }, [](World& w) { return w.rule_body(); },
       {201, 201, 401, 401, 401, 401, 401}},
      {"get rule", "GET", [](World& w) { return "/api/v2/notificationRules/" + w.rule_id; }, none, {200, 200, 401, 401, 401, 401, 401}},
      {"patch rule", "PATCH", [](World& w) { return "/api/v2/notificationRules/" + w.rule_id; },
       [](World&) { return R"({"description":"x"})"; }, {200, 200, 401, 401, 401, 401, 401}},
      {"put rule", "PUT", [](World& w) { return "/api/v2/notificationRules/" + w.rule_id; }, [](World& w) { return w.rule_body(); },
       {200, 200, 401, 401, 401, 401, 401}},
      {"delete rule", "DELETE", [](World& w) { return "/api/v2/notificationRules/" + w.fresh_rule(); }, none,
       {204, 204, 401, 401, 401, 401, 401}},
  };
  int checked = 0;
  for (const auto& row : rows) {
    for (int who = 0; who < kCallers; ++who) {
      const std::string target = row.target(w), body = row.body(w);
      auto r = w.call_as(who == kNone ? "" : w.tokens[who], row.method, target, body);
      INFO(row.name << " as " << kCallerNames[who] << ": " << row.method << " " << target << " -> " << r.body);
      CHECK(r.status == row.want[who]);
      if (r.status >= 400) {
        const json j = body_of(r);
        CHECK(j["code"].is_string());
        CHECK(j["message"].is_string());
      }
      ++checked;
    }
  }
  CHECK(checked == static_cast<int>(std::size(rows)) * kCallers);
}
