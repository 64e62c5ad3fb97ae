// /api/v2/query with to() and buckets(): Flux writes and lists through the caller's token, with
// the same permission checks and partial-write answers as /api/v2/write.
#include "tests/core/api_fixture.h"

using namespace tidewater;
using namespace tidewater::testing;

namespace {

api::Response flux(ApiFixture& f, const std::string& as, const std::string& script) {
  return f.call_as(as, "POST", "/api/v2/query?org=o", json{{"query", script}}.dump(),
                   {{"Content-Type", "application/json"}});
}

int count_rows(const std::string& csv) {
  int rows = 0;
  size_t pos = 0;
  while ((pos = csv.find("\r\n,_result,", pos)) != std::string::npos) { ++rows; pos += 2; }
  return rows;
}

}  // namespace

TEST_CASE("to() downsamples into a second bucket, read back with from()") {
  ApiFixture f;
  auto w = f.call("POST", "/api/v2/write?org=o&bucket=b&precision=s",
                  "home,room=Kitchen temp=21.0 1641024000\nhome,room=Kitchen temp=23.0 1641027600\n"
                  "home,room=Living\\ Room temp=21.1 1641024000\nhome,room=Living\\ Room temp=22.3 1641027600\n");
  REQUIRE(w.status == 204);
  f.ok_json("POST", "/api/v2/buckets", json{{"orgID", f.org_id}, {"name", "downsampled"}}.dump(), 201);

  auto r = flux(f, f.token, R"(from(bucket: "b")
  |> range(start: 2022-01-01T00:00:00Z, stop: 2022-01-02T00:00:00Z)
  |> filter(fn: (r) => r._measurement == "home")
  |> aggregateWindow(every: 1d, fn: mean)
  |> to(bucket: "downsampled"))");
  INFO(r.body);
  REQUIRE(r.status == 200);

  auto back = flux(f, f.token, R"(from(bucket: "downsampled") |> range(start: 2022-01-01T00:00:00Z, stop: 2022-01-03T00:00:00Z))");
  INFO(back.body);
  REQUIRE(back.status == 200);
  CHECK(count_rows(back.body) == 2);
  CHECK(back.body.find(",22,") != std::string::npos);    // Kitchen mean of 21 and 23
  CHECK(back.body.find(",21.700000000000003,") != std::string::npos);  // (21.1 + 22.3) / 2 in doubles
  CHECK(back.body.find("Living Room") != std::string::npos);
}

TEST_CASE("to() needs write permission on the target bucket; buckets() lists only readable ones") {
  ApiFixture f;
  REQUIRE(f.call("POST", "/api/v2/write?org=o&bucket=b", "m v=1 1000000000\n").status == 204);
  const json target = f.ok_json("POST", "/api/v2/buckets", json{{"orgID", f.org_id}, {"name", "target"}}.dump(), 201);
  auto [reader, id] = f.make_token(f.org_id, json::array({{{"action", "read"}, {"resource", {{"type", "buckets"}, {"orgID", f.org_id}, {"id", f.bucket_id}}}}}));

  auto denied = flux(f, reader, R"(from(bucket: "b") |> range(start: 0) |> to(bucket: "target"))");
  INFO(denied.body);
  CHECK(denied.status != 200);
  CHECK(denied.body.find("insufficient permissions for write") != std::string::npos);
  auto empty = flux(f, f.token, R"(from(bucket: "target") |> range(start: 0))");
  CHECK(count_rows(empty.body) == 0);

  auto listed = flux(f, reader, "buckets()");
  INFO(listed.body);
  REQUIRE(listed.status == 200);
  CHECK(listed.body.find(",b,") != std::string::npos);
  CHECK(listed.body.find(",target,") == std::string::npos);
  auto all = flux(f, f.token, "buckets()");
  CHECK(all.body.find(",target,") != std::string::npos);
  CHECK(all.body.find(target["id"].get<std::string>()) != std::string::npos);
}
