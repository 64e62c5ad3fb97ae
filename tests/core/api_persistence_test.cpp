// Every resource survives reopening the database; a change whose file cannot be written is
// refused and leaves memory as it was.
#include <sys/stat.h>

#include "tests/core/api_fixture.h"

using namespace tidewater;
using namespace tidewater::testing;

TEST_CASE("orgs, users, buckets, authorizations, DBRPs and memberships persist across reopen") {
  ApiFixture f;
  const json org = f.ok_json("POST", "/api/v2/orgs", R"({"name":"acme","description":"d"})", 201);
  const std::string org_id = org["id"];
  const json bucket = f.ok_json("POST", "/api/v2/buckets",
                                json{{"orgID", org_id}, {"name", "kept"}, {"description", "x"},
                                     {"retentionRules", {{{"everySeconds", 7200}}}}}.dump(), 201);
  const std::string bucket_id = bucket["id"];
  const json user = f.ok_json("POST", "/api/v2/users", R"({"name":"grace"})", 201);
  const std::string user_id = user["id"];
  CHECK(f.call("POST", "/api/v2/users/" + user_id + "/password", R"({"password":"amazing-grace"})").status == 204);
  const json auth = f.ok_json("POST", "/api/v2/authorizations",
                              json{{"orgID", org_id}, {"description", "t"},
                                   {"permissions", ApiFixture::bucket_permission("write", org_id, bucket_id)}}.dump(), 201);
  const std::string token = auth["token"], auth_id = auth["id"];
  const json dbrp = f.ok_json("POST", "/api/v2/dbrps",
                              json{{"orgID", org_id}, {"bucketID", bucket_id}, {"database", "db"}, {"retention_policy", "rp"}}.dump(),
                              201);
  // Updates and deletes persist too.
  const json renamed = f.ok_json("PATCH", "/api/v2/buckets/" + bucket_id, R"({"name":"kept2"})");
  const json inactive_auth = f.ok_json("PATCH", "/api/v2/authorizations/" + auth_id, R"({"status":"inactive"})");
  const std::string gone = f.new_bucket(org_id, "gone");
  CHECK(f.call("DELETE", "/api/v2/buckets/" + gone).status == 204);

  const json orgs = f.ok_json("GET", "/api/v2/orgs"), buckets = f.ok_json("GET", "/api/v2/buckets");
  const json users = f.ok_json("GET", "/api/v2/users"), auths = f.ok_json("GET", "/api/v2/authorizations");
  const json dbrps = f.ok_json("GET", "/api/v2/dbrps?orgID=" + org_id);

  f.reopen();
  CHECK(f.ok_json("GET", "/api/v2/orgs") == orgs);
  CHECK(f.ok_json("GET", "/api/v2/buckets") == buckets);
  CHECK(f.ok_json("GET", "/api/v2/users") == users);
  CHECK(f.ok_json("GET", "/api/v2/authorizations") == auths);
  CHECK(f.ok_json("GET", "/api/v2/dbrps?orgID=" + org_id) == dbrps);
  CHECK(f.ok_json("GET", "/api/v2/buckets/" + bucket_id) == renamed);
  CHECK(f.ok_json("GET", "/api/v2/dbrps/" + dbrp["id"].get<std::string>() + "?orgID=" + org_id)["content"] == dbrp);
  CHECK(f.ok_json("GET", "/api/v2/authorizations/" + auth_id) == inactive_auth);
  CHECK(f.call("GET", "/api/v2/buckets/" + gone).status == 404);
  // The token still authenticates (and is still inactive); the user's password still signs in.
  CHECK(f.call_as(token, "POST", "/api/v2/write?orgID=" + org_id + "&bucket=kept2", "m v=1").status == 401);
  f.ok_json("PATCH", "/api/v2/authorizations/" + auth_id, R"({"status":"active"})");
  CHECK(f.call_as(token, "POST", "/api/v2/write?orgID=" + org_id + "&bucket=kept2", "m v=1").status == 204);
  CHECK(f.call_as("", "POST", "/api/v2/signin", "", {{"Authorization", "Basic Z3JhY2U6YW1hemluZy1ncmFjZQ=="}}).status == 204);
  // Memberships: ada (setup) owns the instance and both orgs after reopening.
  CHECK(f.db->catalog().members().size() == 3);
  CHECK(f.ok_json("GET", "/api/v2/orgs?userID=" + f.user_id)["orgs"].size() == 2);
}

TEST_CASE("a change that cannot be persisted is refused and rolled back in memory") {
  ApiFixture f;
  const std::string catalog_dir = f.dir.path() + "/catalog";
  const std::string org_id = f.new_org("acme");
  const size_t buckets_before = f.db->catalog().buckets().size();
  // A directory where the temporary file must go makes the atomic rewrite fail.
  REQUIRE(::mkdir((catalog_dir + "/buckets.json.tmp").c_str(), 0755) == 0);
  auto r = f.call("POST", "/api/v2/buckets", json{{"orgID", f.org_id}, {"name", "nope"}}.dump());
  CHECK(r.status == 500);
  CHECK(body_of(r)["code"] == "internal error");
  CHECK(f.db->catalog().buckets().size() == buckets_before);
  CHECK(f.call("PATCH", "/api/v2/buckets/" + f.bucket_id, R"({"name":"renamed"})").status == 500);
  CHECK(f.ok_json("GET", "/api/v2/buckets/" + f.bucket_id)["name"] == "b");
  // Deleting an org touches several files: when one fails, every kind is restored.
  CHECK(f.call("POST", "/api/v2/orgs", R"({"name":"acme2"})").status == 500);
  CHECK(f.db->catalog().org_by_name("acme2") == nullptr);
  CHECK(f.call("DELETE", "/api/v2/orgs/" + org_id).status == 500);
  CHECK(f.call("GET", "/api/v2/orgs/" + org_id).status == 200);
  CHECK(f.ok_json("GET", "/api/v2/buckets?orgID=" + org_id)["buckets"].size() == 2);
  REQUIRE(::rmdir((catalog_dir + "/buckets.json.tmp").c_str()) == 0);

  REQUIRE(::mkdir((catalog_dir + "/dbrps.json.tmp").c_str(), 0755) == 0);
  CHECK(f.call("POST", "/api/v2/dbrps",
               json{{"orgID", f.org_id}, {"bucketID", f.bucket_id}, {"database", "d"}, {"retention_policy", "r"}}.dump())
            .status == 500);
  CHECK(f.db->catalog().dbrps().empty());
  REQUIRE(::rmdir((catalog_dir + "/dbrps.json.tmp").c_str()) == 0);

  f.reopen();
  CHECK(f.db->catalog().buckets().size() == buckets_before);
  CHECK(f.call("GET", "/api/v2/orgs/" + org_id).status == 200);
  CHECK(f.call("POST", "/api/v2/buckets", json{{"orgID", f.org_id}, {"name", "nope"}}.dump()).status == 201);
}
