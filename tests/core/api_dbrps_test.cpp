#include "tests/core/api_fixture.h"

using namespace tidewater;
using namespace tidewater::testing;

namespace {
json find_by_bucket(const json& content, const std::string& bucket_id, bool is_virtual) {
  for (const auto& d : content)
    if (d["bucketID"] == bucket_id && d["virtual"] == is_virtual) return d;
  return nullptr;
}
}  // namespace

TEST_CASE("every bucket has a virtual DBRP mapping: database = name, rp = autogen") {
  ApiFixture f;
  const std::string gs = f.new_bucket(f.org_id, "get-started");
  const std::string slash = f.new_bucket(f.org_id, "db/rp1");
  const json list = f.ok_json("GET", "/api/v2/dbrps?org=o");
  CHECK(list["content"].size() == 5);  // b, _monitoring, _tasks, get-started, db/rp1
  CHECK(find_by_bucket(list["content"], gs, true) == json{{"id", gs},
                                                         {"database", "get-started"},
                                                         {"retention_policy", "autogen"},
                                                         {"default", true},
                                                         {"orgID", f.org_id},
                                                         {"bucketID", gs},
                                                         {"virtual", true}});
  const json s = find_by_bucket(list["content"], slash, true);
  CHECK(s["database"] == "db");
  CHECK(s["retention_policy"] == "rp1");
  CHECK(f.ok_json("GET", "/api/v2/dbrps?org=o&db=get-started")["content"].size() == 1);
  CHECK(f.ok_json("GET", "/api/v2/dbrps/" + gs + "?orgID=" + f.org_id)["content"]["virtual"] == true);
  // A virtual mapping cannot be patched, and deleting it changes nothing.
  CHECK(f.call("PATCH", "/api/v2/dbrps/" + gs + "?org=o", R"({"default":false})").status == 404);
  CHECK(f.call("DELETE", "/api/v2/dbrps/" + gs + "?org=o").status == 204);
  CHECK(f.ok_json("GET", "/api/v2/dbrps?org=o")["content"].size() == 5);
}

TEST_CASE("explicit DBRP mappings: create, default rules, patch, delete") {
  ApiFixture f;
  const std::string b2 = f.new_bucket(f.org_id, "b2");
  const json first = f.ok_json("POST", "/api/v2/dbrps",
                               json{{"orgID", f.org_id}, {"bucketID", f.bucket_id}, {"database", "mydb"},
                                    {"retention_policy", "rp1"}}.dump(), 201);
  const std::string id1 = first["id"];
  // The first mapping of a database is its default.
  CHECK(first == json{{"id", id1},
                      {"database", "mydb"},
                      {"retention_policy", "rp1"},
                      {"default", true},
                      {"orgID", f.org_id},
                      {"bucketID", f.bucket_id},
                      {"virtual", false}});
  const json second = f.ok_json("POST", "/api/v2/dbrps",
                                json{{"org", "o"}, {"bucketID", b2}, {"database", "mydb"}, {"retention_policy", "rp2"},
                                     {"default", true}}.dump(), 201);
  const std::string id2 = second["id"];
  CHECK(second["default"] == true);
  CHECK(f.ok_json("GET", "/api/v2/dbrps/" + id1 + "?org=o")["content"]["default"] == false);

  auto dup = f.call("POST", "/api/v2/dbrps",
                    json{{"orgID", f.org_id}, {"bucketID", b2}, {"database", "mydb"}, {"retention_policy", "rp1"}}.dump());
  CHECK(dup.status == 422);
  CHECK(body_of(dup) == json{{"code", "conflict"}, {"message", "another DBRP mapping with same orgID, db, and rp exists"}});

  // The bucket's virtual mapping is no longer the default once an explicit mapping names it.
  const json list = f.ok_json("GET", "/api/v2/dbrps?orgID=" + f.org_id);
  CHECK(find_by_bucket(list["content"], f.bucket_id, true)["default"] == false);
  CHECK(f.ok_json("GET", "/api/v2/dbrps?org=o&db=mydb&default=true")["content"] ==
        json::array({f.ok_json("GET", "/api/v2/dbrps/" + id2 + "?org=o")["content"]}));
  CHECK(f.ok_json("GET", "/api/v2/dbrps?org=o&rp=rp1")["content"].size() == 1);
  CHECK(f.ok_json("GET", "/api/v2/dbrps?org=o&bucketID=" + b2)["content"].size() == 2);  // explicit + virtual
  CHECK(f.ok_json("GET", "/api/v2/dbrps?org=o&id=" + id1)["content"].size() == 1);

  // Un-defaulting the default hands the role to the other mapping; rp renames are checked.
  json patched = f.ok_json("PATCH", "/api/v2/dbrps/" + id2 + "?org=o", R"({"default":false,"retention_policy":"rp3"})");
  CHECK(patched["content"]["default"] == false);
  CHECK(patched["content"]["retention_policy"] == "rp3");
  CHECK(f.ok_json("GET", "/api/v2/dbrps/" + id1 + "?org=o")["content"]["default"] == true);
  CHECK(f.call("PATCH", "/api/v2/dbrps/" + id2 + "?org=o", R"({"retention_policy":"rp1"})").status == 422);

  // Deleting the default makes the remaining mapping the default.
  CHECK(f.call("DELETE", "/api/v2/dbrps/" + id1 + "?org=o").status == 204);
  CHECK(f.ok_json("GET", "/api/v2/dbrps/" + id2 + "?org=o")["content"]["default"] == true);
  CHECK(body_of(f.call("GET", "/api/v2/dbrps/" + id1 + "?org=o")) == json{{"code", "not found"}, {"message", "unable to find DBRP"}});
  // Deleting a bucket deletes its mappings.
  CHECK(f.call("DELETE", "/api/v2/buckets/" + b2).status == 204);
  CHECK(f.call("GET", "/api/v2/dbrps/" + id2 + "?org=o").status == 404);
}

