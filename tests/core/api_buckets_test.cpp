#include "tests/core/api_fixture.h"

using namespace tidewater;
using namespace tidewater::testing;

TEST_CASE("setup creates the system buckets _monitoring and _tasks") {
  ApiFixture f;
  const json list = f.ok_json("GET", "/api/v2/buckets?org=o");
  REQUIRE(list["buckets"].size() == 3);
  std::map<std::string, json> by_name;
  for (const auto& b : list["buckets"]) by_name[b["name"]] = b;
  CHECK(by_name["b"]["type"] == "user");
  CHECK(by_name["_monitoring"]["type"] == "system");
  CHECK(by_name["_monitoring"]["retentionRules"][0]["everySeconds"] == 604800);
  CHECK(by_name["_monitoring"]["description"] == "System bucket for monitoring logs");
  CHECK(by_name["_tasks"]["type"] == "system");
  CHECK(by_name["_tasks"]["retentionRules"][0]["everySeconds"] == 259200);
  CHECK(by_name["_tasks"]["description"] == "System bucket for task logs");
}

TEST_CASE("bucket create, get, patch and delete with InfluxDB's shapes") {
  ApiFixture f;
  const json created = f.ok_json("POST", "/api/v2/buckets",
                                 json{{"orgID", f.org_id}, {"name", "get-started"}, {"description", "d"},
                                      {"retentionRules", {{{"type", "expire"}, {"everySeconds", 86400}}}}}.dump(), 201);
  const std::string id = created["id"];
  CHECK(id.size() == 16);
  CHECK(created["orgID"] == f.org_id);
  CHECK(created["type"] == "user");
  CHECK(created["name"] == "get-started");
  CHECK(created["description"] == "d");
  CHECK(created["retentionRules"] ==
        json::array({{{"type", "expire"}, {"everySeconds", 86400}, {"shardGroupDurationSeconds", 3600}}}));
  CHECK(created["labels"] == json::array());
  CHECK(created["links"] == json{{"labels", "/api/v2/buckets/" + id + "/labels"},
                                 {"members", "/api/v2/buckets/" + id + "/members"},
                                 {"org", "/api/v2/orgs/" + f.org_id},
                                 {"owners", "/api/v2/buckets/" + id + "/owners"},
                                 {"self", "/api/v2/buckets/" + id},
                                 {"write", "/api/v2/write?org=" + f.org_id + "&bucket=" + id}});
  CHECK(created.contains("createdAt"));
  CHECK(created.contains("updatedAt"));
  CHECK(f.ok_json("GET", "/api/v2/buckets/" + id) == created);

  // Rename, retention forever (everySeconds 0), description; absent fields stay.
  json patched = f.ok_json("PATCH", "/api/v2/buckets/" + id,
                           R"({"name":"renamed","retentionRules":[{"type":"expire","everySeconds":0}]})");
  CHECK(patched["name"] == "renamed");
  CHECK(patched["retentionRules"] == json::array());
  CHECK(patched["description"] == "d");
  patched = f.ok_json("PATCH", "/api/v2/buckets/" + id, R"({"description":"new"})");
  CHECK(patched["name"] == "renamed");
  CHECK(patched["description"] == "new");
  patched = f.ok_json("PATCH", "/api/v2/buckets/" + id, R"({"retentionRules":[{"everySeconds":7200}]})");
  CHECK(patched["retentionRules"][0]["everySeconds"] == 7200);

  // Writes reach the bucket; deleting it drops its data and its name can be reused.
  CHECK(f.call("POST", "/api/v2/write?org=o&bucket=renamed", "m v=1").status == 204);
  CHECK(f.db->engine().series_count(id) == 1);
  CHECK(f.call("DELETE", "/api/v2/buckets/" + id).status == 204);
  CHECK(f.db->engine().series_count(id) == 0);
  CHECK(body_of(f.call("GET", "/api/v2/buckets/" + id)) == json{{"code", "not found"}, {"message", "bucket not found"}});
  CHECK(f.call("DELETE", "/api/v2/buckets/" + id).status == 404);
  CHECK(f.call("POST", "/api/v2/buckets", json{{"orgID", f.org_id}, {"name", "renamed"}}.dump()).status == 201);
}

