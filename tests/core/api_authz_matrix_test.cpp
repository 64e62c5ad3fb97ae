// Every endpoint called by every kind of caller, with the status InfluxDB 2.7 answers.
#include <functional>

#include "tests/core/api_fixture.h"

using namespace tidewater;
using namespace tidewater::testing;

namespace {

enum Caller { kOperator, kAllAccessA, kReadBucket, kWriteBucket, kInactive, kNone, kAllAccessB, kCallers };
const char* kCallerNames[] = {"operator", "all-access org A", "read bucket", "write bucket", "inactive", "no token", "all-access org B"};

struct World : ApiFixture {
  std::string org_b, bucket_b, read_auth_id;
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