TEST_CASE("DBRP requests are validated") {
  ApiFixture f;
  CHECK(body_of(f.call("GET", "/api/v2/dbrps")) ==
        json{{"code", "invalid"}, {"message", "either 'org' or 'orgID' must be provided"}});
  CHECK(body_of(f.call("GET", "/api/v2/dbrps?org=zz")) == json{{"code", "not found"}, {"message", "invalid org \"zz\""}});
  CHECK(body_of(f.call("GET", "/api/v2/dbrps?orgID=12"))["message"] == "invalid org ID \"12\"");
  CHECK(body_of(f.call("GET", "/api/v2/dbrps?org=o&default=maybe"))["message"] == "invalid default parameter");
  struct Case {
    json body;
    int status;
    std::string message;
  };
  const Case cases[] = {
      {{{"bucketID", f.bucket_id}, {"database", "d"}, {"retention_policy", "r"}}, 400,
       "either 'org' or 'orgID' must be provided"},
      {{{"orgID", f.org_id}, {"bucketID", "x"}, {"database", "d"}, {"retention_policy", "r"}}, 400, "invalid bucket ID \"x\""},
      {{{"orgID", f.org_id}, {"bucketID", f.bucket_id}, {"database", ""}, {"retention_policy", "r"}}, 400,
       "DBRP provided is invalid: database must contain at least one character and only be letters, numbers, '_', '-', and '.'"},
      {{{"orgID", f.org_id}, {"bucketID", f.bucket_id}, {"database", "d"}, {"retention_policy", "a/b"}}, 400,
       "DBRP provided is invalid: retentionPolicy must contain at least one character and only be letters, numbers, '_', "
       "'-', and '.'"},
      {{{"orgID", f.org_id}, {"bucketID", "0123456789abcdef"}, {"database", "d"}, {"retention_policy", "r"}}, 404,
       "bucket not found"},
      {{{"orgID", f.org_id}, {"bucketID", f.bucket_id}, {"database", 5}, {"retention_policy", "r"}}, 400,
       "invalid json structure"},
  };
  for (const auto& c : cases) {
    auto r = f.call("POST", "/api/v2/dbrps", c.body.dump());
    INFO(c.body.dump() << " -> " << r.body);
    CHECK(r.status == c.status);
    CHECK(body_of(r)["message"] == c.message);
  }
  CHECK(f.db->catalog().dbrps().empty());
}

TEST_CASE("DBRP access follows the bucket's permissions") {
  ApiFixture f;
  const std::string b2 = f.new_bucket(f.org_id, "b2");
  auto [reader, reader_id] = f.make_token(f.org_id, ApiFixture::bucket_permission("read", f.org_id, f.bucket_id));
  auto [writer, writer_id] = f.make_token(f.org_id, ApiFixture::bucket_permission("write", f.org_id, b2));
  const json mine = body_of(f.call_as(reader, "GET", "/api/v2/dbrps?org=o"));
  REQUIRE(mine["content"].size() == 1);
  CHECK(mine["content"][0]["bucketID"] == f.bucket_id);
  CHECK(body_of(f.call_as(writer, "GET", "/api/v2/dbrps?org=o"))["content"].size() == 1);
  auto r = f.call_as(reader, "POST", "/api/v2/dbrps",
                     json{{"orgID", f.org_id}, {"bucketID", f.bucket_id}, {"database", "d"}, {"retention_policy", "r"}}.dump());
  CHECK(r.status == 401);
  CHECK(body_of(r)["message"] == "write:orgs/" + f.org_id + "/buckets/" + f.bucket_id + " is unauthorized");
  CHECK(f.call_as(writer, "POST", "/api/v2/dbrps",
                  json{{"orgID", f.org_id}, {"bucketID", b2}, {"database", "d"}, {"retention_policy", "r"}}.dump())
            .status == 201);
  CHECK(f.call_as(reader, "GET", "/api/v2/dbrps/" + b2 + "?org=o").status == 401);
}