TEST_CASE("bucket names are unique per org; bad input changes nothing") {
  ApiFixture f;
  const std::string other = f.new_org("other");
  auto dup = f.call("POST", "/api/v2/buckets", json{{"orgID", f.org_id}, {"name", "b"}}.dump());
  CHECK(dup.status == 422);
  CHECK(body_of(dup) == json{{"code", "conflict"}, {"message", "bucket with name b already exists"}});
  CHECK(f.call("POST", "/api/v2/buckets", json{{"orgID", other}, {"name", "b"}}.dump()).status == 201);
  const std::string second = f.new_bucket(f.org_id, "second");
  auto rename = f.call("PATCH", "/api/v2/buckets/" + second, R"({"name":"b"})");
  CHECK(rename.status == 422);
  CHECK(body_of(rename)["code"] == "conflict");

  struct Case {
    std::string body;
    int status;
    std::string message;
  };
  const Case cases[] = {
      {"{", 400, "failed to unmarshal json: invalid JSON"},
      {"[]", 400, "failed to unmarshal json: the body must be a JSON object"},
      {R"({"name":"x"})", 400, "organization id must be provided"},
      {R"({"orgID":"abc","name":"x"})", 400, "id must have a length of 16 bytes"},
      {R"({"orgID":"zzzzzzzzzzzzzzzz","name":"x"})", 400, "invalid ID"},
      {R"({"orgID":")" + f.org_id + R"(","name":5})", 400, "failed to unmarshal json: name must be a string"},
      {R"({"orgID":")" + f.org_id + R"(","name":"_x"})", 422, "bucket name _x is invalid. Buckets may not start with underscore"},
      {R"({"orgID":")" + f.org_id + R"(","name":""})", 422, "bucket name is empty"},
      {R"({"orgID":")" + f.org_id + R"(","name":"x","retentionRules":[{"everySeconds":-1}]})", 422,
       "expiration seconds cannot be negative"},
      {R"({"orgID":")" + f.org_id + R"(","name":"x","retentionRules":[{"everySeconds":60}]})", 422,
       "retention policy duration must be at least 1h0m0s"},
      {R"({"orgID":")" + f.org_id + R"(","name":"x","retentionRules":{}})", 400,
       "failed to unmarshal json: retentionRules must be an array"},
      {R"({"orgID":"0123456789abcdef","name":"x"})", 404, "organization not found"},
  };
  const size_t before = f.db->catalog().buckets().size();
  for (const auto& c : cases) {
    auto r = f.call("POST", "/api/v2/buckets", c.body);
    INFO(c.body << " -> " << r.body);
    CHECK(r.status == c.status);
    CHECK(body_of(r)["message"] == c.message);
  }
  CHECK(f.db->catalog().buckets().size() == before);
}

TEST_CASE("system buckets cannot be renamed or deleted") {
  ApiFixture f;
  std::string tasks;
  for (const auto& b : f.db->catalog().buckets())
    if (b.name == "_tasks") tasks = b.id;
  auto r = f.call("PATCH", "/api/v2/buckets/" + tasks, R"({"name":"x"})");
  CHECK(r.status == 400);
  CHECK(body_of(r)["message"] == "system buckets cannot be renamed");
  r = f.call("DELETE", "/api/v2/buckets/" + tasks);
  CHECK(r.status == 400);
  CHECK(body_of(r)["message"] == "system buckets cannot be deleted");
  CHECK(f.call("PATCH", "/api/v2/buckets/" + f.bucket_id, R"({"name":"_x"})").status == 400);
}

