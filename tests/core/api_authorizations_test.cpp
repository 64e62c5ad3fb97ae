#include "tests/core/api_fixture.h"

using namespace tidewater;
using namespace tidewater::testing;

TEST_CASE("the tutorial's all-access token: created once with its secret, listed without it") {
  ApiFixture f;
  const json req = {{"orgID", f.org_id}, {"description", "all access"}, {"permissions", ApiFixture::all_access(f.org_id)}};
  const json created = f.ok_json("POST", "/api/v2/authorizations", req.dump(), 201);
  const std::string id = created["id"];
  CHECK(created["token"].get<std::string>().size() == 88);
  CHECK(created["status"] == "active");
  CHECK(created["description"] == "all access");
  CHECK(created["orgID"] == f.org_id);
  CHECK(created["org"] == "o");
  CHECK(created["userID"] == f.user_id);
  CHECK(created["user"] == "ada");
  CHECK(created["links"] == json{{"self", "/api/v2/authorizations/" + id}, {"user", "/api/v2/users/" + f.user_id}});
  CHECK(created["permissions"].size() == 2 * (auth::resource_types().size() - 1));
  CHECK(created["permissions"][0] ==
        json{{"action", "read"}, {"resource", {{"type", "authorizations"}, {"orgID", f.org_id}, {"org", "o"}}}});

  json got = f.ok_json("GET", "/api/v2/authorizations/" + id);
  CHECK_FALSE(got.contains("token"));
  json expected = created;
  expected.erase("token");
  CHECK(got == expected);

  const json list = f.ok_json("GET", "/api/v2/authorizations");
  CHECK(list["links"] == json{{"self", "/api/v2/authorizations"}});
  REQUIRE(list["authorizations"].size() == 2);  // the operator token and this one
  for (const auto& a : list["authorizations"]) CHECK_FALSE(a.contains("token"));
  CHECK(f.ok_json("GET", "/api/v2/authorizations?org=o")["authorizations"].size() == 2);
  CHECK(f.ok_json("GET", "/api/v2/authorizations?orgID=" + f.org_id)["authorizations"].size() == 2);
  CHECK(f.ok_json("GET", "/api/v2/authorizations?user=ada")["authorizations"].size() == 2);
  CHECK(f.ok_json("GET", "/api/v2/authorizations?userID=0123456789abcdef")["authorizations"] == json::array());
  CHECK(f.call("GET", "/api/v2/authorizations?user=nobody").status == 404);

  // The new token works: write and query the org's bucket.
  const std::string token = created["token"];
  CHECK(f.call_as(token, "POST", "/api/v2/write?org=o&bucket=b", "m v=1").status == 204);
  CHECK(f.call_as(token, "POST", "/api/v2/buckets", json{{"orgID", f.org_id}, {"name", "get-started"}}.dump()).status == 201);
}

TEST_CASE("a bucket-scoped token names its bucket; PATCH status and description; DELETE") {
  ApiFixture f;
  const json created = f.ok_json(
      "POST", "/api/v2/authorizations",
      json{{"orgID", f.org_id}, {"permissions", ApiFixture::bucket_permission("write", f.org_id, f.bucket_id)}}.dump(), 201);
  CHECK(created["permissions"] ==
        json::array({{{"action", "write"},
                      {"resource", {{"type", "buckets"}, {"id", f.bucket_id}, {"orgID", f.org_id}, {"name", "b"}, {"org", "o"}}}}}));
  CHECK(created["description"] == "");
  const std::string id = created["id"], token = created["token"];
  CHECK(f.call_as(token, "POST", "/api/v2/write?org=o&bucket=b", "m v=1").status == 204);

  json patched = f.ok_json("PATCH", "/api/v2/authorizations/" + id, R"({"status":"inactive","description":"off"})");
  CHECK(patched["status"] == "inactive");
  CHECK(patched["description"] == "off");
  CHECK_FALSE(patched.contains("token"));
  auto refused = f.call_as(token, "POST", "/api/v2/write?org=o&bucket=b", "m v=1");
  CHECK(refused.status == 401);
  CHECK(body_of(refused)["code"] == "unauthorized");
  f.ok_json("PATCH", "/api/v2/authorizations/" + id, R"({"status":"active"})");
  CHECK(f.call_as(token, "POST", "/api/v2/write?org=o&bucket=b", "m v=1").status == 204);
  CHECK(f.call("PATCH", "/api/v2/authorizations/" + id, R"({"status":"paused"})").status == 400);

  CHECK(f.call("DELETE", "/api/v2/authorizations/" + id).status == 204);
  CHECK(f.call_as(token, "POST", "/api/v2/write?org=o&bucket=b", "m v=1").status == 401);
  CHECK(body_of(f.call("GET", "/api/v2/authorizations/" + id)) ==
        json{{"code", "not found"}, {"message", "authorization not found"}});
  CHECK(f.call("DELETE", "/api/v2/authorizations/" + id).status == 404);
}

