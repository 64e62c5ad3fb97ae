// /api/v2/{orgs,buckets}/{id}/{members,owners}: InfluxDB's user resource mappings.
#include "tests/core/api_fixture.h"

using namespace tidewater;
using namespace tidewater::testing;

namespace {

std::string new_user(ApiFixture& f, const std::string& name) {
  return f.ok_json("POST", "/api/v2/users", json{{"name", name}}.dump(), 201)["id"];
}

}  // namespace

TEST_CASE("org members and owners: add, list, remove, with InfluxDB's shapes") {
  ApiFixture f;
  const std::string grace = new_user(f, "grace");
  const std::string base = "/api/v2/orgs/" + f.org_id;

  // Setup made ada the org's owner; nobody is a plain member yet.
  json owners = f.ok_json("GET", base + "/owners");
  CHECK(owners["links"] == json{{"self", base + "/owners"}});
  REQUIRE(owners["users"].size() == 1);
  CHECK(owners["users"][0]["id"] == f.user_id);
  CHECK(owners["users"][0]["role"] == "owner");
  CHECK(f.ok_json("GET", base + "/members")["users"] == json::array());

  const json added = f.ok_json("POST", base + "/members", json{{"id", grace}}.dump(), 201);
  CHECK(added == json{{"links", {{"self", "/api/v2/users/" + grace}}},
                      {"id", grace},
                      {"name", "grace"},
                      {"status", "active"},
                      {"role", "member"}});
  // Adding twice keeps one mapping.
  f.ok_json("POST", base + "/members", json{{"id", grace}}.dump(), 201);
  CHECK(f.ok_json("GET", base + "/members")["users"] == json::array({added}));
  // The membership shows in the org list filtered by user.
  CHECK(f.ok_json("GET", "/api/v2/orgs?userID=" + grace)["orgs"].size() == 1);

  CHECK(f.call("DELETE", base + "/members/" + grace).status == 204);
  CHECK(f.ok_json("GET", base + "/members")["users"] == json::array());
  CHECK(body_of(f.call("DELETE", base + "/members/" + grace)) ==
        json{{"code", "not found"}, {"message", "user resource mapping not found"}});

  // Errors: unknown user, unknown org, missing id.
  CHECK(body_of(f.call("POST", base + "/owners", R"({"id":"0123456789abcdef"})")) ==
        json{{"code", "not found"}, {"message", "user not found"}});
  CHECK(f.call("GET", "/api/v2/orgs/0123456789abcdef/members").status == 404);
  CHECK(f.call("POST", base + "/members", "{}").status == 400);
  CHECK(f.call("POST", base + "/members", "not json").status == 400);

  // The mapping persists.
  f.ok_json("POST", base + "/owners", json{{"id", grace}}.dump(), 201);
  f.reopen();
  CHECK(f.ok_json("GET", base + "/owners")["users"].size() == 2);
}

TEST_CASE("bucket members: permission on the bucket, and gone with the bucket") {
  ApiFixture f;
  const std::string grace = new_user(f, "grace");
  const std::string bucket = f.new_bucket(f.org_id, "shared");
  const std::string base = "/api/v2/buckets/" + bucket;
  f.ok_json("POST", base + "/members", json{{"id", grace}}.dump(), 201);
  CHECK(f.ok_json("GET", base + "/members")["users"][0]["id"] == grace);

  // A token that may only read the bucket lists its members but cannot change them.
  auto [reader, reader_id] = f.make_token(f.org_id, ApiFixture::bucket_permission("read", f.org_id, bucket));
  CHECK(f.call_as(reader, "GET", base + "/members").status == 200);
  CHECK(f.call_as(reader, "POST", base + "/members", json{{"id", grace}}.dump()).status == 401);
  CHECK(f.call_as(reader, "DELETE", base + "/members/" + grace).status == 401);
  // ... and another bucket's not even that.
  CHECK(f.call_as(reader, "GET", "/api/v2/buckets/" + f.bucket_id + "/members").status == 401);

  CHECK(f.call("DELETE", base).status == 204);
  CHECK(f.call("GET", base + "/members").status == 404);
  // Recreated under the same name, it starts with no members.
  const std::string again = f.new_bucket(f.org_id, "shared");
  CHECK(f.ok_json("GET", "/api/v2/buckets/" + again + "/members")["users"] == json::array());
}