TEST_CASE("bucket list filters and paging links") {
  ApiFixture f;
  for (int i = 0; i < 5; ++i) f.new_bucket(f.org_id, "p" + std::to_string(i));
  json all = f.ok_json("GET", "/api/v2/buckets");
  CHECK(all["buckets"].size() == 8);
  CHECK(all["links"] == json{{"self", "/api/v2/buckets?descending=false&limit=20&offset=0"}});

  json page = f.ok_json("GET", "/api/v2/buckets?org=o&limit=3&offset=3");
  REQUIRE(page["buckets"].size() == 3);
  CHECK(page["buckets"][0]["name"] == all["buckets"][3]["name"]);
  CHECK(page["links"] == json{{"self", "/api/v2/buckets?descending=false&limit=3&offset=3&org=o"},
                              {"next", "/api/v2/buckets?descending=false&limit=3&offset=6&org=o"},
                              {"prev", "/api/v2/buckets?descending=false&limit=3&offset=0&org=o"}});
  json last = f.ok_json("GET", "/api/v2/buckets?org=o&limit=3&offset=6");
  CHECK(last["buckets"].size() == 2);
  CHECK_FALSE(last["links"].contains("next"));

  const std::string after = all["buckets"][5]["id"];
  json after_page = f.ok_json("GET", "/api/v2/buckets?after=" + after);
  REQUIRE(after_page["buckets"].size() == 2);
  CHECK(after_page["buckets"][0]["id"] == all["buckets"][6]["id"]);

  CHECK(f.ok_json("GET", "/api/v2/buckets?name=p2")["buckets"].size() == 1);
  CHECK(f.ok_json("GET", "/api/v2/buckets?orgID=" + f.org_id + "&name=p2")["buckets"][0]["name"] == "p2");
  CHECK(f.ok_json("GET", "/api/v2/buckets?id=" + f.bucket_id)["buckets"][0]["name"] == "b");
  CHECK(f.ok_json("GET", "/api/v2/buckets?name=none")["buckets"] == json::array());
  CHECK(body_of(f.call("GET", "/api/v2/buckets?org=nope")) ==
        json{{"code", "not found"}, {"message", "organization name \"nope\" not found"}});
  CHECK(body_of(f.call("GET", "/api/v2/buckets?limit=0"))["message"] == "limit must be between 1 and 100");
  CHECK(body_of(f.call("GET", "/api/v2/buckets?limit=x"))["message"] == "limit is invalid");
  CHECK(body_of(f.call("GET", "/api/v2/buckets?offset=-1"))["message"] == "offset is invalid");
  CHECK(f.call("GET", "/api/v2/buckets?id=12").status == 400);
}

TEST_CASE("bucket lists show only what the token may read") {
  ApiFixture f;
  const std::string other = f.new_bucket(f.org_id, "other");
  auto [reader, reader_id] = f.make_token(f.org_id, ApiFixture::bucket_permission("read", f.org_id, f.bucket_id));
  json list = body_of(f.call_as(reader, "GET", "/api/v2/buckets"));
  REQUIRE(list["buckets"].size() == 1);
  CHECK(list["buckets"][0]["id"] == f.bucket_id);
  auto denied = f.call_as(reader, "GET", "/api/v2/buckets/" + other);
  CHECK(denied.status == 401);
  CHECK(body_of(denied) == json{{"code", "unauthorized"},
                                {"message", "read:orgs/" + f.org_id + "/buckets/" + other + " is unauthorized"}});
  auto create = f.call_as(reader, "POST", "/api/v2/buckets", json{{"orgID", f.org_id}, {"name", "x"}}.dump());
  CHECK(body_of(create)["message"] == "write:orgs/" + f.org_id + "/buckets is unauthorized");
  auto patch = f.call_as(reader, "PATCH", "/api/v2/buckets/" + f.bucket_id, R"({"description":"x"})");
  CHECK(body_of(patch)["message"] == "write:orgs/" + f.org_id + "/buckets/" + f.bucket_id + " is unauthorized");
}