TEST_CASE("authorization requests are validated; nothing is created on error") {
  ApiFixture f;
  const std::string perms = ApiFixture::bucket_permission("read", f.org_id, f.bucket_id).dump();
  struct Case {
    std::string body;
    int status;
    std::string message;
  };
  const Case cases[] = {
      {"nope", 400, "failed to unmarshal json: invalid JSON"},
      {R"({"permissions":)" + perms + "}", 400, "orgID is required"},
      {R"({"orgID":"12","permissions":)" + perms + "}", 400, "invalid orgID"},
      {R"({"orgID":")" + f.org_id + R"("})", 400, "authorization must include permissions"},
      {R"({"orgID":")" + f.org_id + R"(","permissions":[]})", 400, "authorization must include permissions"},
      {R"({"orgID":")" + f.org_id + R"(","permissions":[{"action":"delete","resource":{"type":"buckets"}}]})", 400,
       "invalid action type for permission"},
      {R"({"orgID":")" + f.org_id + R"(","permissions":[{"action":"read","resource":{"type":"cats"}}]})", 400,
       "invalid resource type for permission"},
      {R"({"orgID":")" + f.org_id + R"(","permissions":[{"action":"read","resource":{"type":"buckets","id":"x"}}]})", 400,
       "invalid id for permission"},
      {R"({"orgID":")" + f.org_id + R"(","permissions":[{"action":"read"}]})", 400,
       "failed to unmarshal json: a permission needs an action and a resource"},
      {R"({"orgID":")" + f.org_id + R"(","status":"on","permissions":)" + perms + "}", 400,
       "invalid authorization status \"on\"; must be active or inactive"},
      {R"({"orgID":"0123456789abcdef","permissions":)" + perms + "}", 404, "organization not found"},
      {R"({"orgID":")" + f.org_id + R"(","userID":"0123456789abcdef","permissions":)" + perms + "}", 404, "user not found"},
  };
  for (const auto& c : cases) {
    auto r = f.call("POST", "/api/v2/authorizations", c.body);
    INFO(c.body << " -> " << r.body);
    CHECK(r.status == c.status);
    CHECK(body_of(r)["message"] == c.message);
  }
  CHECK(f.db->catalog().authorizations().size() == 1);
}

TEST_CASE("a token cannot grant more than it holds") {
  ApiFixture f;
  const std::string b2 = f.new_bucket(f.org_id, "b2");
  auto [all, all_id] = f.make_token(f.org_id, ApiFixture::all_access(f.org_id));
  // The all-access token may hand out parts of its org...
  f.make_token(f.org_id, ApiFixture::bucket_permission("read", f.org_id, b2), all);
  // ...but not other orgs, nor permissions on every org.
  const std::string other = f.new_org("other");
  auto r = f.call_as(all, "POST", "/api/v2/authorizations",
                     json{{"orgID", f.org_id}, {"permissions", ApiFixture::all_access(other)}}.dump());
  CHECK(r.status == 403);
  CHECK(body_of(r) == json{{"code", "forbidden"},
                           {"message", "permission read:orgs/" + other + "/authorizations is not allowed"}});
  r = f.call_as(all, "POST", "/api/v2/authorizations",
                json{{"orgID", f.org_id}, {"permissions", {{{"action", "read"}, {"resource", {{"type", "buckets"}}}}}}}.dump());
  CHECK(body_of(r)["message"] == "permission read:buckets is not allowed");
  auto [reader, reader_id] = f.make_token(f.org_id, ApiFixture::bucket_permission("read", f.org_id, b2));
  r = f.call_as(reader, "POST", "/api/v2/authorizations",
                json{{"orgID", f.org_id}, {"permissions", ApiFixture::bucket_permission("read", f.org_id, b2)}}.dump());
  CHECK(r.status == 401);
  CHECK(body_of(r)["message"] == "write:orgs/" + f.org_id + "/authorizations is unauthorized");
  // Lists hide what the token cannot read.
  CHECK(body_of(f.call_as(reader, "GET", "/api/v2/authorizations"))["authorizations"] == json::array());
  CHECK(body_of(f.call_as(all, "GET", "/api/v2/authorizations"))["authorizations"].size() == 4);
  CHECK(f.call_as(reader, "GET", "/api/v2/authorizations/" + all_id).status == 401);
}

TEST_CASE("GET /api/v2/resources lists InfluxDB 2.7's resource types") {
  ApiFixture f;
  const json types = f.ok_json("GET", "/api/v2/resources");
  REQUIRE(types.is_array());
  CHECK(types.size() == 23);
  CHECK(types[0] == "authorizations");
  CHECK(types[1] == "buckets");
  CHECK(std::find(types.begin(), types.end(), "dbrp") != types.end());
  CHECK(std::find(types.begin(), types.end(), "instance") != types.end());
  CHECK(f.call_as("", "GET", "/api/v2/resources").status == 401);
}
