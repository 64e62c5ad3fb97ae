// A database behind the router for the api_*_test.cpp files: set up once (user ada, org o,
// bucket b), with helpers to call endpoints as a given token and to create more tokens.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/api/router.h"
#include "core/auth/permission.h"
#include "tests/core/test_dir.h"

namespace tidewater::testing {

using nlohmann::json;

inline json body_of(const api::Response& r) { return json::parse(r.body); }

inline std::string header_of(const api::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

struct ApiFixture {
  TestDir dir;
  std::unique_ptr<api::Database> db;
  std::unique_ptr<api::Router> router;
  std::string token;  // the operator token once set up
  std::string org_id, bucket_id, user_id;

  explicit ApiFixture(bool do_setup = true) {
    reopen();
    if (do_setup) setup();
  }
  void reopen() {
    router.reset();
    db.reset();
    auto d = api::Database::open(dir.path(), {});
    REQUIRE(d.ok());
    db = std::move(*d);
    router = std::make_unique<api::Router>(*db);
  }
  // Calls as `as` (a token; "" sends no Authorization header).
  api::Response call_as(const std::string& as, const std::string& method, const std::string& target,
                        const std::string& body = "", const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    api::Request req = api::Request::from_target(method, target);
    if (!as.empty()) req.set_header("Authorization", "Token " + as);
    for (const auto& [k, v] : headers) req.set_header(k, v);
    req.body = body;
    return router->handle(req);
  }
  api::Response call(const std::string& method, const std::string& target, const std::string& body = "") {
    return call_as(token, method, target, body);
  }
  json ok_json(const std::string& method, const std::string& target, const std::string& body = "", int status = 200) {
    auto r = call(method, target, body);
    INFO(method << " " << target << " -> " << r.body);
    REQUIRE(r.status == status);
    return body_of(r);
  }
  void setup() {
    auto r = call_as("", "POST", "/api/v2/setup",
                     R"({"username":"ada","password":"lovelace-1815","org":"o","bucket":"b"})");
    REQUIRE(r.status == 201);
    const json j = body_of(r);
    token = j["auth"]["token"];
    org_id = j["org"]["id"];
    bucket_id = j["bucket"]["id"];
    user_id = j["user"]["id"];
  }
  // Creates a token with the permissions and returns {token, authorization ID}.
  std::pair<std::string, std::string> make_token(const std::string& org, const json& permissions,
                                                 const std::string& as = "") {
    json req = {{"orgID", org}, {"description", "test token"}, {"permissions", permissions}};
    auto r = call_as(as.empty() ? token : as, "POST", "/api/v2/authorizations", req.dump());
    INFO(r.body);
    REQUIRE(r.status == 201);
    const json j = body_of(r);
    return {j["token"], j["id"]};
  }
  // Read and write on every resource type of the org, as the tutorial's all-access token.
  static json all_access(const std::string& org) {
    json perms = json::array();
    for (const auto& t : auth::resource_types()) {
      if (t == "instance") continue;
      for (const char* action : {"read", "write"}) perms.push_back({{"action", action}, {"resource", {{"type", t}, {"orgID", org}}}});
    }
    return perms;
  }
  static json bucket_permission(const std::string& action, const std::string& org, const std::string& bucket) {
    return json::array({{{"action", action}, {"resource", {{"type", "buckets"}, {"orgID", org}, {"id", bucket}}}}});
  }
  std::string new_org(const std::string& name) { return ok_json("POST", "/api/v2/orgs", json{{"name", name}}.dump(), 201)["id"]; }
  std::string new_bucket(const std::string& org, const std::string& name, int64_t retention = 0) {
    json rules = json::array();
    if (retention > 0) rules.push_back({{"type", "expire"}, {"everySeconds", retention}});
    return ok_json("POST", "/api/v2/buckets", json{{"orgID", org}, {"name", name}, {"retentionRules", rules}}.dump(), 201)["id"];
  }
};

}  // namespace tidewater::testing
