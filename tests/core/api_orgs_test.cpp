#include "tests/core/api_fixture.h"

using namespace tidewater;
using namespace tidewater::testing;

TEST_CASE("orgs: create, list with filters, get, patch, delete with InfluxDB's shapes") {
  ApiFixture f;
  const json created = f.ok_json("POST", "/api/v2/orgs", R"({"name":"acme","description":"widgets"})", 201);
  const std::string id = created["id"];
  const std::string self = "/api/v2/orgs/" + id;
  CHECK(created["name"] == "acme");
  CHECK(created["description"] == "widgets");
  CHECK(created["links"] == json{{"self", self},
                                 {"members", self + "/members"},
                                 {"owners", self + "/owners"},
                                 {"labels", self + "/labels"},
                                 {"secrets", self + "/secrets"},
                                 {"buckets", "/api/v2/buckets?org=acme"},
                                 {"tasks", "/api/v2/tasks?org=acme"},
                                 {"dashboards", "/api/v2/dashboards?org=acme"}});
  CHECK(created.contains("createdAt"));
  CHECK(f.ok_json("GET", "/api/v2/orgs/" + id) == created);
  // A new org gets its system buckets, as InfluxDB creates them.
  CHECK(f.ok_json("GET", "/api/v2/buckets?orgID=" + id)["buckets"].size() == 2);

  const json list = f.ok_json("GET", "/api/v2/orgs");
  CHECK(list["links"] == json{{"self", "/api/v2/orgs"}});
  CHECK(list["orgs"].size() == 2);
  CHECK(f.ok_json("GET", "/api/v2/orgs?org=acme")["orgs"] == json::array({created}));
  CHECK(f.ok_json("GET", "/api/v2/orgs?orgID=" + id)["orgs"] == json::array({created}));
  CHECK(f.ok_json("GET", "/api/v2/orgs?limit=1")["orgs"][0]["name"] == "o");
  CHECK(f.ok_json("GET", "/api/v2/orgs?limit=1&offset=1")["orgs"][0]["name"] == "acme");
  CHECK(f.ok_json("GET", "/api/v2/orgs?descending=true")["orgs"][0]["name"] == "acme");
  CHECK(f.ok_json("GET", "/api/v2/orgs?userID=" + f.user_id)["orgs"].size() == 2);  // ada owns both
  CHECK(body_of(f.call("GET", "/api/v2/orgs?org=nope")) ==
        json{{"code", "not found"}, {"message", "organization name \"nope\" not found"}});
  CHECK(body_of(f.call("GET", "/api/v2/orgs?orgID=0123456789abcdef")) ==
        json{{"code", "not found"}, {"message", "organization not found"}});

  json patched = f.ok_json("PATCH", "/api/v2/orgs/" + id, R"({"name":"acme2"})");
  CHECK(patched["name"] == "acme2");
  CHECK(patched["description"] == "widgets");
  patched = f.ok_json("PATCH", "/api/v2/orgs/" + id, R"({"description":""})");
  CHECK(patched["description"] == "");
  auto dup = f.call("PATCH", "/api/v2/orgs/" + id, R"({"name":"o"})");
  CHECK(dup.status == 422);
  CHECK(body_of(dup) == json{{"code", "conflict"}, {"message", "organization with name o already exists"}});
  CHECK(body_of(f.call("POST", "/api/v2/orgs", R"({"name":"o"})"))["message"] == "organization with name o already exists");
  CHECK(body_of(f.call("POST", "/api/v2/orgs", R"({"description":"x"})"))["message"] == "org name is empty");
  CHECK(f.call("POST", "/api/v2/orgs", R"({"name":["x"]})").status == 400);
}

TEST_CASE("deleting an org deletes its buckets, their data, mappings and tokens") {
  ApiFixture f;
  const std::string id = f.new_org("acme");
  const std::string bucket = f.new_bucket(id, "data");
  CHECK(f.call("POST", "/api/v2/write?orgID=" + id + "&bucket=data", "m v=1").status == 204);
  CHECK(f.db->engine().series_count(bucket) == 1);
  f.ok_json("POST", "/api/v2/dbrps",
            json{{"orgID", id}, {"bucketID", bucket}, {"database", "d"}, {"retention_policy", "r"}}.dump(), 201);
  auto [token, token_id] = f.make_token(id, ApiFixture::all_access(id));
  CHECK(f.call_as(token, "GET", "/api/v2/orgs/" + id).status == 200);

  CHECK(f.call("DELETE", "/api/v2/orgs/" + id).status == 204);
  CHECK(f.call("GET", "/api/v2/orgs/" + id).status == 404);
  CHECK(f.call("DELETE", "/api/v2/orgs/" + id).status == 404);
  CHECK(f.db->catalog().bucket_by_id(bucket) == nullptr);
  CHECK(f.db->engine().series_count(bucket) == 0);
  CHECK(f.db->catalog().dbrps().empty());
  CHECK(f.call_as(token, "GET", "/api/v2/buckets").status == 401);
  CHECK(f.ok_json("GET", "/api/v2/buckets")["buckets"].size() == 3);  // org o's buckets remain
}

TEST_CASE("org access: all-access tokens see their own org only; creating orgs needs the operator") {
  ApiFixture f;
  const std::string other = f.new_org("other");
  auto [all, all_id] = f.make_token(f.org_id, ApiFixture::all_access(f.org_id));
  const json list = body_of(f.call_as(all, "GET", "/api/v2/orgs"));
  REQUIRE(list["orgs"].size() == 1);
  CHECK(list["orgs"][0]["id"] == f.org_id);
  auto r = f.call_as(all, "GET", "/api/v2/orgs/" + other);
  CHECK(r.status == 401);
  CHECK(body_of(r) == json{{"code", "unauthorized"}, {"message", "read:orgs/" + other + " is unauthorized"}});
  CHECK(body_of(f.call_as(all, "POST", "/api/v2/orgs", R"({"name":"x"})"))["message"] == "write:orgs is unauthorized");
  CHECK(f.call_as(all, "PATCH", "/api/v2/orgs/" + f.org_id, R"({"description":"mine"})").status == 200);
  CHECK(f.call_as(all, "DELETE", "/api/v2/orgs/" + other).status == 401);
}
